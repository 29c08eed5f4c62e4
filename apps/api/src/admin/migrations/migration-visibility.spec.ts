import type { AdminChangeRecord } from '@anjian/persistence';
import { visibleMigrationRows } from './migration-visibility';

const row = (id: number, action: string, after: unknown, actorId = 'admin-000000-001'): AdminChangeRecord => ({
  id,
  entity: 'case_migration',
  entityId: 'policy_version:3',
  action,
  actorId,
  actorRole: 'administrator',
  reason: 'r',
  before: action.endsWith(':start') ? { filter: {} } : null,
  after,
  at: '2026-12-02T00:00:00.000Z',
});

const counts = { listed: 2, pending: 0, moved: 1, unchanged: 0, skipped: 1, failed: 0 };
const results = [
  { caseId: 'xj', status: 'moved' },
  { caseId: 'sx', status: 'skipped' },
];
const national = [
  row(1, 'policy_migration:start', { migrationId: 'm1', target: 'policy v3' }),
  row(2, 'policy_migration:finish', { migrationId: 'm1', target: 'policy v3', counts, results }),
];
const inXinjiang = (id: string) => id === 'xj';

describe('visibleMigrationRows', () => {
  it("shows a batch's start row together with its finish when the batch touched one of the caller's cases, recounted over those", () => {
    const shown = visibleMigrationRows(national, inXinjiang, 'admin-650000-001');
    expect(shown.map((r) => r.id)).toEqual([1, 2]);
    expect(shown[1]!.after).toMatchObject({
      results: [{ caseId: 'xj', status: 'moved' }],
      counts: { listed: 1, pending: 0, moved: 1, unchanged: 0, skipped: 0, failed: 0 },
    });
    expect(JSON.stringify(shown)).not.toContain('"sx"');
  });

  it("hides a batch that touched none of the caller's cases, unless the caller ran it", () => {
    expect(visibleMigrationRows(national, () => false, 'admin-650000-001')).toEqual([]);
    expect(visibleMigrationRows(national, () => false, 'admin-000000-001').map((r) => r.id)).toEqual([1, 2]);
  });

  it('judges a still running batch (start row only) by who ran it', () => {
    const running = [row(3, 'policy_migration:start', { migrationId: 'm2', target: 'policy v3' })];
    expect(visibleMigrationRows(running, () => true, 'someone-else')).toEqual([]);
    expect(visibleMigrationRows(running, () => true, 'admin-000000-001')).toHaveLength(1);
  });

  it('keeps rows written before batches (cases listed in the start row, older counts) working', () => {
    const old = [
      { ...row(4, 'policy_migration:start', { target: 'policy v3' }), before: { filter: {}, cases: [{ caseId: 'xj' }, { caseId: 'sx' }] } },
      row(5, 'policy_migration:finish', {
        target: 'policy v3',
        counts: { matched: 2, migrated: 2, skipped: 0, failed: 0, deferred: 0 },
        results: [
          { caseId: 'xj', status: 'migrated' },
          { caseId: 'sx', status: 'migrated' },
        ],
      }),
    ];
    const shown = visibleMigrationRows(old, inXinjiang, 'admin-650000-001');
    expect(shown.map((r) => r.id)).toEqual([4, 5]);
    expect(shown[0]!.before).toEqual({ filter: {}, cases: [{ caseId: 'xj' }] });
    expect((shown[1]!.after as { counts: unknown }).counts).toEqual({ matched: 1, migrated: 1, skipped: 0, failed: 0, deferred: 0 });
  });
});
