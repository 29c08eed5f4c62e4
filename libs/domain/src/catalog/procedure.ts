import { z } from 'zod';
import { CatalogIssue, findDuplicateIds } from './catalog-issue';

/** The six procedures a case can run (procedures.md §2); each is one workflow type. */
export const ProcedureId = z.enum([
  'listed_supervision', // 挂牌督办
  'interview', // 约谈
  'rectification', // 整改, incl. 停产停业整顿 → 复产验收
  'verification', // 验收 / 复查
  'closure', // 销号 / 结案
  'criminal_transfer', // 行刑衔接
]);
export type ProcedureId = z.infer<typeof ProcedureId>;

/** Who is expected to act at a step; the party the deadline binds. */
export const ActorRole = z.enum([
  'officer', // 执法人员
  'supervisor', // 督办/科室负责人
  'enterprise', // 生产经营单位 (or the interviewed party)
  'agency_head', // 行政执法机关正职负责人
  'police', // 公安机关
  'procuratorate', // 人民检察院
  'system', // automatic (timer, import)
]);
export type ActorRole = z.infer<typeof ActorRole>;

export const StepId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'step id must be a lowercase ASCII slug such as "recheck"');
export type StepId = z.infer<typeof StepId>;

export const ProcedureStep = z
  .object({
    id: StepId,
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    actorRole: ActorRole,
    /** Has a deadline; every timed step needs a policy rule (sector × procedure × step). */
    timed: z.boolean(),
    /** Timed steps: the event that starts the clock, in English. */
    clockStartsAt: z.string().min(1).optional(),
    /**
     * The case document (order, notice) may state this deadline itself; the policy then only gives the
     * default used when the document is silent (e.g. 限期整改 deadlines are case-specific, domain.md §2.7).
     */
    caseDeadline: z.boolean().default(false),
    /**
     * This step replaces another step of the same procedure when `condition` holds (e.g. the police's
     * 7-day filing decision instead of the 3-day default). Alternatives are alternatives, not sequence.
     */
    alternativeTo: StepId.optional(),
    condition: z.string().min(1).optional(),
    /** The step happens only in some cases (e.g. police forward a case outside their jurisdiction). */
    optional: z.boolean().default(false),
    note: z.string().min(1).optional(),
  })
  .superRefine((step, ctx) => {
    if (step.timed && !step.clockStartsAt) {
      ctx.addIssue({ code: 'custom', path: ['clockStartsAt'], message: `timed step '${step.id}' must say what starts its clock` });
    }
    if (!step.timed && step.clockStartsAt) {
      ctx.addIssue({ code: 'custom', path: ['clockStartsAt'], message: `untimed step '${step.id}' has no clock` });
    }
    if (!step.timed && step.caseDeadline) {
      ctx.addIssue({ code: 'custom', path: ['caseDeadline'], message: `untimed step '${step.id}' cannot carry a case deadline` });
    }
    if ((step.alternativeTo === undefined) !== (step.condition === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'alternativeTo and condition go together' });
    }
  });
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const Procedure = z
  .object({
    id: ProcedureId,
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    /** Possible ends, e.g. 'delisted, or escalated'. */
    endsIn: z.string().min(1),
    /** In the order they normally happen; alternatives follow the step they replace. */
    steps: z.array(ProcedureStep).min(1),
  })
  .superRefine((procedure, ctx) => {
    for (const issue of findDuplicateIds(
      procedure.steps.map((s) => s.id),
      `${procedure.id} step`,
    )) {
      ctx.addIssue({ code: 'custom', path: ['steps', ...issue.path], message: issue.message });
    }
    procedure.steps.forEach((step, index) => {
      if (step.alternativeTo === undefined) return;
      const target = procedure.steps.findIndex((s) => s.id === step.alternativeTo);
      if (target < 0 || target >= index) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'alternativeTo'],
          message: `'${step.id}' is an alternative to '${step.alternativeTo}', which must be an earlier step of ${procedure.id}`,
        });
      }
    });
  });
export type Procedure = z.infer<typeof Procedure>;
export type ProcedureInput = z.input<typeof Procedure>;

export function findStep(procedures: readonly Procedure[], procedureId: string, stepId: string): ProcedureStep | undefined {
  return procedures.find((p) => p.id === procedureId)?.steps.find((s) => s.id === stepId);
}

export function timedSteps(procedure: Procedure): ProcedureStep[] {
  return procedure.steps.filter((s) => s.timed);
}

/** Unique procedure ids, and every procedure id of the enum present exactly once. */
export function checkProcedureCatalog(procedures: readonly Procedure[]): CatalogIssue[] {
  const issues = findDuplicateIds(
    procedures.map((p) => p.id),
    'procedure',
  );
  const present = new Set(procedures.map((p) => p.id));
  for (const id of ProcedureId.options) {
    if (!present.has(id)) {
      issues.push({ code: 'unknown_procedure', path: [], message: `procedure '${id}' is missing from the catalog` });
    }
  }
  return issues;
}
