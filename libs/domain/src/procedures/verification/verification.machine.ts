import {
  action,
  change,
  deadlinePassedDefault,
  Inspector,
  lateFor,
  OFFICER,
  requireNotAfter,
  started,
  SUPERVISOR,
  unexpectedApproval,
} from '../machine-kit';
import { InvalidProcedureInputError, ProcedureMachine, ProcedureState } from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import { RecordVerificationResultInput, ScheduleCheckInput, VerificationStartInput } from './verification.actions';

/**
 * 验收 / 复查 verification:
 *
 *   (application received / deadline reached) → schedule_check --schedule_check--> on_site_check
 *        --record_result (signed: 谁检查、谁签名、谁负责)--> completed 'passed' | 'failed'
 *
 * The on-site check's clock starts at the application (or the deadline), not at the scheduling, so
 * it is armed at start. When inspectors were scheduled, the signing inspector must be one of them.
 */
const scheduled = (s: ProcedureState): Inspector[] => (s.data['inspectors'] as Inspector[] | undefined) ?? [];

export const verificationMachine: ProcedureMachine = {
  procedure: 'verification',
  startInput: VerificationStartInput,

  start(procedureId, raw, ctx) {
    const input = VerificationStartInput.parse(raw);
    requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
    const received = input.receivedAt ?? ctx.at;
    return started(
      procedureId,
      'verification',
      'schedule_check',
      {
        data: { basis: input.basis, subject: input.subject ?? null, sourceProcedureId: input.sourceProcedureId ?? null, inspectors: [] },
        events: [{ type: 'verification_requested', data: { ...input, receivedAt: received } }],
        arm: [
          {
            step: 'on_site_check',
            start: received,
            basis: input.basis === 'application' ? 'the application was received' : 'the rectification deadline was reached',
          },
        ],
      },
      ctx,
    );
  },

  actions: {
    schedule_check: action({
      name: 'schedule_check',
      nameZh: '安排现场核查',
      nameEn: 'Schedule the on-site check',
      input: ScheduleCheckInput,
      roles: SUPERVISOR,
      steps: ['schedule_check'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: 'on_site_check',
            data: { inspectors: input.inspectors, scheduledAt: input.scheduledAt },
            events: [
              { type: 'check_scheduled', data: { scheduledAt: input.scheduledAt, inspectors: input.inspectors, note: input.note ?? null } },
            ],
          },
          ctx.at,
          ctx.actor,
        ),
    }),

    record_result: action({
      name: 'record_result',
      nameZh: '记录核查结论（检查人签名）',
      nameEn: 'Record the result, signed by the inspector',
      input: RecordVerificationResultInput,
      roles: OFFICER,
      steps: ['on_site_check', 'record_result'],
      apply(state, input, ctx) {
        requireNotAfter(input.checkedAt, ctx.at, 'checkedAt');
        const team = scheduled(state);
        if (team.length > 0 && !team.some((i) => i.id === input.signedBy.id)) {
          throw new InvalidProcedureInputError([
            { path: 'signedBy.id', message: `the signing inspector must be one of those scheduled (${team.map((i) => i.id).join(', ')})` },
          ]);
        }
        return change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: input.result,
            data: { result: input.result, signedBy: input.signedBy, checkedAt: input.checkedAt },
            events: [
              {
                type: input.result === 'passed' ? 'verification_passed' : 'verification_failed',
                data: { ...input, late: lateFor(state, 'on_site_check') },
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),
  },

  deadlinePassed: (state, step, at) => deadlinePassedDefault(state, step, at),
  approvalDecided: (state, approval) => unexpectedApproval(state, approval),
};
