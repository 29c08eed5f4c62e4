import type { Procedure, ProcedureId } from '../catalog/procedure';
import type { Sector } from '../catalog/sector';
import { ANY_SECTOR, PolicyRule } from './policy-rule';

export interface UncoveredStep {
  sector: string;
  procedure: ProcedureId;
  step: string;
}

/**
 * Timed steps that some case could reach without any rule. A step is covered for a sector everywhere only
 * by a rule without jurisdiction and grade restriction (sector '*' or the sector itself); local and
 * grade rules refine, they cannot be the fallback.
 */
export function findUncoveredSteps(
  rules: readonly PolicyRule[],
  sectors: readonly Pick<Sector, 'id'>[],
  procedures: readonly Procedure[],
): UncoveredStep[] {
  const fallbacks = new Set(
    rules.filter((r) => r.jurisdictionPrefix === undefined && r.grade === undefined).map((r) => `${r.procedure}|${r.step}|${r.sector}`),
  );
  const missing: UncoveredStep[] = [];
  for (const procedure of procedures) {
    for (const step of procedure.steps.filter((s) => s.timed)) {
      for (const sector of sectors) {
        const covered =
          fallbacks.has(`${procedure.id}|${step.id}|${ANY_SECTOR}`) || fallbacks.has(`${procedure.id}|${step.id}|${sector.id}`);
        if (!covered) missing.push({ sector: sector.id, procedure: procedure.id, step: step.id });
      }
    }
  }
  return missing;
}
