import type { ArmDeadlineRequest } from '@anjian/contracts';
import {
  adjustmentsText,
  computeDeadline,
  type DeadlineResult,
  type Duration,
  mergeCalendars,
  scheduleFor,
  WorkingCalendar,
} from '@anjian/deadlines';
import {
  type ArmedDeadline,
  type HazardGrade,
  type PolicyResolution,
  type PolicyRule,
  type ProcedureId,
  resolvePolicy,
} from '@anjian/domain';
import type { CalendarRepository, PolicyVersion, PolicyVersionRepository } from '@anjian/persistence';
import { ZodError } from 'zod';
import { provisionalHolidaysAfter } from './provisional-holidays';

export const NATIONAL_CALENDAR = 'CN';

export class DeadlineConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineConfigurationError';
  }
}

/**
 * Parses stored configuration: data that no longer passes its schema is a configuration problem an
 * administrator must fix (typed, non-retryable), not a bug.
 */
function storedData<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ZodError) {
      const issues = err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new DeadlineConfigurationError(`stored ${what} is invalid: ${issues}`);
    }
    throw err;
  }
}

/**
 * The reads that are not immutable (which calendar versions are the latest, which policy version is in
 * force), memoised for one computation only: never across requests, so a calendar or policy an
 * administrator has just published applies to the next request at once. Immutable rows (a published
 * policy version, a calendar version) are cached by the service itself.
 */
export interface DeadlineLookups {
  latestCalendars(): Promise<{ id: string; version: number; jurisdictionPrefix: string | null }[]>;
  policyInForceAt(at: Date): Promise<PolicyVersion | null>;
}

export interface PolicyDeadline {
  policyVersion: PolicyVersion;
  resolution: Extract<PolicyResolution, { found: true }>;
  result: DeadlineResult;
  reminders: Date[];
  escalations: { action: string; at: Date }[];
}

/**
 * Deadlines from data: the pinned (or in-force) policy version picks the rule, the jurisdiction's
 * calendar counts the days, and the result says what it was computed from. Used by the workflow's
 * activity, the calculator and the migration preview alike, so all three agree.
 */
export class DeadlineService {
  private readonly calendars = new Map<string, WorkingCalendar>();
  private readonly versions = new Map<number, PolicyVersion>();

  constructor(
    private readonly policyRepo: PolicyVersionRepository,
    private readonly calendarRepo: CalendarRepository,
  ) {}

  /**
   * The national calendar merged with the most specific local calendar covering the jurisdiction,
   * plus provisional statutory holidays for the years after its last notice.
   */
  async calendarFor(jurisdiction: string, lookups: DeadlineLookups = this.lookups()): Promise<WorkingCalendar> {
    // Versions are immutable rows: ask which are current (small query), build each combination once.
    const latest = await lookups.latestCalendars();
    const national = latest.find((c) => c.id === NATIONAL_CALENDAR);
    if (!national) throw new DeadlineConfigurationError('no national working-day calendar is loaded (run the seeds)');
    const local = latest
      .filter((c) => c.jurisdictionPrefix !== null && jurisdiction.startsWith(c.jurisdictionPrefix))
      .sort((a, b) => b.jurisdictionPrefix!.length - a.jurisdictionPrefix!.length)[0];
    const key = `${national.id}@${national.version}|${local ? `${local.id}@${local.version}` : ''}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      const nationalData = (await this.calendarRepo.get(national.id, national.version))!.data;
      const localData = local ? (await this.calendarRepo.get(local.id, local.version))!.data : null;
      const label = `${national.id}@${national.version}${local ? ` + ${local.id}@${local.version}` : ''}`;
      calendar = storedData(`working-day calendar ${label}`, () => {
        const data = localData ? mergeCalendars(nationalData, localData) : nationalData;
        // Years after the last loaded notice count the statute's holidays (flagged), not Mon–Fri alone.
        return WorkingCalendar.from(data, provisionalHolidaysAfter(data.knownYears.to));
      });
      this.calendars.set(key, calendar);
    }
    return calendar;
  }

  /**
   * The reads one computation shares (see DeadlineLookups): which calendar versions are current and
   * which policy version is in force at an instant, each read at most once for its lifetime.
   */
  lookups(): DeadlineLookups {
    let calendars: ReturnType<DeadlineLookups['latestCalendars']> | undefined;
    const inForce = new Map<number, Promise<PolicyVersion | null>>();
    return {
      latestCalendars: () => (calendars ??= this.calendarRepo.latestVersions()),
      policyInForceAt: (at) => {
        let read = inForce.get(at.getTime());
        if (!read) inForce.set(at.getTime(), (read = this.policyRepo.inForceAt(at)));
        return read;
      },
    };
  }

  /** A published version is immutable, so it is cached forever; drafts are read fresh. */
  async policyVersion(pinned: number | null, at: Date, lookups: DeadlineLookups = this.lookups()): Promise<PolicyVersion> {
    if (pinned !== null) {
      const cached = this.versions.get(pinned);
      if (cached) return cached;
      const v = await this.policyRepo.get(pinned);
      if (!v) throw new DeadlineConfigurationError(`policy version ${pinned} does not exist`);
      if (v.status === 'published') this.versions.set(pinned, v);
      return v;
    }
    const inForce = await lookups.policyInForceAt(at);
    if (!inForce) throw new DeadlineConfigurationError(`no deadline policy is in force at ${at.toISOString()} (run the seeds)`);
    return inForce;
  }

  async forPolicy(
    q: { procedure: string; step: string; sector: string; jurisdiction: string; hazardGrade?: string; start: Date },
    version: PolicyVersion,
    lookups: DeadlineLookups = this.lookups(),
  ): Promise<PolicyDeadline> {
    const resolution = resolvePolicy(version.rules, {
      procedure: q.procedure as ProcedureId,
      step: q.step,
      sector: q.sector,
      jurisdiction: q.jurisdiction,
      grade: q.hazardGrade as HazardGrade | undefined,
    });
    if (!resolution.found) {
      throw new DeadlineConfigurationError(
        `policy version ${version.version} has no rule for ${q.procedure}/${q.step} in sector ${q.sector}: ${resolution.reasons.join('; ')}`,
      );
    }
    const calendar = await this.calendarFor(q.jurisdiction, lookups);
    const rule = resolution.rule;
    const result = computeDeadline(calendar, {
      start: q.start,
      duration: rule.duration,
      cutoff: rule.cutoff,
      rollOverRestDay: rule.rollOverRestDay,
    });
    const { reminders, escalations } = this.schedule(calendar, result.dueAt, rule);
    return { policyVersion: version, resolution, result, reminders, escalations };
  }

  /**
   * One deadline as the workflows arm it. `lookups` lets several arms of one request (the opening
   * pre-check arms every timed step side by side) share their policy and calendar reads.
   */
  async arm(req: ArmDeadlineRequest, lookups: DeadlineLookups = this.lookups()): Promise<ArmedDeadline> {
    const start = new Date(req.start);
    const version = await this.policyVersion(req.policyVersion, start, lookups);
    const q = {
      procedure: req.procedure,
      step: req.step,
      sector: req.sector,
      jurisdiction: req.jurisdiction,
      hazardGrade: req.hazardGrade,
      start,
    };
    const computed = await this.forPolicy(q, version, lookups);
    const base = {
      step: req.step,
      start: start.toISOString(),
      policyVersion: version.version,
      calendarId: computed.result.calendarId,
      calendarVersion: computed.result.calendarVersion,
    };
    if (req.explicitDueAt) {
      // The officer's date stands (限期 is case-specific); the policy still gives reminders and the ladder.
      const dueAt = new Date(req.explicitDueAt);
      const calendar = await this.calendarFor(req.jurisdiction, lookups);
      const { reminders, escalations } = this.schedule(calendar, dueAt, computed.resolution.rule);
      return {
        ...base,
        dueAt: dueAt.toISOString(),
        origin: 'order',
        explanation: `Deadline written on the order by the officer. Reminders and escalation from policy v${version.version} (${scopeText(computed.resolution.rule)}).`,
        reminders: reminders.map((d) => d.toISOString()),
        escalations: escalations.map((e) => ({ action: e.action, at: e.at.toISOString() })),
        outsideKnownYears: false,
      };
    }
    return {
      ...base,
      dueAt: computed.result.dueAt.toISOString(),
      origin: 'policy',
      explanation: explain(computed),
      reminders: computed.reminders.map((d) => d.toISOString()),
      escalations: computed.escalations.map((e) => ({ action: e.action, at: e.at.toISOString() })),
      outsideKnownYears: computed.result.outsideKnownYears,
    };
  }

  /** Computes a raw period (calculator without a policy). */
  async forDuration(q: {
    start: Date;
    duration: Duration;
    cutoff?: string;
    rollOverRestDay?: boolean;
    jurisdiction: string;
  }): Promise<DeadlineResult> {
    const calendar = await this.calendarFor(q.jurisdiction);
    return computeDeadline(calendar, { start: q.start, duration: q.duration, cutoff: q.cutoff, rollOverRestDay: q.rollOverRestDay });
  }

  private schedule(calendar: WorkingCalendar, dueAt: Date, rule: PolicyRule) {
    const planned = scheduleFor(
      calendar,
      dueAt,
      rule.reminders,
      rule.escalation.map((r) => r.after),
    );
    return {
      reminders: planned.filter((p) => p.kind === 'reminder').map((p) => p.at),
      escalations: planned.filter((p) => p.kind === 'escalation').map((p) => ({ action: rule.escalation[p.index]!.action, at: p.at })),
    };
  }
}

function scopeText(rule: PolicyRule): string {
  return [
    `sector ${rule.sector}`,
    rule.jurisdictionPrefix ? `jurisdiction ${rule.jurisdictionPrefix}*` : null,
    rule.grade ? `grade ${rule.grade}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function provenanceText(rule: PolicyRule): string {
  const p = rule.provenance;
  return p.kind === 'legal'
    ? `${p.citation}${p.byAnalogy ? ' (rest-day rule by analogy)' : ''}`
    : `administrator default set by ${p.setBy}: ${p.reason}`;
}

/** A part of the explanation as a sentence: ends with exactly one full stop (a reason may bring its own). */
const sentence = (s: string): string => {
  const t = s.trim();
  return /[.。!?！？]$/.test(t) ? t : `${t}.`;
};

/** One paragraph a reviewer (or a court) can follow: rule, source, calendar, each day that moved it. */
export function explain(d: PolicyDeadline): string {
  const r = d.result;
  const warn = r.warnings.length ? ` Warnings: ${r.warnings.join(' ')}` : '';
  const parts = [
    `Policy v${d.policyVersion.version} rule (${scopeText(d.resolution.rule)}): ${r.rule}`,
    `Basis: ${provenanceText(d.resolution.rule)}`,
    `Calendar ${r.calendarLabel}`,
  ];
  return `${parts.map(sentence).join(' ')}${adjustmentsText(r)}${warn}`;
}
