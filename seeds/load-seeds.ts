import type { Actor } from '@anjian/domain';
import { CalendarRepository, DirectoryRepository, PolicyVersionRepository } from '@anjian/persistence';
import type { DataSource } from 'typeorm';
import { nationalCalendarFromChineseDays } from './calendar/chinese-days';
import { DEFAULT_POLICY_VERSION, defaultRules } from './policies/default-rules';
import { DEMO_USERS } from './directory/demo-users';
import { JURISDICTIONS } from './directory/jurisdictions';

export const SEED_ACTOR: Actor = { id: 'system-seed', name: '系统初始化 system seed', role: 'administrator', jurisdiction: '000000' };

/** The first policy version is in force from the start of the 治本攻坚 three-year action (2024-01-01). */
export const DEFAULT_POLICY_EFFECTIVE_FROM = new Date('2024-01-01T00:00:00+08:00');

/**
 * Loads reference data; safe to run on every start. The national calendar gets a new version when
 * the chinese-days package knows years the database does not (e.g. after the State Council publishes
 * next year's schedule and the package is updated); administrators' own versions are never replaced.
 */
export async function loadSeeds(db: DataSource): Promise<string[]> {
  const done: string[] = [];
  // The directory first: 行政区划 (missing ones added) and demo users (a missing one added, an existing one left as administrators set it).
  const directory = new DirectoryRepository(db);
  const addedJurisdictions = await directory.addMissingJurisdictions(JURISDICTIONS);
  if (addedJurisdictions) done.push(`${addedJurisdictions} jurisdictions (行政区划)`);
  let addedUsers = 0;
  for (const user of DEMO_USERS) if (await directory.createUserIfMissing(user)) addedUsers++;
  if (addedUsers) done.push(`${addedUsers} demo users`);
  const calendars = new CalendarRepository(db);
  const national = await calendars.get('CN');
  const fromPackage = nationalCalendarFromChineseDays(1);
  if (!national) {
    await calendars.saveNewVersion(fromPackage, null, SEED_ACTOR, 'national working-day calendar from the chinese-days package');
    done.push(`calendar CN v1 (${fromPackage.knownYears.from}–${fromPackage.knownYears.to})`);
  } else if (national.createdBy === SEED_ACTOR.id && fromPackage.knownYears.to > national.data.knownYears.to) {
    const saved = await calendars.saveNewVersion(
      fromPackage,
      null,
      SEED_ACTOR,
      `chinese-days package now covers up to ${fromPackage.knownYears.to}`,
    );
    done.push(`calendar CN v${saved.version}`);
  }

  const policies = new PolicyVersionRepository(db);
  if ((await policies.list()).length === 0) {
    const draft = await policies.createDraft(
      { label: DEFAULT_POLICY_VERSION, rules: [...defaultRules], basedOn: null },
      SEED_ACTOR,
      'default deadline policies seeded from the seed documents and procedures.md §3',
    );
    await policies.publish(draft.version, DEFAULT_POLICY_EFFECTIVE_FROM, SEED_ACTOR, 'initial policy version');
    done.push(`policy v${draft.version} (${defaultRules.length} rules)`);
  }
  return done;
}
