import { temporal } from '@temporalio/proto';
import { caseWorkflowId, procedureWorkflowId } from '@anjian/contracts';
import { recordHistory } from '../support/record-history';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  act,
  caseInput,
  caseStateWhen,
  DOCUMENT,
  inMs,
  INSPECTOR,
  openCase,
  procedureHandle,
  procedureIn,
  procedureRow,
} from './case-test-kit';

const EventType = temporal.api.enums.v1.EventType;

/**
 * Performance patch `act-answers-once-projected` (docs/benchmarks.md): an officer's action answers
 * once its transition is projected, in the same workflow task that sends the report to the case
 * workflow, not a workflow task later when the report has been delivered. The report still reaches
 * the case workflow, in order, and a procedure that ends with an action still delivers its last report.
 */
describe('procedure action answered once projected', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers before the report is delivered, yet the case workflow takes every report in order and closes', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const reported = await act(stack, caseId, 'rectification-1', 'submit_report', { summary: '已整改', attachments: [DOCUMENT] });
    expect(reported).toMatchObject({ step: 'recheck', status: 'active' });
    // Projected before the answer: the row already shows the step the answer names.
    expect(await procedureRow(stack, caseId, 'rectification-1')).toMatchObject({ step: 'recheck', status: 'active' });

    const events = (await procedureHandle(stack, caseId, 'rectification-1').fetchHistory()).events!;
    const ids = (type: number) => events.filter((e) => e.eventType === type).map((e) => Number(e.eventId));
    const [completed] = ids(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    const initiated = ids(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED);
    const delivered = ids(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED);
    // Report #2 (the action's) was initiated before the answer and delivered after it.
    expect(initiated).toHaveLength(2);
    expect(completed).toBeGreaterThan(initiated[1]!);
    expect(delivered[1]).toBeGreaterThan(completed!);
    expect(events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toBe(true);

    // An action right after it waits for that delivery (reports stay in order), and the last one,
    // which ends the procedure, is delivered before the procedure's run ends: the case closes.
    const passed = await act(stack, caseId, 'rectification-1', 'record_recheck', {
      result: 'passed',
      inspector: INSPECTOR,
      findings: '合格',
    });
    expect(passed).toMatchObject({ status: 'completed', outcome: 'rectified' });
    const closed = await caseStateWhen(handle, (s) => s.status === 'closed', 'case closed');
    expect(procedureIn(closed, 'rectification-1')).toMatchObject({ status: 'completed', step: passed.step });
    expect(await handle.result()).toMatchObject({ status: 'closed' });

    // Replayed by test/replay (RECORD_HISTORIES=1 adds them): the patched path stays deterministic.
    recordHistory(caseWorkflowId(caseId), 'case-act-answers-once-projected');
    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-act-answers-once-projected');
  });
});
