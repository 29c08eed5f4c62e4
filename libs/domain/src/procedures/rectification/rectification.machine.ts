import {
  action,
  AGENCY_HEAD,
  change,
  deadlinePassedDefault,
  lateFor,
  OFFICER,
  RECORDED_BY_OFFICER,
  requireAfter,
  requireNotAfter,
  started,
  SUPERVISOR,
  unexpectedApproval,
} from '../machine-kit';
import type { Outcome, ProcedureMachine, ProcedureState } from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import {
  ConcludeEscalatedInput,
  FailureEscalation,
  LiftSuspensionInput,
  RecordRecheckInput,
  RectificationOrderKind,
  RectificationStartInput,
  SubmitRectificationReportInput,
} from './rectification.actions';

/**
 * 整改 rectification order (procedures.md §2), incl. 停产停业整顿 and its return-to-production check.
 *
 *   report --submit_report--> recheck --record_recheck(passed)--> completed 'rectified'
 *     ^                          |                 └─(suspension order)──> lift_suspension --lift_suspension--> completed
 *     └──record_recheck(failed: new deadline, failures + 1; thresholds raise the policy's requests)
 *
 * The re-check clock starts when the report arrives or the order's deadline passes, whichever is
 * first (catalog); once the deadline has passed the officer may re-check without a report.
 * A supervisor may end the order as 'escalated' at any step.
 */
export interface RectificationData {
  orderKind: RectificationOrderKind;
  failures: number;
  escalations: FailureEscalation[];
  /** The re-check deadline is running (armed by the report or by the passing of the report deadline). */
  recheckClockStarted: boolean;
  reports: number;
}

const dataOf = (s: ProcedureState): RectificationData => s.data as unknown as RectificationData;
const isSuspension = (s: ProcedureState) => dataOf(s).orderKind === 'suspend_for_rectification';

export const rectificationMachine: ProcedureMachine = {
  procedure: 'rectification',
  startInput: RectificationStartInput,

  start(procedureId, raw, ctx): Outcome {
    const input = RectificationStartInput.parse(raw);
    requireNotAfter(input.servedAt, ctx.at, 'servedAt');
    requireAfter(input.reportDueAt, ctx.at, 'reportDueAt');
    const served = input.servedAt ?? ctx.at;
    const data: RectificationData = {
      orderKind: input.orderKind,
      failures: 0,
      escalations: input.escalations,
      recheckClockStarted: false,
      reports: 0,
    };
    return started(
      procedureId,
      'rectification',
      'report',
      {
        data: { ...data },
        events: [
          {
            type: 'order_issued',
            data: {
              orderKind: input.orderKind,
              orderNo: input.orderNo ?? null,
              summary: input.summary,
              servedAt: served,
              reportDueAt: input.reportDueAt ?? null,
              attachments: input.attachments,
            },
          },
        ],
        arm: [
          {
            step: 'report',
            start: served,
            ...(input.reportDueAt ? { explicitDueAt: input.reportDueAt } : {}),
            basis: input.reportDueAt ? 'the deadline written on the order' : 'the order was served',
          },
        ],
      },
      ctx,
    );
  },

  actions: {
    submit_report: action({
      name: 'submit_report',
      nameZh: '录入整改报告（停产停业整顿的，复产申请）',
      nameEn: "Record the enterprise's report (application to resume production if suspended)",
      input: SubmitRectificationReportInput,
      roles: RECORDED_BY_OFFICER,
      steps: ['report'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const received = input.receivedAt ?? ctx.at;
        const d = dataOf(state);
        return change(
          state,
          {
            step: 'recheck',
            data: { recheckClockStarted: true, reports: d.reports + 1 },
            events: [
              {
                type: isSuspension(state) ? 'resumption_applied' : 'report_submitted',
                data: { summary: input.summary, receivedAt: received, attachments: input.attachments, late: lateFor(state, 'report') },
              },
            ],
            disarm: ['report'],
            arm: d.recheckClockStarted ? [] : [{ step: 'recheck', start: received, basis: "the enterprise's report was received" }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_recheck: action({
      name: 'record_recheck',
      nameZh: '记录复查结论（停产停业整顿的，复产验收）',
      nameEn: 'Record the re-check result (return-to-production check if suspended)',
      input: RecordRecheckInput,
      roles: OFFICER,
      steps: ['recheck', 'record_result'],
      // Once the order's deadline has passed the officer may re-check without waiting for a report.
      allowedIn: (s) => s.step === 'recheck' || (s.step === 'report' && dataOf(s).recheckClockStarted),
      apply(state, input, ctx) {
        const d = dataOf(state);
        const check = {
          inspector: input.inspector,
          findings: input.findings,
          attachments: input.attachments,
          returnToProductionCheck: isSuspension(state),
          withoutReport: state.step === 'report',
          late: lateFor(state, 'recheck'),
        };
        if (input.result === 'passed') {
          if (isSuspension(state)) {
            return change(
              state,
              { step: 'lift_suspension', events: [{ type: 'recheck_passed', data: check }], disarm: ['recheck', 'report'] },
              ctx.at,
              ctx.actor,
            );
          }
          return change(
            state,
            { step: TERMINAL_STEP, outcome: 'rectified', events: [{ type: 'recheck_passed', data: check }] },
            ctx.at,
            ctx.actor,
          );
        }
        const newDue = input.newReportDueAt as string;
        requireAfter(newDue, ctx.at, 'newReportDueAt');
        const failures = d.failures + 1;
        const reached = d.escalations.filter((e) => e.failures === failures);
        return change(
          state,
          {
            step: 'report',
            data: { failures, recheckClockStarted: false },
            events: [
              { type: 'recheck_failed', data: { ...check, failures, newReportDueAt: newDue } },
              ...reached.map((e) => ({ type: 'failure_threshold_reached', data: { failures, request: e.request } })),
            ],
            disarm: ['recheck'],
            arm: [{ step: 'report', start: ctx.at, explicitDueAt: newDue, basis: 'the new deadline set by the failed re-check' }],
            requests: reached.map((e) => e.request),
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    lift_suspension: action({
      name: 'lift_suspension',
      nameZh: '解除停产停业整顿（准予复产）',
      nameEn: 'Lift the suspension (allow production to resume)',
      input: LiftSuspensionInput,
      roles: AGENCY_HEAD,
      steps: ['lift_suspension'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: 'rectified',
            events: [
              {
                type: 'suspension_lifted',
                data: { decisionNo: input.decisionNo ?? null, summary: input.summary, attachments: input.attachments },
              },
            ],
          },
          ctx.at,
          ctx.actor,
        ),
    }),

    conclude_escalated: action({
      name: 'conclude_escalated',
      nameZh: '升级处理并终结整改（处罚、停产整顿、提请关闭、移送、挂牌）',
      nameEn: 'End the order as escalated (penalty, suspension, closure request, transfer, listing)',
      input: ConcludeEscalatedInput,
      roles: SUPERVISOR,
      steps: ['report', 'recheck', 'lift_suspension'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: 'escalated',
            events: [
              {
                type: 'rectification_escalated',
                reason: input.reason,
                data: { escalation: input.escalation, failures: dataOf(state).failures },
              },
            ],
          },
          ctx.at,
          ctx.actor,
        ),
    }),
  },

  deadlinePassed(state, step, at) {
    // The order's deadline passing starts the re-check clock when no report has started it.
    return deadlinePassedDefault(state, step, at, (s) =>
      step === 'report' && !dataOf(s).recheckClockStarted
        ? {
            data: { recheckClockStarted: true },
            arm: [{ step: 'recheck', start: at, basis: "the order's deadline passed without a report" }],
          }
        : {},
    );
  },

  approvalDecided: (state, approval) => unexpectedApproval(state, approval),
};
