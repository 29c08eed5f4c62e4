import { DeadlineService } from '@anjian/activities';
import { caseWorkflowId, type ProcedureDeadline, procedureStateQuery, procedureWorkflowId, rearmDeadlinesUpdate } from '@anjian/contracts';
import { type Actor, type PolicyRule } from '@anjian/domain';
import { CalendarRepository, PolicyVersionRepository } from '@anjian/persistence';
import { sectors } from '../../seeds/catalog/sectors';
import { document } from '../api/procedure-support';
import { caseBody, eventually, inSeconds, openCaseAsLocalOfficer } from '../support/fixtures';
import { http, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { recordHistory } from '../support/record-history';
import { uploadFile } from '../support/uploads';

const ADMIN: Actor = { id: 'admin-650000-001', role: 'administrator', jurisdiction: '650000' };
const PROCEDURE = 'rectification-1';

/**
 * Deadlines come from the pinned policy version and the calendar; an explicit move re-arms the timer.
 * Cases are opened through POST /cases (the case workflow with its rectification child); a move is
 * the case workflow's `rearmDeadlines` update, which the child carries out on its own timers.
 */
describe('deadlines from policy data on running cases', () => {
  let stack: TestStack;
  let policies: PolicyVersionRepository;
  let deadlines: DeadlineService;
  beforeAll(async () => {
    stack = await startTestStack();
    policies = new PolicyVersionRepository(stack.db);
    deadlines = new DeadlineService(policies, new CalendarRepository(stack.db));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a case opened in any seeded sector gets its deadline from the policy version in force', async () => {
    const inForce = await policies.inForceAt(new Date());
    for (const sector of sectors) {
      const res = await openCaseAsLocalOfficer(stack.baseUrl, { sector: sector.id, jurisdiction: '650101' });
      expect(res.status).toBe(201);
      const d = res.body.deadline;
      expect(d).toMatchObject({ step: 'report', origin: 'policy', policyVersion: inForce!.version, calendarId: 'CN' });
      expect(res.body.policyVersion).toBe(inForce!.version);
      const expected = await deadlines.forPolicy(
        {
          procedure: 'rectification',
          step: 'report',
          sector: sector.id,
          jurisdiction: '650101',
          hazardGrade: 'major',
          start: new Date(d.start),
        },
        inForce!,
      );
      expect(d.dueAt).toBe(expected.result.dueAt.toISOString());
      expect(d.escalations.map((e: { action: string }) => e.action)).toEqual(expected.resolution.rule.escalation.map((r) => r.action));
      expect(d.explanation).toContain(`Policy v${inForce!.version}`);
    }
  });

  async function publishAfterLatest(rules: PolicyRule[], label: string) {
    const all = await policies.list();
    const latest = Math.max(Date.now(), ...all.filter((v) => v.effectiveFrom).map((v) => Date.parse(v.effectiveFrom!) + 1));
    const draft = await policies.createDraft({ label, rules, basedOn: null }, ADMIN, 'test');
    return policies.publish(draft.version, new Date(latest), ADMIN, 'test');
  }

  async function timerStartsAfter(workflowId: string, afterEventId: number): Promise<number[]> {
    const history = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? [])
      .filter((e) => Number(e.eventId) > afterEventId && e.timerStartedEventAttributes)
      .map((e) => Number(e.timerStartedEventAttributes!.startToFireTimeout!.seconds));
  }

  /** Waits until the child's report deadline satisfies `ok` (the move is forwarded by signal). */
  async function childRearmed(id: string, ok: (d: ProcedureDeadline) => boolean) {
    return eventually(
      () => stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery),
      (p) => p.deadlines.some((d) => d.step === 'report' && ok(d)),
      20_000,
      'the child re-armed its report deadline',
    );
  }

  it('moving a running case to a new policy version re-arms its timer and records the move', async () => {
    const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650202', sector: 'industry_trade' });
    const id = opened.body.id as string;
    const before = opened.body.deadline;
    const v1 = await policies.get(before.policyVersion);
    const shorter: PolicyRule = {
      procedure: 'rectification',
      step: 'report',
      sector: '*',
      jurisdictionPrefix: '6502',
      grade: 'major',
      duration: { amount: 3, unit: 'calendarDays' },
      rollOverRestDay: true,
      reminders: [],
      escalation: [],
      provenance: { kind: 'administrator_default', setBy: ADMIN.id, reason: 'local rule: 3 days for major hazards in 6502' },
    };
    const v2 = await publishAfterLatest([...v1!.rules, shorter], 'local 6502 rule');

    // The child's timers count the deadline; the case workflow forwards the move to it.
    const wfId = procedureWorkflowId(id, PROCEDURE);
    const lastEventBefore = Number((await stack.temporal.workflow.getHandle(wfId).fetchHistory()).events!.at(-1)!.eventId);
    await stack.temporal.workflow.getHandle(caseWorkflowId(id)).executeUpdate(rearmDeadlinesUpdate, {
      args: [{ actor: ADMIN, reason: 'move to the local 6502 rule', cause: 'policy_migration', policyVersion: v2.version }],
    });
    await childRearmed(id, (d) => d.policyVersion === v2.version);

    const after = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, officerIn('650202'));
    expect(after.body.policyVersion).toBe(v2.version);
    expect(after.body.deadline).toMatchObject({ policyVersion: v2.version, start: before.start, origin: 'policy' });
    const expected = await deadlines.forPolicy(
      {
        procedure: 'rectification',
        step: 'report',
        sector: 'industry_trade',
        jurisdiction: '650202',
        hazardGrade: 'major',
        start: new Date(before.start),
      },
      v2,
    );
    expect(after.body.deadline.dueAt).toBe(expected.result.dueAt.toISOString());
    expect(Date.parse(after.body.deadline.dueAt)).toBeLessThan(Date.parse(before.dueAt));

    // The case can explain itself: its pinned version now selects the local rule, and says why.
    const why = await http(stack.baseUrl, 'GET', `/cases/${id}/policy`, undefined, officerIn('650202'));
    expect(why.status).toBe(200);
    const report = why.body.steps.find((s: { query: { step: string } }) => s.query.step === 'report');
    expect(report).toMatchObject({
      found: true,
      policyVersion: { version: v2.version },
      rule: { jurisdictionPrefix: '6502', grade: 'major' },
    });
    expect(report.candidates.some((c: { outcome: string }) => c.outcome === 'outranked')).toBe(true);
    expect(why.body.steps.map((s: { query: { step: string } }) => s.query.step)).toEqual(['report', 'recheck']);

    const events = await http(stack.baseUrl, 'GET', `/cases/${id}/events`, undefined, officerIn('650202'));
    const moved = events.body.find((e: { type: string }) => e.type === 'deadline_rearmed');
    expect(moved).toMatchObject({ type: 'deadline_rearmed', data: { policyVersion: v2.version, cause: 'policy_migration' } });
    expect(moved.data.changes).toEqual([
      expect.objectContaining({
        step: 'report',
        before: expect.objectContaining({ dueAt: before.dueAt }),
        after: expect.objectContaining({ dueAt: after.body.deadline.dueAt }),
      }),
    ]);
    // Who moved it and why is recorded on the case's own stream.
    expect(events.body.find((e: { type: string }) => e.type === 'policy_moved')).toMatchObject({
      reason: 'move to the local 6502 rule',
      actor: { id: ADMIN.id, role: 'administrator' },
    });

    // The workflow's timer now counts to the new deadline, not the old one.
    const timers = await timerStartsAfter(wfId, lastEventBefore);
    const expectedSeconds = (Date.parse(after.body.deadline.dueAt) - Date.parse(moved.occurredAt)) / 1000;
    expect(timers.length).toBeGreaterThan(0);
    expect(Math.abs(timers.at(-1)! - expectedSeconds)).toBeLessThan(10);
    recordHistory(wfId, 'procedure-policy-migration');
  });

  it('a calendar change re-arms a running case on its pinned version', async () => {
    const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '650301', hazardGrade: 'general' });
    const id = opened.body.id as string;
    const before = opened.body.deadline;
    // The general-hazard rule gives one calendar day; declare that last day a local holiday.
    const lastDay = new Date(Date.parse(before.dueAt) - 1).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const calendars = new CalendarRepository(stack.db);
    const local = await calendars.saveNewVersion(
      {
        id: 'CN-650300',
        version: 1,
        knownYears: { from: 2004, to: 2026 },
        holidays: [{ date: lastDay, name: '地方节日 local festival (test)' }],
        makeupWorkdays: [],
      },
      '6503',
      ADMIN,
      'test: local holiday',
    );
    await stack.temporal.workflow.getHandle(caseWorkflowId(id)).executeUpdate(rearmDeadlinesUpdate, {
      args: [{ actor: ADMIN, reason: 'local holiday declared', cause: 'calendar_change', policyVersion: before.policyVersion }],
    });
    await childRearmed(id, (d) => d.calendarId === 'CN-650300');
    const after = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, officerIn('650301'));
    expect(after.body.deadline).toMatchObject({
      policyVersion: before.policyVersion,
      calendarId: 'CN-650300',
      calendarVersion: local.version,
    });
    expect(Date.parse(after.body.deadline.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(after.body.deadline.explanation).toContain('local festival');
  });

  /**
   * A closed case's workflows have completed (the case workflow returns once no procedure is active,
   * the child once its procedure ended), so Temporal itself refuses any update to them: the refusal
   * names that state, and nothing about the case changes. This used to assert only that *something*
   * threw, which any error (a malformed command, an unknown update, a wrong workflow id) satisfied;
   * and a closed case whose workflow kept running passed too.
   */
  it('refuses a re-arm on a closed case: its workflow has completed, and the case stays as it was', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(30 * 86_400) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: 'done', attachments: [document('整改报告.pdf')] });
    expect(reported.status).toBe(200);
    const verified = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, {
      result: 'passed',
      inspector: { id: 'i-1', name: '检查员' },
      findings: 'ok',
    });
    expect(verified.status).toBe(200);
    const closed = await eventually(
      () => http(stack.baseUrl, 'GET', `/cases/${id}`),
      (r) => r.body.status === 'closed',
      20_000,
      'the case closed',
    );
    const handle = stack.temporal.workflow.getHandle(caseWorkflowId(id));
    // The workflows finish their last handlers, then complete; one that lingers after closing leaks.
    for (const h of [handle, stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE))]) {
      await eventually(
        () => h.describe(),
        (d) => d.status.name === 'COMPLETED',
        20_000,
        `${h.workflowId} to complete`,
      );
    }
    const eventsBefore = (await http(stack.baseUrl, 'GET', `/cases/${id}/events`)).body;

    const refused: unknown = await handle
      .executeUpdate(rearmDeadlinesUpdate, {
        args: [{ actor: ADMIN, reason: 'policy v2 in force', cause: 'policy_migration', policyVersion: closed.body.policyVersion }],
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/workflow execution already completed/i);

    const after = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(after.body).toMatchObject({ status: 'closed', deadline: null });
    expect(after.body.procedures).toEqual([expect.objectContaining({ procedureId: PROCEDURE, status: 'completed', deadlines: [] })]);
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}/events`)).body).toEqual(eventsBefore);
  });
});
