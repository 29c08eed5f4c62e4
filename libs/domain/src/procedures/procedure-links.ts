import { z } from 'zod';
import { Role } from '../actor/actor';
import { ProcedureId } from '../catalog/procedure';
import { EscalationAction } from '../policy/escalation-rung';
import { freeText } from '../text/free-text';
import type { ParentRequest } from './procedure-machine';
import type { FailureEscalation } from './rectification/rectification.actions';

/**
 * Procedure links: which procedure starts which, what an escalation rung does, whether a transfer
 * pauses the administrative track. Policy data, not code (issue 11): administrators change it, and a
 * case pins the version it opened with (the API passes it into the case workflow's input).
 */

/** What happened in the case that a link may react to. */
export const LinkTrigger = z.discriminatedUnion('on', [
  z.object({ on: z.literal('procedure_started'), procedure: ProcedureId }).strict(),
  z
    .object({
      on: z.literal('procedure_completed'),
      procedure: ProcedureId,
      /** Only this outcome (e.g. 'rectified'); absent: any. */
      outcome: z.string().min(1).max(64).optional(),
    })
    .strict(),
  z
    .object({
      on: z.literal('escalation_rung'),
      action: EscalationAction,
      /** Only rungs of deadlines of this procedure; absent: any. */
      procedure: ProcedureId.optional(),
    })
    .strict(),
]);
export type LinkTrigger = z.infer<typeof LinkTrigger>;

export const LinkEffect = z.discriminatedUnion('do', [
  z
    .object({
      do: z.literal('start_procedure'),
      procedure: ProcedureId,
      /** Fixed parts of the machine's start input (e.g. a verification's basis). */
      input: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
  z
    .object({
      do: z.literal('request_approval'),
      approval: z.enum(['transfer', 'listing_level', 'suspension']),
      approverRole: z.enum(['supervisor', 'agency_head']),
      /** Started by the case workflow once approved (e.g. the transfer after the head agrees). */
      onApproved: z.object({ startProcedure: ProcedureId }).strict().optional(),
    })
    .strict(),
  z.object({ do: z.literal('notify'), recipientRole: z.enum(['officer', 'supervisor', 'agency_head']) }).strict(),
]);
export type LinkEffect = z.infer<typeof LinkEffect>;

export const ProcedureLink = z
  .object({
    when: LinkTrigger,
    /** Only while one of these procedures is active in the case (e.g. "under a listing"). */
    whileActive: z.array(ProcedureId).max(6).optional(),
    /** Not when one of these is already active (no second interview while one runs). */
    unlessActive: z.array(ProcedureId).max(6).default([]),
    then: z.array(LinkEffect).min(1).max(5),
    note: freeText({ max: 1000 }).optional(),
  })
  .strict();
export type ProcedureLink = z.infer<typeof ProcedureLink>;

/**
 * A procedure a person may start by hand (POST /cases/{id}/procedures): who, and when. Absent from a
 * policy pinned before these rules existed: any procedure not already running, as before.
 */
export const ManualStart = z
  .object({
    procedure: ProcedureId,
    /** Roles that may start it (e.g. the officer who found the hazard, the supervisor who lists it). */
    roles: z.array(Role).min(1).max(5),
    /** Only once one of these has completed on the case (closure after a verification). */
    after: z.array(ProcedureId).min(1).max(6).optional(),
    /** Not while one of these is active (besides the procedure itself, which never runs twice at once). */
    unlessActive: z.array(ProcedureId).max(6).default([]),
    note: freeText({ max: 1000 }).optional(),
  })
  .strict();
export type ManualStart = z.infer<typeof ManualStart>;

/** At the n-th failed re-check of a rectification, act as the rung `action` says. */
export const FailureThreshold = z.object({ failures: z.number().int().min(1).max(100), action: EscalationAction }).strict();

export const ProcedureLinks = z
  .object({
    version: z.string().min(1).max(64),
    /** During a transfer (once the head approved it) the other procedures' clocks stop (中止). */
    pauseAdministrativeDuringTransfer: z.boolean(),
    failureThresholds: z.array(FailureThreshold).max(10).default([]),
    links: z.array(ProcedureLink).max(100),
    /** Who may start which procedure by hand, and when (see ManualStart). */
    manualStarts: z.array(ManualStart).max(20).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.failureThresholds.forEach((t, i) => {
      if (seen.has(t.failures))
        ctx.addIssue({ code: 'custom', path: ['failureThresholds', i, 'failures'], message: `two thresholds at ${t.failures} failures` });
      seen.add(t.failures);
    });
  });
export type ProcedureLinks = z.infer<typeof ProcedureLinks>;
export type ProcedureLinksInput = z.input<typeof ProcedureLinks>;

/** What the case workflow reports to `linksFor`: the trigger, and the case context the conditions need. */
export type LinkEvent = (
  | { on: 'procedure_started'; procedure: ProcedureId; procedureId: string }
  | { on: 'procedure_completed'; procedure: ProcedureId; procedureId: string; outcome: string }
  | { on: 'escalation_rung'; action: EscalationAction; procedure: ProcedureId; procedureId: string; step: string }
) & {
  /** Procedures active in the case right now (after the trigger was applied). */
  active: readonly ProcedureId[];
  caseJurisdiction: string;
};

/** What the case workflow must do: a ParentRequest it handles anyway, or a notification. */
export type LinkAction =
  | Extract<ParentRequest, { kind: 'start_procedure' } | { kind: 'approval' }>
  | { kind: 'notify'; recipientRole: 'officer' | 'supervisor' | 'agency_head'; summary: string };

function triggerMatches(t: LinkTrigger, e: LinkEvent): boolean {
  if (t.on !== e.on) return false;
  switch (t.on) {
    case 'procedure_started':
      return t.procedure === e.procedure;
    case 'procedure_completed':
      return t.procedure === e.procedure && (t.outcome === undefined || (e.on === 'procedure_completed' && t.outcome === e.outcome));
    case 'escalation_rung':
      return e.on === 'escalation_rung' && t.action === e.action && (t.procedure === undefined || t.procedure === e.procedure);
  }
}

function describe(e: LinkEvent): string {
  switch (e.on) {
    case 'procedure_started':
      return `${e.procedureId} started`;
    case 'procedure_completed':
      return `${e.procedureId} completed (${e.outcome})`;
    case 'escalation_rung':
      return `escalation rung '${e.action}' of ${e.procedureId}.${e.step}`;
  }
}

/**
 * The parts of a machine's start input that come from the pinned links or the case, not from a person:
 * a rectification's failure thresholds, whether a transfer pauses the administrative track, the
 * jurisdiction a listing is delisted by, the procedure a verification checks.
 */
export function linkedStartInput(
  links: ProcedureLinks,
  procedure: ProcedureId,
  context: { caseJurisdiction: string; sourceProcedureId?: string },
): Record<string, unknown> {
  switch (procedure) {
    case 'rectification':
      return { escalations: failureEscalations(links, context) };
    case 'criminal_transfer':
      return { pauseAdministrative: links.pauseAdministrativeDuringTransfer };
    case 'listed_supervision':
      return { caseJurisdiction: context.caseJurisdiction };
    case 'verification':
      return context.sourceProcedureId ? { sourceProcedureId: context.sourceProcedureId } : {};
    default:
      return {};
  }
}

/**
 * A start input as a person gave it, completed from the pinned links and the case: what the links and the
 * case decide wins over what was typed (an officer cannot switch off a rectification's thresholds or the
 * transfer's pause). Use for every start: the case's first procedure, POST /cases/{id}/procedures, links.
 */
export function withLinkedStartInput(
  links: ProcedureLinks,
  procedure: ProcedureId,
  input: Record<string, unknown>,
  context: { caseJurisdiction: string; sourceProcedureId?: string },
): Record<string, unknown> {
  return { ...input, ...linkedStartInput(links, procedure, context) };
}

function effectAction(
  links: ProcedureLinks,
  effect: LinkEffect,
  reason: string,
  context: { caseJurisdiction: string; sourceProcedureId?: string },
): LinkAction {
  switch (effect.do) {
    case 'start_procedure':
      return {
        kind: 'start_procedure',
        procedure: effect.procedure,
        reason,
        input: { ...effect.input, ...linkedStartInput(links, effect.procedure, context) },
      };
    case 'request_approval':
      return {
        kind: 'approval',
        approval: effect.approval,
        approverRole: effect.approverRole,
        summary: reason,
        data: effect.onApproved ? { onApproved: effect.onApproved } : {},
      };
    case 'notify':
      return { kind: 'notify', recipientRole: effect.recipientRole, summary: reason };
  }
}

/** Everything the pinned links say to do about `event`, in link order. */
/** The case as a manual start sees it: the procedures running now and those that completed. */
export interface ManualStartContext {
  role: string;
  active: readonly string[];
  completed: readonly string[];
}

/**
 * The procedures `role` may start by hand on the case now, under the case's pinned links. A procedure
 * never runs twice at once; beyond that the links' `manualStarts` decide (none: any procedure).
 */
export function manualStartsAllowed(links: Pick<ProcedureLinks, 'manualStarts'>, c: ManualStartContext): ProcedureId[] {
  const idle = ProcedureId.options.filter((p) => !c.active.includes(p));
  if (!links.manualStarts) return idle;
  return idle.filter((p) =>
    links.manualStarts!.some(
      (m) =>
        m.procedure === p &&
        (m.roles as readonly string[]).includes(c.role) &&
        (m.after === undefined || m.after.some((a) => c.completed.includes(a))) &&
        !m.unlessActive.some((u) => c.active.includes(u)),
    ),
  );
}

export function linksFor(links: ProcedureLinks, event: LinkEvent): LinkAction[] {
  const reason = `procedure link: ${describe(event)}`;
  const context = { caseJurisdiction: event.caseJurisdiction, sourceProcedureId: event.procedureId };
  return links.links
    .filter((l) => triggerMatches(l.when, event))
    .filter((l) => l.whileActive === undefined || l.whileActive.some((p) => event.active.includes(p)))
    .filter((l) => !l.unlessActive.some((p) => event.active.includes(p)))
    .flatMap((l) => l.then.map((effect) => effectAction(links, effect, reason, context)));
}

/**
 * The rectification machine's `escalations` start input: each failure threshold becomes the request the
 * links give its rung action (start an interview, a listing; ask for a transfer). Notifications are the
 * case workflow's own business and are left out; so is an action no link covers.
 */
export function failureEscalations(links: ProcedureLinks, context: { caseJurisdiction: string }): FailureEscalation[] {
  const out: FailureEscalation[] = [];
  for (const t of links.failureThresholds) {
    const effects = links.links.filter((l) => l.when.on === 'escalation_rung' && l.when.action === t.action).flatMap((l) => l.then);
    for (const effect of effects) {
      if (effect.do === 'notify') continue;
      const reason = `${t.failures} failed re-checks (rung '${t.action}')`;
      const request: ParentRequest =
        effect.do === 'start_procedure'
          ? {
              kind: 'start_procedure',
              procedure: effect.procedure,
              reason,
              // A rectification started by a failed rectification gets no thresholds of its own (no recursion).
              input: {
                ...effect.input,
                ...(effect.procedure === 'rectification' ? {} : linkedStartInput(links, effect.procedure, context)),
              },
            }
          : {
              kind: 'approval',
              approval: effect.approval,
              approverRole: effect.approverRole,
              summary: reason,
              data: effect.onApproved ? { onApproved: effect.onApproved } : {},
            };
      out.push({ failures: t.failures, request });
    }
  }
  return out;
}
