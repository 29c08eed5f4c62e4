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
import {
  ActionJurisdictionNotAllowedError,
  InvalidProcedureInputError,
  ProcedureMachine,
  ProcedureState,
  UnexpectedProcedureInputError,
} from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import {
  ConcludeListingEscalatedInput,
  DelistInput,
  IssueListingNoticeInput,
  ListedSupervisionStartInput,
  OnSiteReviewInput,
  ProgressReportInput,
  ProposeListingInput,
  RectificationCompleteInput,
  RequestLevelChangeInput,
  SetLevelInput,
  SubmitPlanInput,
} from './listed-supervision.actions';
import { coversJurisdiction } from '../../actor/access';
import { delistingJurisdiction, levelAvailable, ListingLevel } from './listing-level';

/**
 * 挂牌督办 listed supervision:
 *
 *   propose → set_level (supervisor) → issue_notice (agency head) → submit_plan (五落实)
 *     → progress_report (recurring; each report re-arms the next) --rectification_complete--> on_site_review
 *     → passed: delist (a supervisor of the jurisdiction the level names) → completed 'delisted'
 *       failed: back to progress_report with a new rectification deadline
 *
 * The level can change later only through an approval ('listing_level'); a supervisor may end the
 * listing as 'escalated' at any step.
 */
export interface ListedSupervisionData {
  caseJurisdiction: string;
  level: ListingLevel | null;
  delistingJurisdiction: string | null;
  pendingLevel: ListingLevel | null;
  progressReports: number;
  reviewFailures: number;
}

const dataOf = (s: ProcedureState): ListedSupervisionData => s.data as unknown as ListedSupervisionData;
const LEVEL_ORDER: readonly ListingLevel[] = ['county', 'city', 'province', 'national'];

function checkLevel(state: ProcedureState, level: ListingLevel, path: string): void {
  if (!levelAvailable(dataOf(state).caseJurisdiction, level)) {
    throw new InvalidProcedureInputError([
      { path, message: `a case of jurisdiction ${dataOf(state).caseJurisdiction} cannot be listed at ${level} level` },
    ]);
  }
}

const AFTER_LEVEL_STEPS = ['issue_notice', 'submit_plan', 'progress_report', 'on_site_review', 'delist'];

export const listedSupervisionMachine: ProcedureMachine = {
  procedure: 'listed_supervision',
  startInput: ListedSupervisionStartInput,

  start(procedureId, raw, ctx) {
    const input = ListedSupervisionStartInput.parse(raw);
    const data: ListedSupervisionData = {
      caseJurisdiction: input.caseJurisdiction,
      level: null,
      delistingJurisdiction: null,
      pendingLevel: null,
      progressReports: 0,
      reviewFailures: 0,
    };
    return started(
      procedureId,
      'listed_supervision',
      'propose',
      { data: { ...data }, events: [{ type: 'listing_started', data: { reason: input.reason ?? null } }] },
      ctx,
    );
  },

  actions: {
    propose: action({
      name: 'propose',
      nameZh: '提出挂牌督办建议',
      nameEn: 'Propose listing',
      input: ProposeListingInput,
      roles: OFFICER,
      steps: ['propose'],
      apply(state, input, ctx) {
        if (input.proposedLevel) checkLevel(state, input.proposedLevel, 'proposedLevel');
        return change(state, { step: 'set_level', events: [{ type: 'listing_proposed', data: input }] }, ctx.at, ctx.actor);
      },
    }),

    set_level: action({
      name: 'set_level',
      nameZh: '确定督办层级',
      nameEn: 'Set the supervision level',
      input: SetLevelInput,
      roles: SUPERVISOR,
      steps: ['set_level'],
      apply(state, input, ctx) {
        checkLevel(state, input.level, 'level');
        const delister = delistingJurisdiction(dataOf(state).caseJurisdiction, input.level);
        // A supervisor lists at their own level or below: a county supervisor who set "national" left
        // a listing only a national supervisor could ever delist. A higher level is asked for with
        // request_level_change, which that level approves.
        if (!coversJurisdiction(ctx.actor.jurisdiction, delister)) {
          throw new ActionJurisdictionNotAllowedError(
            'set_level',
            ctx.actor.jurisdiction,
            delister,
            `a ${input.level}-level listing is set by a supervisor of ${delister} or above, not from ${ctx.actor.jurisdiction}; ask for that level with request_level_change`,
          );
        }
        return change(
          state,
          {
            step: 'issue_notice',
            data: { level: input.level, delistingJurisdiction: delister },
            events: [
              { type: 'listing_level_set', reason: input.reason ?? null, data: { level: input.level, delistingJurisdiction: delister } },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    issue_notice: action({
      name: 'issue_notice',
      nameZh: '下达挂牌督办通知书',
      nameEn: 'Issue the listing notice',
      input: IssueListingNoticeInput,
      roles: AGENCY_HEAD,
      steps: ['issue_notice'],
      apply(state, input, ctx) {
        requireNotAfter(input.servedAt, ctx.at, 'servedAt');
        requireAfter(input.rectificationDueAt, ctx.at, 'rectificationDueAt');
        const served = input.servedAt ?? ctx.at;
        return change(
          state,
          {
            step: 'submit_plan',
            events: [{ type: 'listing_notice_issued', data: { ...input, servedAt: served } }],
            arm: [
              { step: 'submit_plan', start: served, basis: 'the listing notice was served' },
              { step: 'progress_report', start: served, basis: 'the listing notice was served' },
              {
                step: 'rectification_complete',
                start: served,
                ...(input.rectificationDueAt ? { explicitDueAt: input.rectificationDueAt } : {}),
                basis: input.rectificationDueAt ? 'the deadline the listing notice states' : 'the listing notice was served',
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    submit_plan: action({
      name: 'submit_plan',
      nameZh: '录入治理方案（五落实）',
      nameEn: 'Record the rectification plan (the "five in place")',
      input: SubmitPlanInput,
      roles: RECORDED_BY_OFFICER,
      steps: ['submit_plan'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        return change(
          state,
          {
            step: 'progress_report',
            data: { plan: input.fiveInPlace },
            events: [
              { type: 'plan_submitted', data: { ...input, receivedAt: input.receivedAt ?? ctx.at, late: lateFor(state, 'submit_plan') } },
            ],
            disarm: ['submit_plan'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    progress_report: action({
      name: 'progress_report',
      nameZh: '录入治理进展报告',
      nameEn: 'Record a periodic progress report',
      input: ProgressReportInput,
      roles: RECORDED_BY_OFFICER,
      steps: ['progress_report'],
      // Reports are due from the notice on, even while the plan is late.
      allowedIn: (s) => s.step === 'submit_plan' || s.step === 'progress_report',
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const received = input.receivedAt ?? ctx.at;
        const n = dataOf(state).progressReports + 1;
        return change(
          state,
          {
            data: { progressReports: n },
            events: [{ type: 'progress_reported', data: { ...input, receivedAt: received, n, late: lateFor(state, 'progress_report') } }],
            arm: [{ step: 'progress_report', start: received, basis: `progress report ${n} was received` }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    rectification_complete: action({
      name: 'rectification_complete',
      nameZh: '录入完成整改及验收（复产）申请',
      nameEn: 'Record completion and the application for review (or to resume production)',
      input: RectificationCompleteInput,
      roles: RECORDED_BY_OFFICER,
      steps: ['rectification_complete'],
      // Completion is reported while the periodic reports run (after the plan).
      allowedIn: (s) => s.step === 'progress_report',
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const received = input.receivedAt ?? ctx.at;
        return change(
          state,
          {
            step: 'on_site_review',
            events: [
              { type: 'rectification_completed', data: { ...input, receivedAt: received, late: lateFor(state, 'rectification_complete') } },
            ],
            disarm: ['progress_report', 'rectification_complete'],
            arm: [
              {
                step: 'on_site_review',
                start: received,
                basis: input.resumeProductionApplication
                  ? 'the application to resume production was received'
                  : 'the application for review was received',
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    on_site_review: action({
      name: 'on_site_review',
      nameZh: '现场审查 / 整改效果评价',
      nameEn: 'On-site review of the rectification',
      input: OnSiteReviewInput,
      roles: OFFICER,
      steps: ['on_site_review'],
      apply(state, input, ctx) {
        const late = lateFor(state, 'on_site_review');
        if (input.result === 'passed') {
          return change(
            state,
            { step: 'delist', events: [{ type: 'listing_review_passed', data: { ...input, late } }], disarm: ['on_site_review'] },
            ctx.at,
            ctx.actor,
          );
        }
        const due = input.newRectificationDueAt as string;
        requireAfter(due, ctx.at, 'newRectificationDueAt');
        const failures = dataOf(state).reviewFailures + 1;
        return change(
          state,
          {
            step: 'progress_report',
            data: { reviewFailures: failures },
            events: [{ type: 'listing_review_failed', data: { ...input, late, reviewFailures: failures } }],
            disarm: ['on_site_review'],
            arm: [
              { step: 'progress_report', start: ctx.at, basis: 'the on-site review failed' },
              { step: 'rectification_complete', start: ctx.at, explicitDueAt: due, basis: 'the new deadline set by the failed review' },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    delist: action({
      name: 'delist',
      nameZh: '销号（摘牌）',
      nameEn: 'Delist',
      input: DelistInput,
      roles: SUPERVISOR,
      steps: ['delist'],
      apply(state, input, ctx) {
        const required = dataOf(state).delistingJurisdiction as string;
        if (ctx.actor.jurisdiction !== required) throw new ActionJurisdictionNotAllowedError('delist', ctx.actor.jurisdiction, required);
        return change(
          state,
          { step: TERMINAL_STEP, outcome: 'delisted', events: [{ type: 'delisted', data: { ...input, level: dataOf(state).level } }] },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    request_level_change: action({
      name: 'request_level_change',
      nameZh: '申请调整督办层级',
      nameEn: 'Request a change of the listing level',
      input: RequestLevelChangeInput,
      roles: ['officer', 'supervisor'],
      steps: AFTER_LEVEL_STEPS,
      allowedIn: (s) => AFTER_LEVEL_STEPS.includes(s.step) && dataOf(s).pendingLevel === null,
      apply(state, input, ctx) {
        const d = dataOf(state);
        checkLevel(state, input.level, 'level');
        if (input.level === d.level)
          throw new InvalidProcedureInputError([{ path: 'level', message: `the listing is already at ${d.level} level` }]);
        const higher =
          LEVEL_ORDER.indexOf(input.level) > LEVEL_ORDER.indexOf(d.level as ListingLevel) ? input.level : (d.level as ListingLevel);
        const change_ = { from: d.level, to: input.level, approverJurisdiction: delistingJurisdiction(d.caseJurisdiction, higher) };
        return change(
          state,
          {
            data: { pendingLevel: input.level },
            events: [{ type: 'listing_level_change_requested', reason: input.reason, data: change_ }],
            requests: [
              {
                kind: 'approval',
                approval: 'listing_level',
                approverRole: 'supervisor',
                summary: input.reason,
                data: { procedureId: state.procedureId, ...change_ },
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    conclude_escalated: action({
      name: 'conclude_escalated',
      nameZh: '升级处理并终结督办',
      nameEn: 'End the listing as escalated',
      input: ConcludeListingEscalatedInput,
      roles: SUPERVISOR,
      steps: ['propose', 'set_level', ...AFTER_LEVEL_STEPS],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: 'escalated',
            events: [{ type: 'listing_escalated', reason: input.reason, data: { escalation: input.escalation } }],
          },
          ctx.at,
          ctx.actor,
        ),
    }),
  },

  deadlinePassed: (state, step, at) => deadlinePassedDefault(state, step, at),

  approvalDecided(state, approval, decision, reason, ctx) {
    const d = dataOf(state);
    if (approval !== 'listing_level' || d.pendingLevel === null || state.status !== 'active') return unexpectedApproval(state, approval);
    if (decision === 'returned') {
      if (!reason?.trim()) throw new UnexpectedProcedureInputError('refusing a level change needs a reason');
      return change(
        state,
        {
          data: { pendingLevel: null },
          events: [{ type: 'listing_level_change_refused', reason, data: { level: d.level, requested: d.pendingLevel } }],
        },
        ctx.at,
        ctx.actor,
      );
    }
    const delister = delistingJurisdiction(d.caseJurisdiction, d.pendingLevel);
    return change(
      state,
      {
        data: { level: d.pendingLevel, delistingJurisdiction: delister, pendingLevel: null },
        events: [{ type: 'listing_level_changed', reason, data: { from: d.level, to: d.pendingLevel, delistingJurisdiction: delister } }],
      },
      ctx.at,
      ctx.actor,
    );
  },
};
