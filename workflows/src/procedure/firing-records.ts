import type { NotificationDto, NotificationKind, ProcedureCaseFacts } from '@anjian/contracts';
import { type CaseEvent } from '@anjian/domain/src/case/case-event';
import { type ProcedureId } from '@anjian/domain/src/catalog/procedure';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '@anjian/domain/src/policy/escalation-rung';
import type { Firing } from './deadline-timers';

/**
 * What a timer firing leaves behind besides the machine's own events: the shell's event and the
 * outbox notifications (assignee + the supervisor role of the case's jurisdiction). Dedupe keys name
 * the deadline and the firing, so a retried or replayed write stays one notification.
 */

export interface FiringContext {
  caseId: string;
  procedureId: string;
  procedure: ProcedureId;
  facts: ProcedureCaseFacts;
  assigneeId: string;
}

const label = (action: string) => ESCALATION_ACTION_LABELS[action as EscalationAction] ?? { zh: action, en: action };

/**
 * The shell's event for a reminder or an escalation rung (a passed deadline is the machine's event).
 * It happened when it fired (`at`, the workflow's now), which is later than it was scheduled when the
 * instant had already passed on arming (a reminder due before the order was issued fires at once) or
 * the worker was down: the scheduled instant is kept in `data.scheduledAt`, and the log stays in order.
 */
export function firingEvent(ctx: FiringContext, f: Firing, step: string, action: string | null, at: string): CaseEvent {
  const data: Record<string, unknown> = { step: f.step, dueAt: f.dueAt, scheduledAt: f.at };
  if (f.kind === 'reminder') data['reminder'] = f.index + 1;
  if (f.kind === 'escalation') Object.assign(data, { rung: f.index + 1, action });
  return {
    type: f.kind === 'reminder' ? 'deadline_reminder' : f.kind === 'due' ? 'deadline_passed' : 'escalation_rung_reached',
    procedure: ctx.procedure,
    at,
    actor: null,
    reason: null,
    before: step,
    after: step,
    data,
  };
}

function titles(f: Firing, action: string | null): { titleZh: string; titleEn: string } {
  switch (f.kind) {
    case 'reminder':
      return { titleZh: `期限即将届满（${f.step}）`, titleEn: `Deadline approaching (${f.step})` };
    case 'due':
      return { titleZh: `期限已届满未办结（${f.step}）`, titleEn: `Deadline passed without the awaited act (${f.step})` };
    case 'escalation': {
      const l = label(action ?? '');
      return { titleZh: `逾期升级：${l.zh}（${f.step}）`, titleEn: `Overdue escalation: ${l.en} (${f.step})` };
    }
  }
}

/** Notifications for the assignee and for the supervisors over the case's jurisdiction. */
export function firingNotifications(ctx: FiringContext, f: Firing, action: string | null): NotificationDto[] {
  const kind: NotificationKind = f.kind === 'reminder' ? 'reminder' : 'escalation';
  const key = `${ctx.caseId}:${ctx.procedureId}:${f.step}:${f.start}:${f.dueAt}:${f.kind}:${f.index}`;
  const payload = { ...titles(f, action), procedure: ctx.procedure, step: f.step, dueAt: f.dueAt, firing: f.kind, index: f.index, action };
  return [
    {
      dedupeKey: `${key}:assignee`,
      caseId: ctx.caseId,
      procedureId: ctx.procedureId,
      kind,
      recipientId: ctx.assigneeId,
      recipientRole: null,
      recipientJurisdiction: null,
      payload,
    },
    {
      dedupeKey: `${key}:supervisor`,
      caseId: ctx.caseId,
      procedureId: ctx.procedureId,
      kind,
      recipientId: null,
      recipientRole: 'supervisor',
      recipientJurisdiction: ctx.facts.jurisdiction,
      payload,
    },
  ];
}
