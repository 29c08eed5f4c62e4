import { openCaseAsLocalOfficer } from '../support/fixtures';
import { http, OFFICER } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ADMIN, NATIONAL_ADMIN, officerIn, pathsOf, SUPERVISOR } from './admin-headers';
import { runMigration } from './migration-support';

/**
 * Deadline policy administration through the real API and database: drafts, validation with field
 * paths, publication without overlapping periods, the audit trail, the preview of open cases and the
 * migration of running cases. The database is shared by all test files: this file only touches
 * versions it creates and cases under jurisdiction prefix 6501. The regional ADMIN (650000) writes
 * drafts and migrates its own cases; only NATIONAL_ADMIN (000000) publishes.
 */
describe('administrator API: deadline policies', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const reason = '乌鲁木齐市 local default for rectification reports (test)';
  const localRule = {
    procedure: 'rectification',
    step: 'report',
    sector: '*',
    jurisdictionPrefix: '6501',
    duration: { amount: 45, unit: 'calendarDays' },
    reminders: [{ amount: 5, unit: 'calendarDays' }],
    provenance: { kind: 'administrator_default', setBy: ADMIN['x-actor-id'], reason: 'local practice (test)' },
  };

  /** Publication must come after every published version; other files may publish too, so ask. */
  async function nextEffectiveFrom(): Promise<{ latest: string; next: string }> {
    const list = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, ADMIN);
    const latest = list.body
      .filter((v: { status: string }) => v.status === 'published')
      .map((v: { effectiveFrom: string }) => v.effectiveFrom)
      .sort()
      .at(-1) as string;
    // An hour ahead: not yet in force, so cases other test files open meanwhile keep their version.
    return { latest, next: new Date(Math.max(Date.parse(latest), Date.now()) + 3600_000).toISOString() };
  }

  it('refuses every other role with 403 and changes nothing', async () => {
    const before = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, ADMIN);
    for (const headers of [OFFICER, SUPERVISOR]) {
      const list = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, headers);
      expect(list.status).toBe(403);
      expect(list.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const create = await http(stack.baseUrl, 'POST', '/admin/policies', { label: 'x', basedOn: 1, reason }, headers);
      expect(create.status).toBe(403);
      const publish = await http(
        stack.baseUrl,
        'POST',
        '/admin/policies/1/publish',
        { effectiveFrom: '2030-01-01T00:00+08:00', reason },
        headers,
      );
      expect(publish.status).toBe(403);
      const preview = await http(stack.baseUrl, 'POST', '/admin/policies/1/preview', {}, headers);
      expect(preview.status).toBe(403);
      const migrate = await http(stack.baseUrl, 'POST', '/admin/policies/1/migrations', { reason }, headers);
      expect(migrate.status).toBe(403);
    }
    const after = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, ADMIN);
    expect(after.body.filter((v: { createdBy: string }) => v.createdBy === OFFICER['x-actor-id'])).toEqual([]);
    // inForce is left out: another test file may publish a version meanwhile.
    const v1Of = (list: { version: number; inForce?: boolean }[]) => ({ ...list.find((v) => v.version === 1), inForce: undefined });
    expect(v1Of(after.body)).toEqual(v1Of(before.body));
  });

  it('drafts from v1, refuses invalid rules with field paths, publishes without overlap, and keeps the audit trail', async () => {
    const v1 = await http(stack.baseUrl, 'GET', '/admin/policies/1', undefined, ADMIN);
    expect(v1.body).toMatchObject({ version: 1, status: 'published', ruleCount: 53 });

    const noReason = await http(stack.baseUrl, 'POST', '/admin/policies', { label: 'no reason', basedOn: 1 }, ADMIN);
    expect(noReason.status).toBe(400);
    expect(pathsOf(noReason.body)).toEqual(['body.reason']);

    const created = await http(
      stack.baseUrl,
      'POST',
      '/admin/policies',
      { label: '新疆 test draft', basedOn: 1, reason: 'start the 2027 revision' },
      ADMIN,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', basedOn: 1, ruleCount: 53, effectiveFrom: null, createdBy: ADMIN['x-actor-id'] });
    const version = created.body.version as number;
    const rules = created.body.rules as Record<string, any>[];

    // zod: a negative period, reported at the rule's field.
    const negative = structuredClone(rules);
    negative[3]!.duration.amount = -1;
    const bad = await http(stack.baseUrl, 'PUT', `/admin/policies/${version}/rules`, { rules: negative, reason }, ADMIN);
    expect(bad.status).toBe(400);
    expect(pathsOf(bad.body)).toContain('body.rules.3.duration.amount');
    expect(pathsOf(bad.body).every((p) => p.startsWith('body.rules.3.'))).toBe(true);

    // Catalog: an unknown sector.
    const unknownSector = [...structuredClone(rules), { ...localRule, sector: 'no_such_sector' }];
    const unknown = await http(stack.baseUrl, 'PUT', `/admin/policies/${version}/rules`, { rules: unknownSector, reason }, ADMIN);
    expect(unknown.status).toBe(400);
    expect(pathsOf(unknown.body)).toEqual([`body.rules.${rules.length}.sector`]);
    expect(unknown.body.errors[0].message).toMatch(/unknown sector 'no_such_sector'/);

    // Two rules with the same scope would tie.
    const duplicate = [...structuredClone(rules), localRule, { ...localRule, duration: { amount: 60, unit: 'calendarDays' } }];
    const dup = await http(stack.baseUrl, 'PUT', `/admin/policies/${version}/rules`, { rules: duplicate, reason }, ADMIN);
    expect(dup.status).toBe(400);
    expect(pathsOf(dup.body)).toEqual([`body.rules.${rules.length + 1}`]);
    expect(dup.body.errors[0].message).toMatch(/same scope/);

    const edited = await http(stack.baseUrl, 'PUT', `/admin/policies/${version}/rules`, { rules: [...rules, localRule], reason }, ADMIN);
    expect(edited.status).toBe(200);
    expect(edited.body.ruleCount).toBe(54);

    // Effective periods never overlap: a version must start after the latest published one.
    const { latest, next } = await nextEffectiveFrom();
    // A published version applies nationwide: a regional administrator may not publish, and nothing changes.
    const regional = await http(stack.baseUrl, 'POST', `/admin/policies/${version}/publish`, { effectiveFrom: next, reason }, ADMIN);
    expect(regional.status).toBe(403);
    expect(regional.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(regional.body.detail).toMatch(/national administrator \(国家级管理员, jurisdiction 000000\)/);
    const stillDraft = await http(stack.baseUrl, 'GET', `/admin/policies/${version}`, undefined, ADMIN);
    expect(stillDraft.body).toMatchObject({ status: 'draft', effectiveFrom: null, ruleCount: 54 });
    expect(stillDraft.body).toEqual(edited.body);

    const overlapping = await http(
      stack.baseUrl,
      'POST',
      `/admin/policies/${version}/publish`,
      { effectiveFrom: latest, reason },
      NATIONAL_ADMIN,
    );
    expect(overlapping.status).toBe(400);
    expect(pathsOf(overlapping.body)).toEqual(['body.effectiveFrom']);
    expect(overlapping.body.errors[0].message).toMatch(/overlaps/);

    const published = await http(
      stack.baseUrl,
      'POST',
      `/admin/policies/${version}/publish`,
      { effectiveFrom: next, reason: 'approved by the bureau (test)' },
      NATIONAL_ADMIN,
    );
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', effectiveFrom: next, inForce: false });

    // Published means immutable.
    const late = await http(stack.baseUrl, 'PUT', `/admin/policies/${version}/rules`, { rules, reason }, ADMIN);
    expect(late.status).toBe(409);
    const gone = await http(stack.baseUrl, 'DELETE', `/admin/policies/${version}`, { reason }, ADMIN);
    expect(gone.status).toBe(409);

    // Who, when, why, before and after — and only for what actually changed.
    const trail = await http(stack.baseUrl, 'GET', `/admin/policies/${version}/changes`, undefined, ADMIN);
    expect(trail.status).toBe(200);
    expect(trail.body.map((c: { action: string }) => c.action)).toEqual(['create_draft', 'edit_rules', 'publish']);
    // The draft is the regional administrator's; publication the national one's. The refused attempt left no trace.
    expect(trail.body.map((c: { actorId: string }) => c.actorId)).toEqual([
      ADMIN['x-actor-id'],
      ADMIN['x-actor-id'],
      NATIONAL_ADMIN['x-actor-id'],
    ]);
    for (const c of trail.body) expect(c).toMatchObject({ actorRole: 'administrator', at: expect.any(String) });
    expect(trail.body[0]).toMatchObject({ reason: 'start the 2027 revision', before: null, after: { basedOn: 1 } });
    expect(trail.body[1].before.rules).toHaveLength(53);
    expect(trail.body[1].after.rules).toHaveLength(54);
    expect(trail.body[2]).toMatchObject({
      reason: 'approved by the bureau (test)',
      before: { status: 'draft' },
      after: { status: 'published', effectiveFrom: next },
    });
  });

  it('deletes a draft with a reason (body or query); the trail keeps it', async () => {
    const created = await http(
      stack.baseUrl,
      'POST',
      '/admin/policies',
      { label: 'throwaway', rules: [localRule], reason: 'try something' },
      ADMIN,
    );
    expect(created.status).toBe(201);
    const version = created.body.version as number;
    const noReason = await http(stack.baseUrl, 'DELETE', `/admin/policies/${version}`, undefined, ADMIN);
    expect(noReason.status).toBe(400);
    const deleted = await http(
      stack.baseUrl,
      'DELETE',
      `/admin/policies/${version}?reason=${encodeURIComponent('not needed')}`,
      undefined,
      ADMIN,
    );
    expect(deleted.status).toBe(204);
    expect((await http(stack.baseUrl, 'GET', `/admin/policies/${version}`, undefined, ADMIN)).status).toBe(404);
    const trail = await http(stack.baseUrl, 'GET', `/admin/policies/${version}/changes`, undefined, ADMIN);
    expect(trail.body.map((c: { action: string }) => c.action)).toEqual(['create_draft', 'delete_draft']);
    expect(trail.body[1]).toMatchObject({ reason: 'not needed', after: null });

    // The next draft never takes the deleted one's number (its trail would become the new draft's).
    const next = await http(stack.baseUrl, 'POST', '/admin/policies', { label: 'next', rules: [localRule], reason: 'again' }, ADMIN);
    expect(next.status).toBe(201);
    expect(next.body.version).toBeGreaterThan(version);
    const nextTrail = await http(stack.baseUrl, 'GET', `/admin/policies/${next.body.version}/changes`, undefined, ADMIN);
    expect(nextTrail.body.map((c: { action: string }) => c.action)).toEqual(['create_draft']);
    await http(stack.baseUrl, 'DELETE', `/admin/policies/${next.body.version}?reason=done`, undefined, ADMIN);
  });

  it('previews open cases under a draft — before/after, an order date kept — and changes nothing', async () => {
    const byPolicy = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650102', hazardGrade: 'major' });
    expect(byPolicy.status).toBe(201);
    // Pinned to whichever version is in force (other test files may publish one meanwhile).
    expect(byPolicy.body.deadline).toMatchObject({ origin: 'policy', policyVersion: expect.any(Number) });
    const pinned = byPolicy.body.deadline.policyVersion as number;
    const reportDueAt = new Date(Date.now() + 20 * 86400_000).toISOString();
    const byOrder = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650103', reportDueAt });
    expect(byOrder.status).toBe(201);

    const base = await http(stack.baseUrl, 'GET', `/admin/policies/${pinned}`, undefined, ADMIN);
    const draft = await http(
      stack.baseUrl,
      'POST',
      '/admin/policies',
      { label: 'preview draft', rules: [...base.body.rules, localRule], reason: 'see what 45 days would do' },
      ADMIN,
    );
    const res = await http(
      stack.baseUrl,
      'POST',
      `/admin/policies/${draft.body.version}/preview`,
      { filter: { jurisdictionPrefix: '6501' } },
      ADMIN,
    );
    expect(res.status).toBe(200);
    expect(res.body.version).toMatchObject({ version: draft.body.version, status: 'draft' });
    const policyRow = res.body.cases.find((c: { caseId: string }) => c.caseId === byPolicy.body.id);
    const start = Date.parse(byPolicy.body.deadline.start);
    expect(policyRow).toMatchObject({
      step: 'report',
      before: { dueAt: byPolicy.body.deadline.dueAt, origin: 'policy', policyVersion: pinned },
      after: { policyVersion: draft.body.version },
    });
    // The seeded rules give a major hazard 90 days; the local rule gives 45 (then 24:00, possibly rolled off a rest day).
    expect(Date.parse(policyRow.after.dueAt) - start).toBeGreaterThan(45 * 86400_000 - 86400_000);
    expect(Date.parse(policyRow.after.dueAt) - start).toBeLessThan(50 * 86400_000);
    expect(policyRow.change).toBe('earlier');
    const orderRow = res.body.cases.find((c: { caseId: string }) => c.caseId === byOrder.body.id);
    expect(orderRow).toMatchObject({
      change: 'order_date_kept',
      before: { dueAt: reportDueAt, origin: 'order' },
      after: { dueAt: reportDueAt },
    });
    expect(orderRow.note).toMatch(/written on the order/);
    expect(res.body.counts.cases).toBe(res.body.cases.length);
    expect(res.body.counts.earlier).toBeGreaterThanOrEqual(1);
    expect(res.body.counts.orderDateKept).toBeGreaterThanOrEqual(1);

    // An administrator only reaches cases in their own subtree, as in the cases API.
    const elsewhere = await http(
      stack.baseUrl,
      'POST',
      `/admin/policies/${draft.body.version}/preview`,
      { filter: { jurisdictionPrefix: '6501' } },
      { ...ADMIN, 'x-actor-jurisdiction': '140000' },
    );
    expect(elsewhere.body.counts.cases).toBe(0);

    const unchanged = await http(stack.baseUrl, 'GET', `/cases/${byPolicy.body.id}`, undefined, officerIn('650102'));
    expect(unchanged.body.deadline).toEqual(byPolicy.body.deadline);
    expect(unchanged.body.lastSeq).toBe(byPolicy.body.lastSeq);

    const draftMigration = await http(
      stack.baseUrl,
      'POST',
      `/admin/policies/${draft.body.version}/migrations`,
      { filter: { jurisdictionPrefix: '6501' }, reason },
      ADMIN,
    );
    expect(draftMigration.status).toBe(409);
  });
  it('migrates a running case to a published version: its deadline is re-armed and the move is recorded', async () => {
    const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650105', hazardGrade: 'major' });
    expect(opened.status).toBe(201);
    const before = opened.body.deadline;
    const base = await http(stack.baseUrl, 'GET', `/admin/policies/${before.policyVersion}`, undefined, ADMIN);
    const draft = await http(
      stack.baseUrl,
      'POST',
      '/admin/policies',
      { label: 'migration target', rules: [...base.body.rules, localRule], reason: 'local default' },
      ADMIN,
    );
    const version = draft.body.version as number;
    const { next } = await nextEffectiveFrom();
    expect(
      (await http(stack.baseUrl, 'POST', `/admin/policies/${version}/publish`, { effectiveFrom: next, reason: 'approved' }, ADMIN)).status,
    ).toBe(403);
    expect(
      (await http(stack.baseUrl, 'POST', `/admin/policies/${version}/publish`, { effectiveFrom: next, reason: 'approved' }, NATIONAL_ADMIN))
        .status,
    ).toBe(200);

    const filter = { jurisdictionPrefix: '650105' };
    const preview = await http(stack.baseUrl, 'POST', `/admin/policies/${version}/preview`, { filter }, ADMIN);
    const expected = preview.body.cases.find((c: { caseId: string }) => c.caseId === opened.body.id).after.dueAt;

    // The request starts a batch and answers at once; its status URL shows the outcome per case.
    const run = await runMigration(
      stack.baseUrl,
      `/admin/policies/${version}/migrations`,
      { filter, reason: 'move 650105 to the local default' },
      ADMIN,
    );
    expect(run.started.status).toBe(202);
    expect(run.started.headers.get('location')).toBe(`/admin/migrations/${run.started.body.id}`);
    expect(run.started.body).toMatchObject({
      status: 'running',
      target: `policy v${version}`,
      statusUrl: `/admin/migrations/${run.started.body.id}`,
    });
    expect(run.status).toMatchObject({ status: 'completed', listingComplete: true, target: `policy v${version}` });
    const result = run.cases.find((r) => r.caseId === opened.body.id);
    expect(result).toMatchObject({
      status: 'moved',
      before: { dueAt: before.dueAt, policyVersion: before.policyVersion },
      after: { dueAt: expected, policyVersion: version },
    });

    const after = await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}`, undefined, ADMIN);
    expect(after.body).toMatchObject({
      policyVersion: version,
      deadline: { policyVersion: version, dueAt: expected, start: before.start },
    });
    const events = await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}/events`, undefined, ADMIN);
    expect(events.body.at(-1)).toMatchObject({
      type: 'deadline_rearmed',
      reason: 'move 650105 to the local default',
      actor: { id: ADMIN['x-actor-id'] },
    });

    // Repeating the run skips cases already moved.
    const again = await runMigration(stack.baseUrl, `/admin/policies/${version}/migrations`, { filter, reason: 'again' }, ADMIN);
    expect(again.started.body.id).not.toBe(run.started.body.id);
    expect(again.cases.find((r) => r.caseId === opened.body.id)).toMatchObject({
      status: 'skipped',
      note: `already on policy v${version}`,
    });

    const trail = await http(stack.baseUrl, 'GET', `/admin/policies/${version}/changes`, undefined, ADMIN);
    const migrations = trail.body.filter((c: { entity: string }) => c.entity === 'case_migration');
    expect(migrations.map((c: { action: string }) => c.action)).toEqual([
      'policy_migration:start',
      'policy_migration:finish',
      'policy_migration:start',
      'policy_migration:finish',
    ]);
    expect(migrations[1]).toMatchObject({
      reason: 'move 650105 to the local default',
      after: { migrationId: run.started.body.id, counts: { moved: run.status.counts.moved } },
    });
    expect(migrations[1].after.results.find((r: { caseId: string }) => r.caseId === opened.body.id)).toMatchObject({ status: 'moved' });
  });
});
