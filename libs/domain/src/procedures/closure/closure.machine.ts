import { action, change, deadlinePassedDefault, lateFor, OFFICER, requireNotAfter, started, unexpectedApproval } from '../machine-kit';
import type { ProcedureMachine, ProcedureState } from '../procedure-machine';
import { UnexpectedProcedureInputError } from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import { ClosureStartInput, ProposeClosureInput } from './closure.actions';

/**
 * 销号 / 结案 closure:
 *
 *   propose --propose (with the verification record)--> approve  [approval request to the supervisor]
 *      ^                                                    |  approved → completed 'archived'
 *      └───────────────── returned (reason) ────────────────┘
 *
 * The decision itself is the case workflow's approval (visible to the approver as awaiting approval);
 * the machine arms the approval deadline and applies the decision.
 */
const returnsOf = (s: ProcedureState): number => (s.data['returns'] as number | undefined) ?? 0;

export const closureMachine: ProcedureMachine = {
  procedure: 'closure',
  startInput: ClosureStartInput,

  start(procedureId, raw, ctx) {
    const input = ClosureStartInput.parse(raw);
    return started(
      procedureId,
      'closure',
      'propose',
      { data: { returns: 0, proposal: null }, events: [{ type: 'closure_started', data: { reason: input.reason ?? null } }] },
      ctx,
    );
  },

  actions: {
    propose: action({
      name: 'propose',
      nameZh: '提出销号（附验收记录）',
      nameEn: 'Propose closure with the verification record',
      input: ProposeClosureInput,
      roles: OFFICER,
      steps: ['propose'],
      apply(state, input, ctx) {
        requireNotAfter(input.verification.checkedAt, ctx.at, 'verification.checkedAt');
        const proposal = {
          summary: input.summary,
          verification: input.verification,
          attachments: input.attachments,
          proposedBy: ctx.actor.id,
        };
        return change(
          state,
          {
            step: 'approve',
            data: { proposal },
            events: [{ type: 'closure_proposed', data: proposal }],
            arm: [{ step: 'approve', start: ctx.at, basis: 'the closure proposal with its verification record was submitted' }],
            requests: [
              {
                kind: 'approval',
                approval: 'closure',
                approverRole: 'supervisor',
                summary: input.summary,
                data: { procedureId: state.procedureId, verification: input.verification },
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

  approvalDecided(state, approval, decision, reason, ctx) {
    if (approval !== 'closure' || state.step !== 'approve' || state.status !== 'active') return unexpectedApproval(state, approval);
    const late = lateFor(state, 'approve');
    if (decision === 'approved') {
      return change(
        state,
        { step: TERMINAL_STEP, outcome: 'archived', events: [{ type: 'closure_approved', reason, data: { late } }] },
        ctx.at,
        ctx.actor,
      );
    }
    if (!reason?.trim()) throw new UnexpectedProcedureInputError('returning a closure proposal needs a reason');
    return change(
      state,
      {
        step: 'propose',
        data: { returns: returnsOf(state) + 1, proposal: null },
        events: [{ type: 'closure_returned', reason, data: { late, returns: returnsOf(state) + 1 } }],
        disarm: ['approve'],
      },
      ctx.at,
      ctx.actor,
    );
  },
};
