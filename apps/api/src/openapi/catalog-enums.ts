import { SectorId, StepId } from '@anjian/domain';
import { procedures } from '@anjian/seeds/catalog/procedures';
import { sectorIds } from '@anjian/seeds/catalog/sectors';

/**
 * Sector and step ids as the document states them: the catalog's ids as an `enum`. Validation is the
 * slug schema plus a catalog check (unknown ids are a 400 either way), so the enum only tells clients
 * and fuzzers which slugs exist; `.meta` changes the document, not what the schema accepts.
 */
export const KnownSectorId = SectorId.meta({
  enum: [...sectorIds],
  description: 'sector id from GET /catalog/sectors; any other id is a 400',
});

/** Steps with a deadline: an untimed or unknown step is a 400 on every deadline query, whatever the procedure. */
const timedStepIds = [...new Set(procedures.flatMap((p) => p.steps.filter((s) => s.timed).map((s) => s.id)))].sort();

/** Timed step ids of the catalog; whether `procedure` has the step is checked too (400 otherwise). */
export const KnownStepId = StepId.meta({
  enum: timedStepIds,
  description: 'a timed step of `procedure` (GET /catalog/procedures); a step of another procedure, or one without a deadline, is a 400',
});

/**
 * "The step belongs to the procedure" as JSON Schema, for a body with both fields: one branch per
 * procedure with its timed steps (a procedure without one cannot be asked about and has no branch).
 */
export const stepBelongsToProcedure = procedures
  .map((p) => ({ id: p.id, steps: p.steps.filter((s) => s.timed).map((s) => s.id) }))
  .filter((p) => p.steps.length > 0)
  .map((p) => ({ properties: { procedure: { const: p.id }, step: { enum: p.steps } } }));
