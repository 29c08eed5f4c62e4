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
import type { ProcedureMachine, ProcedureState } from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import {
  ConcludeInterviewInput,
  FollowUpInput,
  HoldInterviewInput,
  InterviewStartInput,
  InterviewWrittenReportInput,
  IssueInterviewNoticeInput,
  RecordTriggerInput,
} from './interview.actions';

/**
 * 约谈 interview:
 *
 *   record_trigger → issue_notice (agency head) → hold_interview → written_report → follow_up (回头看)
 *        → conclude (supervisor): completed 'resolved' | 'escalated' (通报 / 曝光 / 问责)
 *
 * The follow-up clock starts when the written report is received or its deadline passes (catalog), so
 * the report deadline passing moves the interview on to the follow-up; a report arriving later is
 * still recorded (late) there.
 */
const reportReceived = (s: ProcedureState): boolean => s.data['reportReceived'] === true;

export const interviewMachine: ProcedureMachine = {
  procedure: 'interview',
  startInput: InterviewStartInput,

  start(procedureId, raw, ctx) {
    const input = InterviewStartInput.parse(raw);
    return started(
      procedureId,
      'interview',
      'record_trigger',
      { data: { reportReceived: false }, events: [{ type: 'interview_started', data: { reason: input.reason ?? null } }] },
      ctx,
    );
  },

  actions: {
    record_trigger: action({
      name: 'record_trigger',
      nameZh: '记录约谈事由',
      nameEn: 'Record the trigger',
      input: RecordTriggerInput,
      roles: OFFICER,
      steps: ['record_trigger'],
      apply: (state, input, ctx) =>
        change(
          state,
          { step: 'issue_notice', data: { interviewee: input.interviewee }, events: [{ type: 'interview_trigger_recorded', data: input }] },
          ctx.at,
          ctx.actor,
        ),
    }),

    issue_notice: action({
      name: 'issue_notice',
      nameZh: '下达约谈通知书',
      nameEn: 'Issue the interview notice',
      input: IssueInterviewNoticeInput,
      roles: AGENCY_HEAD,
      steps: ['issue_notice'],
      apply(state, input, ctx) {
        requireAfter(input.scheduledAt, ctx.at, 'scheduledAt');
        return change(
          state,
          {
            step: 'hold_interview',
            data: { scheduledAt: input.scheduledAt },
            events: [{ type: 'interview_notice_issued', data: input }],
            arm: [{ step: 'hold_interview', start: ctx.at, basis: 'the interview notice was issued' }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    hold_interview: action({
      name: 'hold_interview',
      nameZh: '召开约谈（参加人员、约谈纪要、承诺事项）',
      nameEn: 'Hold the interview (attendees, minutes, commitments)',
      input: HoldInterviewInput,
      roles: OFFICER,
      steps: ['hold_interview'],
      apply(state, input, ctx) {
        requireNotAfter(input.heldAt, ctx.at, 'heldAt');
        requireAfter(input.reportDueAt, ctx.at, 'reportDueAt');
        return change(
          state,
          {
            step: 'written_report',
            data: { heldAt: input.heldAt, commitments: input.commitments },
            events: [{ type: 'interview_held', data: { ...input, late: lateFor(state, 'hold_interview') } }],
            disarm: ['hold_interview'],
            arm: [
              {
                step: 'written_report',
                start: input.heldAt,
                ...(input.reportDueAt ? { explicitDueAt: input.reportDueAt } : {}),
                basis: input.reportDueAt ? 'the date the minutes set for the written report' : 'the interview was held',
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    written_report: action({
      name: 'written_report',
      nameZh: '录入被约谈方书面报告',
      nameEn: "Record the interviewed party's written report",
      input: InterviewWrittenReportInput,
      roles: RECORDED_BY_OFFICER,
      steps: ['written_report'],
      // After its deadline the interview has moved on to the follow-up; a late report is still taken.
      allowedIn: (s) => s.step === 'written_report' || (s.step === 'follow_up' && !reportReceived(s)),
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const received = input.receivedAt ?? ctx.at;
        const late = state.step === 'follow_up' || lateFor(state, 'written_report');
        return change(
          state,
          {
            step: 'follow_up',
            data: { reportReceived: true },
            events: [{ type: 'interview_report_received', data: { ...input, receivedAt: received, late } }],
            disarm: ['written_report'],
            // The follow-up clock already runs when the deadline started it.
            arm: state.step === 'follow_up' ? [] : [{ step: 'follow_up', start: received, basis: 'the written report was received' }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    follow_up: action({
      name: 'follow_up',
      nameZh: '回头看',
      nameEn: 'Follow-up check',
      input: FollowUpInput,
      roles: OFFICER,
      steps: ['follow_up'],
      apply(state, input, ctx) {
        requireNotAfter(input.checkedAt, ctx.at, 'checkedAt');
        return change(
          state,
          {
            step: 'conclude',
            data: { followUp: input.result },
            events: [{ type: 'interview_followed_up', data: { ...input, late: lateFor(state, 'follow_up') } }],
            disarm: ['follow_up'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    conclude: action({
      name: 'conclude',
      nameZh: '办结或升级（通报 / 曝光 / 问责）',
      nameEn: 'Conclude or escalate',
      input: ConcludeInterviewInput,
      roles: SUPERVISOR,
      steps: ['conclude'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: input.outcome,
            events: [
              { type: 'interview_concluded', reason: input.reason, data: { outcome: input.outcome, escalation: input.escalation ?? null } },
            ],
          },
          ctx.at,
          ctx.actor,
        ),
    }),
  },

  deadlinePassed(state, step, at) {
    // "the written report is received, or its deadline passes": the follow-up clock starts either way.
    return deadlinePassedDefault(state, step, at, (s) =>
      step === 'written_report' && s.step === 'written_report'
        ? { step: 'follow_up', arm: [{ step: 'follow_up', start: at, basis: 'the written report’s deadline passed without a report' }] }
        : {},
    );
  },

  approvalDecided: (state, approval) => unexpectedApproval(state, approval),
};
