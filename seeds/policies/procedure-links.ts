/**
 * Default procedure links (issue 11; spec.md §C): which procedure starts which, what each escalation
 * rung does, whether a transfer pauses the administrative track. Policy data a case pins at opening,
 * like the deadline policy version. The seeds give no thresholds (domain.md §9): the failure counts are
 * placeholders for administrators to review.
 */
import { ProcedureLinks, ProcedureLinksInput } from '@anjian/domain/src/procedures/procedure-links';

const input: ProcedureLinksInput = {
  version: 'seed-2026.1',
  // 310号 art. 11 forbids replacing the transfer by an administrative penalty (以罚代刑): while the
  // criminal question is open the administrative clocks stop; penalties already decided stay in force.
  pauseAdministrativeDuringTransfer: true,
  failureThresholds: [
    { failures: 2, action: 'interview' },
    { failures: 3, action: 'listing' },
  ],
  // Starting a procedure by hand (POST /cases/{id}/procedures). The officer records what was found; the
  // supervisor may also list or escalate. Closure is proposed with the verification record (procedures.md
  // §2), so only after a verification completed, and not while the criminal question is open.
  manualStarts: [
    { procedure: 'rectification', roles: ['officer', 'supervisor'] },
    { procedure: 'interview', roles: ['officer', 'supervisor'] },
    { procedure: 'listed_supervision', roles: ['officer', 'supervisor'], note: 'proposed by the officer, its level set by a supervisor' },
    { procedure: 'verification', roles: ['officer', 'supervisor'] },
    { procedure: 'closure', roles: ['officer', 'supervisor'], after: ['verification'], unlessActive: ['criminal_transfer'] },
    { procedure: 'criminal_transfer', roles: ['officer', 'supervisor'], note: 'suspicion flagged; the agency head decides within 3 days' },
  ],
  links: [
    // 挂牌督办 runs the rectification of the listed hazard, then its verification, then closure.
    {
      when: { on: 'procedure_started', procedure: 'listed_supervision' },
      unlessActive: ['rectification'],
      then: [
        {
          do: 'start_procedure',
          procedure: 'rectification',
          input: { orderKind: 'within_deadline', summary: '挂牌督办事项限期整改 (rectification of the listed hazard)' },
        },
      ],
      note: 'A listing runs a rectification order unless one is already running.',
    },
    {
      when: { on: 'procedure_completed', procedure: 'rectification', outcome: 'rectified' },
      whileActive: ['listed_supervision'],
      unlessActive: ['verification'],
      then: [
        {
          do: 'start_procedure',
          procedure: 'verification',
          input: { basis: 'application', subject: '挂牌督办事项整改验收 (verification of the listed hazard)' },
        },
      ],
    },
    {
      when: { on: 'procedure_completed', procedure: 'verification', outcome: 'passed' },
      whileActive: ['listed_supervision'],
      unlessActive: ['closure'],
      then: [{ do: 'start_procedure', procedure: 'closure', input: { reason: '验收合格 (verification passed)' } }],
    },
    // Escalation rungs (the ladder is per sector in the deadline policy; what a rung does is here).
    {
      when: { on: 'escalation_rung', action: 'interview' },
      unlessActive: ['interview'],
      then: [{ do: 'start_procedure', procedure: 'interview', input: {} }],
    },
    {
      when: { on: 'escalation_rung', action: 'listing' },
      unlessActive: ['listed_supervision'],
      then: [{ do: 'start_procedure', procedure: 'listed_supervision', input: {} }],
    },
    {
      when: { on: 'escalation_rung', action: 'transfer' },
      unlessActive: ['criminal_transfer'],
      then: [
        { do: 'request_approval', approval: 'transfer', approverRole: 'agency_head', onApproved: { startProcedure: 'criminal_transfer' } },
      ],
      note: 'The agency head decides whether a transfer is pursued; the transfer itself then runs its statutory steps (written report, head decision, …).',
    },
    // Rungs the system cannot carry out itself: the supervisor is told (函告, 通报, 曝光, 停产整顿, 强制措施, 失信).
    ...(['letter', 'circular', 'exposure', 'suspension', 'coercive', 'credit_listing'] as const).map((action) => ({
      when: { on: 'escalation_rung' as const, action },
      then: [{ do: 'notify' as const, recipientRole: 'supervisor' as const }],
    })),
  ],
};

/** Parsed at import so a malformed default can never be pinned. */
export const defaultProcedureLinks: ProcedureLinks = ProcedureLinks.parse(input);
