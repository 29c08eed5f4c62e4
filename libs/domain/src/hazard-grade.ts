import { z } from 'zod';

/**
 * Hazard grades (隐患等级). The general split is major versus other; some sectors use finer tiers
 * (domain.md §2.1): 文物 has 一般/突出/重大 ("一般隐患立即整改、突出隐患限期整改、重大隐患挂账整改"),
 * 中央企业 pilots a 较大 tier. The ids are the pinyin-free English words so they survive URLs and logs.
 */
export const HazardGrade = z.enum(['major', 'larger', 'prominent', 'general']);
export type HazardGrade = z.infer<typeof HazardGrade>;

export const HAZARD_GRADE_LABELS: Readonly<Record<HazardGrade, { zh: string; en: string }>> = {
  major: { zh: '重大', en: 'major' },
  larger: { zh: '较大', en: 'larger' },
  prominent: { zh: '突出', en: 'prominent' },
  general: { zh: '一般', en: 'general' },
};

/** Most severe first; useful for sorting lists and dashboards. */
export const HAZARD_GRADES_BY_SEVERITY: readonly HazardGrade[] = ['major', 'larger', 'prominent', 'general'];
