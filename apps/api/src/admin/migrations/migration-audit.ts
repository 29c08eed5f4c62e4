/**
 * admin_changes entity ids for migrations, so a policy version's trail (GET …/changes) can include
 * the moves of running cases to it.
 */
export const migrationEntityId = {
  policy: (version: number) => `policy_version:${version}`,
  calendar: (id: string) => `calendar:${id}`,
};
