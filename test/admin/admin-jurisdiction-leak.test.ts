import { openCaseAsLocalOfficer } from '../support/fixtures';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ADMIN, NATIONAL_ADMIN } from './admin-headers';
import { runMigration } from './migration-support';

/** A provincial administrator of 山西 (14), beside the file's 新疆 (65) ADMIN. */
const SHANXI_ADMIN = { 'x-actor-id': 'admin-140000-001', 'x-actor-role': 'administrator', 'x-actor-jurisdiction': '140000' };

/**
 * A policy version's audit trail (GET /admin/policies/:version/changes) lists the migrations of
 * running cases to it. A national migration touches cases everywhere; a regional administrator must
 * see only the cases of their own subtree in it, and not at all a migration that touched none of
 * theirs. Cases here: 650106 (新疆) and 140121 (山西), sector fireworks; other files' fireworks cases (e.g.
 * deadline-policy opens one under 650101) may match too, so the checks are about jurisdictions, not exact sets.
 */
describe('administrator API: the policy audit trail stays inside the caller’s jurisdiction', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows a regional administrator only their own cases of a national migration, with counts over those', async () => {
    // A published version the cases are not on yet (effective in the future, so new cases keep theirs).
    const list = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, NATIONAL_ADMIN);
    const published = list.body.filter((v: { status: string }) => v.status === 'published');
    const latest = published
      .map((v: { effectiveFrom: string }) => v.effectiveFrom)
      .sort()
      .at(-1) as string;
    const basedOn = Math.max(...published.map((v: { version: number }) => v.version));
    const reason = 'jurisdiction leak test';
    const draft = await http(stack.baseUrl, 'POST', '/admin/policies', { label: 'leak test', basedOn, reason }, NATIONAL_ADMIN);
    expect(draft.status).toBe(201);
    const version = draft.body.version as number;
    const effectiveFrom = new Date(Math.max(Date.parse(latest), Date.now()) + 3600_000).toISOString();
    const publish = await http(stack.baseUrl, 'POST', `/admin/policies/${version}/publish`, { effectiveFrom, reason }, NATIONAL_ADMIN);
    expect(publish.status).toBe(200);

    const xinjiang = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650106', sector: 'fireworks' });
    const shanxi = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '140121', sector: 'fireworks' });
    expect([xinjiang.status, shanxi.status]).toEqual([201, 201]);
    const [xj, sx] = [xinjiang.body.id as string, shanxi.body.id as string];

    // One national migration over both regions, then one over 山西 alone.
    const both = await runMigration(
      stack.baseUrl,
      `/admin/policies/${version}/migrations`,
      { filter: { sector: 'fireworks' }, reason },
      NATIONAL_ADMIN,
    );
    expect(both.status).toMatchObject({ status: 'completed' });
    // Other files open cases in every sector (deadline-policy: each sector under 650101), so more may match.
    const migratedIds = both.cases.map((r) => r.caseId);
    expect(migratedIds).toEqual(expect.arrayContaining([xj, sx]));
    const rows = (await stack.db.query('SELECT id, jurisdiction FROM cases WHERE id = ANY($1)', [migratedIds])) as {
      id: string;
      jurisdiction: string;
    }[];
    const jurisdictionOf = new Map(rows.map((r) => [r.id, r.jurisdiction]));
    const under = (prefix: string) => (ids: string[]) => ids.every((id) => jurisdictionOf.get(id)?.startsWith(prefix));
    const shanxiOnly = await runMigration(
      stack.baseUrl,
      `/admin/policies/${version}/migrations`,
      { filter: { sector: 'fireworks', jurisdictionPrefix: '1401' }, reason: 'second run, 山西 only' },
      NATIONAL_ADMIN,
    );
    expect(shanxiOnly.status).toMatchObject({ status: 'completed' });

    // The batches' own status: a regional administrator sees the national batch with only their cases, not the 山西 one.
    const regionalStatus = await http(stack.baseUrl, 'GET', both.started.body.statusUrl, undefined, ADMIN);
    expect(regionalStatus.status).toBe(200);
    const regionalCases = await http(stack.baseUrl, 'GET', `${both.started.body.casesUrl}?limit=1000`, undefined, ADMIN);
    expect(regionalCases.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(xj);
    expect(under('65')(regionalCases.body.cases.map((c: { caseId: string }) => c.caseId))).toBe(true);
    expect(regionalStatus.body.counts.listed).toBe(regionalCases.body.cases.length);
    expect((await http(stack.baseUrl, 'GET', shanxiOnly.started.body.statusUrl, undefined, ADMIN)).status).toBe(404);

    const trail = (headers: Record<string, string>) => http(stack.baseUrl, 'GET', `/admin/policies/${version}/changes`, undefined, headers);
    const migrationRows = (body: { entity: string; action: string; before: any; after: any }[]) =>
      body.filter((c) => c.entity === 'case_migration');

    // The national administrator sees everything: 2 runs × (start, finish).
    const national = await trail(NATIONAL_ADMIN);
    expect(national.status).toBe(200);
    expect(migrationRows(national.body)).toHaveLength(4);
    expect(JSON.stringify(national.body)).toContain(sx);

    // 新疆: only its own case, in the first run only; counts recounted over what it sees.
    const regional = await trail(ADMIN);
    expect(regional.status).toBe(200);
    const text = JSON.stringify(regional.body);
    expect(text).toContain(xj);
    expect(text).not.toContain(sx);
    const regionalRows = migrationRows(regional.body);
    // The national batch's start and finish (a start row names no cases: it goes with its batch); not the 山西 batch.
    expect(regionalRows.map((r) => r.action)).toEqual(['policy_migration:start', 'policy_migration:finish']);
    expect(regionalRows.map((r) => r.after.migrationId)).toEqual([both.started.body.id, both.started.body.id]);
    const results = regionalRows[1]!.after.results as { caseId: string; status: string }[];
    expect(under('65')(results.map((r) => r.caseId))).toBe(true);
    const count = (status: string) => results.filter((r) => r.status === status).length;
    expect(regionalRows[1]!.after.counts).toEqual({
      listed: results.length,
      pending: count('pending'),
      moved: count('moved'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    });
    // Same rules as the version in force, unless the case pinned another one: re-armed either way.
    expect(results.find((r) => r.caseId === xj)?.status).toMatch(/^(moved|unchanged)$/);
    // The version's own changes (draft, publish) are not about cases and stay visible.
    expect(regional.body.filter((c: { entity: string }) => c.entity === 'policy_version').map((c: { action: string }) => c.action)).toEqual(
      national.body.filter((c: { entity: string }) => c.entity === 'policy_version').map((c: { action: string }) => c.action),
    );

    // 山西: its case in both runs, never 新疆's.
    const shanxiTrail = await trail(SHANXI_ADMIN);
    expect(JSON.stringify(shanxiTrail.body)).not.toContain(xj);
    for (const row of migrationRows(shanxiTrail.body).filter((r) => r.after?.results)) {
      expect(under('14')(row.after.results.map((r: { caseId: string }) => r.caseId))).toBe(true);
    }
    expect(migrationRows(shanxiTrail.body)).toHaveLength(4);
  });
});
