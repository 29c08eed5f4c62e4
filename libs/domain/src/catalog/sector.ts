import { z } from 'zod';
import { CatalogIssue, findDuplicateIds } from './catalog-issue';

/** Stable lowercase ASCII slug; it is stored on cases and policy rules, so never rename one. */
export const SectorId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'sector id must be a lowercase ASCII slug such as "mining" or "road_transport"');
export type SectorId = z.infer<typeof SectorId>;

/**
 * Where a sector comes from: one of the 31 sub-plans (子方案) of 安委办〔2024〕1号 [004], or a category
 * of a national plan ([000] §六, [002]) that has no sub-plan of its own.
 */
export const SectorKind = z.enum(['sub_plan', 'national_plan_category']);
export type SectorKind = z.infer<typeof SectorKind>;

/** Seed citation in the domain.md convention: '[004·矿山]', '[000]§六(五)', '[002]'. */
export const SeedCitation = z.string().regex(/^\[00[0-4](·[^\]]+)?\]/, "seed citation must start like '[004·矿山]' or '[000]'");

// Wording varies by sector (domain.md §9 item 7); documents and screens must use the sector's own term.
export const HazardTerm = z.enum(['重大事故隐患', '重大安全隐患', '重大火灾隐患', '重大电力安全隐患']);
export type HazardTerm = z.infer<typeof HazardTerm>;
export const ClosureTerm = z.enum(['销号', '销案', '对账销号']);
export type ClosureTerm = z.infer<typeof ClosureTerm>;
export const InterviewTerm = z.enum(['约谈', '约见']);
export type InterviewTerm = z.infer<typeof InterviewTerm>;

export interface SectorVocabulary {
  hazardTerm: HazardTerm;
  closureTerm: ClosureTerm;
  interviewTerm: InterviewTerm;
}

export const DEFAULT_VOCABULARY: Readonly<SectorVocabulary> = {
  hazardTerm: '重大事故隐患',
  closureTerm: '销号',
  interviewTerm: '约谈',
};

/** An override keeps the seed quote that justifies it, so a reviewer can check the wording. */
const termOverride = <T extends z.ZodType>(term: T) => z.object({ term, source: z.string().min(1) });

export const VocabularyOverrides = z.object({
  hazardTerm: termOverride(HazardTerm).optional(),
  closureTerm: termOverride(ClosureTerm).optional(),
  interviewTerm: termOverride(InterviewTerm).optional(),
});
export type VocabularyOverrides = z.infer<typeof VocabularyOverrides>;

export const Sector = z
  .object({
    id: SectorId,
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    kind: SectorKind,
    /** Primary seed location, e.g. '[004·矿山]' or '[000]§六(五)'. */
    source: SeedCitation,
    /** Position in the table of contents of [004] (1–31); sub-plans only. */
    subPlanNumber: z.number().int().min(1).max(31).optional(),
    /** Other seed sections naming the same sector, e.g. [000]'s 消防 category for the 消防 sub-plan. */
    alsoListedIn: z.array(SeedCitation).default([]),
    /** Sub-plans whose scope holds this national category (domain.md §4.3); national categories only. */
    coveredBy: z.array(SectorId).default([]),
    // Lead department as domain.md §4.1 states it. null when domain.md names none: we do not guess.
    leadDepartmentZh: z.string().min(1).nullable(),
    leadDepartmentEn: z.string().min(1).nullable(),
    /** Required when the lead department is null: says why and where to look instead. */
    leadDepartmentNote: z.string().min(1).optional(),
    /** Scope or key objects (domain.md §4.1), English. */
    scopeEn: z.string().min(1).optional(),
    /** Hazard determination standards or guides named in the seeds (domain.md §4.1); not their content. */
    hazardStandards: z.array(z.string().min(1)).default([]),
    vocabulary: VocabularyOverrides.default({}),
  })
  .superRefine((sector, ctx) => {
    if ((sector.leadDepartmentZh === null) !== (sector.leadDepartmentEn === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['leadDepartmentEn'],
        message: 'leadDepartmentZh and leadDepartmentEn must both be set or both be null',
      });
    }
    if (sector.leadDepartmentZh === null && !sector.leadDepartmentNote) {
      ctx.addIssue({
        code: 'custom',
        path: ['leadDepartmentNote'],
        message: 'a sector without a lead department needs a note saying why (e.g. "domain.md names none")',
      });
    }
    if (sector.kind === 'sub_plan' && sector.subPlanNumber === undefined) {
      ctx.addIssue({ code: 'custom', path: ['subPlanNumber'], message: 'a sub-plan needs its number (1–31) in [004]' });
    }
    if (sector.kind === 'national_plan_category' && sector.subPlanNumber !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['subPlanNumber'], message: 'a national plan category has no sub-plan number' });
    }
    if (sector.kind === 'sub_plan' && sector.coveredBy.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['coveredBy'], message: 'coveredBy is for national plan categories only' });
    }
  });
export type Sector = z.infer<typeof Sector>;
export type SectorInput = z.input<typeof Sector>;

/** The sector's wording with its overrides applied. */
export function vocabularyFor(sector: Pick<Sector, 'vocabulary'>): SectorVocabulary {
  return {
    hazardTerm: sector.vocabulary.hazardTerm?.term ?? DEFAULT_VOCABULARY.hazardTerm,
    closureTerm: sector.vocabulary.closureTerm?.term ?? DEFAULT_VOCABULARY.closureTerm,
    interviewTerm: sector.vocabulary.interviewTerm?.term ?? DEFAULT_VOCABULARY.interviewTerm,
  };
}

/** Cross-entry checks a single-entry schema cannot make: unique ids and sub-plan numbers, valid references. */
export function checkSectorCatalog(sectors: readonly Sector[]): CatalogIssue[] {
  const issues = findDuplicateIds(
    sectors.map((s) => s.id),
    'sector',
  );
  const numberOwner = new Map<number, string>();
  const subPlanIds = new Set(sectors.filter((s) => s.kind === 'sub_plan').map((s) => s.id));
  sectors.forEach((sector, index) => {
    if (sector.subPlanNumber !== undefined) {
      const owner = numberOwner.get(sector.subPlanNumber);
      if (owner !== undefined) {
        issues.push({
          code: 'duplicate_id',
          path: [index, 'subPlanNumber'],
          message: `sub-plan number ${sector.subPlanNumber} is used by both '${owner}' and '${sector.id}'`,
        });
      } else {
        numberOwner.set(sector.subPlanNumber, sector.id);
      }
    }
    sector.coveredBy.forEach((ref, refIndex) => {
      if (!subPlanIds.has(ref)) {
        issues.push({
          code: 'unknown_reference',
          path: [index, 'coveredBy', refIndex],
          message: `'${sector.id}' is said to be covered by '${ref}', which is not a sub-plan in the catalog`,
        });
      }
    });
  });
  return issues;
}
