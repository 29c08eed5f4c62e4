import { randomUUID } from 'node:crypto';
import { createCaseActivities, DeadlineConfigurationError } from '@anjian/activities';
import {
  type ArmDeadlineRequest,
  CASE_NOT_OPENED,
  DEADLINE_CONFIGURATION,
  openedUpdate,
  rectificationStateQuery,
  rectificationWorkflowId,
  type SequencedEventDto,
  submitReportUpdate,
} from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import {
  ApplicationFailure,
  Client,
  Connection,
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { caseBody } from '../support/fixtures';
import { installQuietRuntime } from '../support/quiet-runtime';
import { workflowSinks } from '../../apps/worker/src/create-worker';

const SECOND = 1_000;
const actor = { id: 'officer-140105-001', role: 'officer' as const, jurisdiction: '140105' };

/**
 * The workflow with stubbed activities on the real Temporal dev server: orderings that are hard to
 * hit with real activities, made deterministic by stopping the worker while they are set up.
 */
describe('rectification workflow: deadline race and failed opening (stubbed activities)', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  const namespace = process.env['TEST_TEMPORAL_NAMESPACE']!;
  beforeAll(async () => {
    installQuietRuntime();
    const address = process.env['TEST_TEMPORAL_ADDRESS']!;
    connection = await Connection.connect({ address });
    nativeConnection = await NativeConnection.connect({ address });
    client = new Client({ connection, namespace });
  });
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
  });

  /** What the stubbed projection received, per case. */
  const projected = new Map<string, SequencedEventDto[]>();
  let arm: (req: ArmDeadlineRequest) => Promise<ArmedDeadline>;

  const stubDeadline = (req: ArmDeadlineRequest, ms: number): ArmedDeadline => ({
    step: req.step,
    start: req.start,
    dueAt: new Date(Date.parse(req.start) + ms).toISOString(),
    origin: 'policy',
    policyVersion: 1,
    calendarId: 'CN',
    calendarVersion: 1,
    explanation: 'stub',
    reminders: [],
    escalations: [],
    outsideKnownYears: false,
  });

  async function withWorker<T>(taskQueue: string, fn: () => Promise<T>): Promise<T> {
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowBundle: { codePath: process.env['TEST_WORKFLOW_BUNDLE']! },
      // The bundle carries the tracing interceptors: their sink must be there.
      sinks: workflowSinks(),
      // The real activity wrappers (error typing) around stubbed dependencies.
      activities: createCaseActivities({
        deadlines: {
          arm: (req) => arm(req),
        },
        cases: {
          record: async (caseId, events) => {
            projected.set(caseId, [...(projected.get(caseId) ?? []).filter((e) => !events.some((n) => n.seq === e.seq)), ...events]);
            return { appended: events.length, corrected: 0 };
          },
        },
      }),
    });
    return worker.runUntil(fn);
  }

  const input = (sector: string) => ({
    ...caseBody({ sector }),
    description: '',
    orderKind: 'within_deadline' as const,
    hazardGrade: 'major' as const,
    source: 'inspection' as const,
  });

  async function start(taskQueue: string, caseId: string, sector = 'mining') {
    const openedAt = new Date().toISOString();
    return client.workflow.start('rectificationWorkflow', {
      taskQueue,
      workflowId: rectificationWorkflowId(caseId),
      args: [{ caseId, actor, openedAt, input: input(sector) }],
    });
  }

  it('drops the miss of a deadline an action has already replaced while the timer fired (the new one is not marked missed)', async () => {
    arm = async (req) => stubDeadline(req, req.step === 'report' ? 3 * SECOND : 6 * SECOND);
    const taskQueue = `race-${randomUUID()}`;
    const caseId = randomUUID();
    const handle = await withWorker(taskQueue, async () => {
      const h = await start(taskQueue, caseId);
      await h.executeUpdate(openedUpdate);
      return h;
    });

    // No worker: the report deadline's timer fires on the server, then the report arrives. The next
    // workflow task carries both, so the report is queued while the timer's transition is pending.
    await eventually(async () => (await handle.fetchHistory()).events?.some((e) => e.timerFiredEventAttributes) ?? false);
    const reporting = handle.executeUpdate(submitReportUpdate, { args: [{ actor, input: { summary: '已整改', attachments: [] } }] });
    await new Promise((r) => setTimeout(r, 2 * SECOND)); // the update request reaches the server before a worker polls

    await withWorker(taskQueue, async () => {
      const reported = await reporting;
      expect(reported.state).toMatchObject({ step: 'awaiting_recheck' });
      const recheckDue = Date.parse(reported.state.deadline!.dueAt);
      // It arrived after its deadline: it says so itself.
      expect(projected.get(caseId)!.find((e) => e.type === 'report_submitted')!.data['late']).toBe(true);

      // The re-check deadline is marked missed by its own timer, when it passes, and only then.
      const missed = await eventually(async () => projected.get(caseId)!.filter((e) => e.type === 'deadline_missed'));
      expect(missed).toHaveLength(1);
      expect((missed[0]!.data['deadline'] as ArmedDeadline).step).toBe('recheck');
      expect(Date.parse(missed[0]!.at)).toBeGreaterThanOrEqual(recheckDue);
      expect(projected.get(caseId)!.map((e) => [e.seq, e.type])).toEqual([
        [1, 'order_issued'],
        [2, 'report_submitted'],
        [3, 'deadline_missed'],
      ]);
      expect((await handle.query(rectificationStateQuery)).state.overdue).toBe(true);
    });
  });

  it('ends a case whose configuration is missing with a typed failure the opened update reports; nothing projected', async () => {
    arm = async (req) => {
      throw new DeadlineConfigurationError(`policy version 1 has no rule for rectification/${req.step} in sector ${req.sector}`);
    };
    const taskQueue = `opening-${randomUUID()}`;
    await withWorker(taskQueue, async () => {
      const caseId = randomUUID();
      // As the API opens a case: update-with-start, the update delivered with the first workflow task.
      const startOp = new WithStartWorkflowOperation('rectificationWorkflow', {
        taskQueue,
        workflowId: rectificationWorkflowId(caseId),
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ caseId, actor, openedAt: new Date().toISOString(), input: input('fireworks') }],
      });
      const err = await client.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: startOp }).catch((e: unknown) => e);
      const handle = await startOp.workflowHandle();
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe(DEADLINE_CONFIGURATION);
      expect(cause.message).toContain('rectification/report in sector fireworks');

      const ended = await handle.result().catch((e: unknown) => e);
      expect(ended).toBeInstanceOf(WorkflowFailedError);
      expect(((ended as WorkflowFailedError).cause as ApplicationFailure).type).toBe(CASE_NOT_OPENED);
      expect((await handle.describe()).status.name).toBe('FAILED');
      expect(projected.get(caseId)).toBeUndefined();
    });
  });

  /** Polls until `fn` answers something truthy (non-empty for arrays); fails after 30 s. */
  async function eventually<T>(fn: () => Promise<T>): Promise<T> {
    const until = Date.now() + 30 * SECOND;
    for (;;) {
      const v = await fn();
      if (Array.isArray(v) ? v.length > 0 : Boolean(v)) return v;
      if (Date.now() > until) throw new Error('condition not reached within 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
