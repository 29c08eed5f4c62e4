import { rectificationStateQuery, rectificationWorkflowId } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import { CaseRepository } from '@anjian/persistence';
import { http } from '../support/http';
import { caseBody, inSeconds } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * A workflow-task attempt that was killed after its projection write leaves a row the workflow
 * never committed; the retried task computes the same event at the same seq with a later time. Here
 * the killed attempt's write is reproduced directly (the SIGKILL itself is tested across processes
 * elsewhere); then the real workflow commits its version, and the projection must follow it.
 */
describe('the projection converges to what the workflow committed', () => {
  let stack: TestStack;
  let cases: CaseRepository;
  beforeAll(async () => {
    stack = await startTestStack();
    cases = new CaseRepository(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('replaces an uncommitted row at the next seq with the committed one, and the case row follows', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(3600) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    // The killed attempt's version of seq 2: the same report, counted from a minute earlier.
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const uncommitted: ArmedDeadline = {
      ...(opened.body.deadline as ArmedDeadline),
      step: 'recheck',
      start: earlier,
      dueAt: earlier,
      origin: 'policy',
    };
    await cases.record(
      id,
      [
        {
          seq: 2,
          type: 'report_submitted',
          procedure: 'rectification',
          at: earlier,
          actor: { id: 'officer-140105-001', role: 'officer', jurisdiction: '140105' },
          reason: null,
          before: 'awaiting_report',
          after: 'awaiting_recheck',
          data: { summary: '整改报告', attachments: [], late: false, deadline: uncommitted },
        },
      ],
      {
        step: 'awaiting_recheck',
        status: 'open',
        deadline: uncommitted,
        overdue: false,
        failures: 0,
        closedAt: null,
        policyVersion: uncommitted.policyVersion,
      },
    );

    const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '整改报告', attachments: [] });
    expect(reported.status).toBe(200);

    const committed = await stack.temporal.workflow.getHandle(rectificationWorkflowId(id)).query(rectificationStateQuery);
    const events = await cases.listEvents(id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events[1]!.occurredAt).not.toBe(earlier);
    expect(events[1]!.data['deadline']).toEqual(committed.state.deadline);
    const record = await cases.findById(id);
    expect(record!.deadline).toEqual(committed.state.deadline);
    expect(record!.updatedAt).toBe(events[1]!.occurredAt);
    expect(reported.body.deadline).toEqual(committed.state.deadline);
    expect(await cases.verifyChain(id)).toMatchObject({ valid: true, length: 2, keyed: true });
    expect((await cases.listCorrections(id)).map((c) => c.seq)).toEqual([2]);
  });
});
