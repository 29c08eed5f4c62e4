import { DeadlineService } from '@anjian/activities';
import { type Actor, jurisdictionScope } from '@anjian/domain';
import { type PolicyVersion, PolicyVersionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { policyNotFound } from '../policies/policy-problems';
import type { CaseFilter } from './migration.schemas';
import { type OpenCaseRow, OpenCasesQuery } from './open-cases.query';

type Change = 'earlier' | 'later' | 'unchanged' | 'order_date_kept' | 'no_deadline' | 'error';

/**
 * What moving open cases to a version would do, before anyone does it: each case's current deadline
 * and the one it would get. Computed with the same DeadlineService the workflow re-arms with, from the
 * event that started the clock (deadline.start), so the preview is what a migration produces. Reads only.
 */
@Injectable()
export class PreviewPolicyUseCase {
  constructor(
    private readonly policies: PolicyVersionRepository,
    private readonly deadlines: DeadlineService,
    private readonly openCases: OpenCasesQuery,
  ) {}

  async execute(actor: Actor, version: number, filter: CaseFilter) {
    const target = await this.policies.get(version);
    if (!target) throw policyNotFound(version);
    const { cases, truncated } = await this.openCases.matching(filter, [jurisdictionScope(actor.jurisdiction)]);
    const rows: Awaited<ReturnType<PreviewPolicyUseCase['previewOne']>>[] = [];
    for (const c of cases) rows.push(await this.previewOne(c, target));
    const count = (change: Change) => rows.filter((r) => r.change === change).length;
    return {
      version: { version: target.version, label: target.label, status: target.status },
      filter,
      counts: {
        cases: rows.length,
        earlier: count('earlier'),
        later: count('later'),
        unchanged: count('unchanged'),
        orderDateKept: count('order_date_kept'),
        noDeadline: count('no_deadline'),
        errors: count('error'),
      },
      truncated,
      cases: rows,
    };
  }

  private async previewOne(c: OpenCaseRow, target: PolicyVersion) {
    const d = c.deadline;
    const base = { caseId: c.id, sector: c.sector, jurisdiction: c.jurisdiction, procedure: c.procedure, step: d?.step ?? null };
    const before = {
      dueAt: d?.dueAt ?? null,
      origin: d?.origin ?? null,
      policyVersion: d?.policyVersion ?? c.policyVersion,
      calendar: d?.calendarId ? `${d.calendarId} v${d.calendarVersion}` : null,
    };
    if (!d) return { ...base, before, after: null, change: 'no_deadline' as const, note: 'no deadline is running in the current step' };
    try {
      const computed = await this.deadlines.forPolicy(
        {
          procedure: c.procedure,
          step: d.step,
          sector: c.sector,
          jurisdiction: c.jurisdiction,
          hazardGrade: c.hazardGrade ?? undefined,
          start: new Date(d.start),
        },
        target,
      );
      const calendar = computed.result.calendarLabel;
      if (d.origin === 'order') {
        // 限期 deadlines are case-specific: the officer's date stands; only reminders and the ladder follow the version.
        return {
          ...base,
          before,
          after: { dueAt: d.dueAt, origin: 'order' as const, policyVersion: target.version, calendar },
          change: 'order_date_kept' as const,
          note: `the date was written on the order and keeps it; v${target.version} would give ${computed.result.dueAt.toISOString()} without one, and sets the reminders and escalation`,
        };
      }
      const after = computed.result.dueAt.toISOString();
      const delta = Date.parse(after) - Date.parse(d.dueAt);
      return {
        ...base,
        before,
        after: { dueAt: after, origin: 'policy' as const, policyVersion: target.version, calendar },
        change: delta === 0 ? ('unchanged' as const) : delta < 0 ? ('earlier' as const) : ('later' as const),
        note: computed.result.warnings.length ? computed.result.warnings.join(' ') : null,
      };
    } catch (err) {
      return { ...base, before, after: null, change: 'error' as const, note: (err as Error).message };
    }
  }
}
