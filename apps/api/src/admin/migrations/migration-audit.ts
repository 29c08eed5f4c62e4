/**
 * admin_changes entity ids for migrations, so a policy version's trail (GET …/changes) can include
 * the moves of running cases to it. Defined beside the batch's activities, which write the rows.
 */
export { migrationEntityId } from '@anjian/activities';
