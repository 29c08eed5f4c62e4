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

const stepIds = [...new Set(procedures.flatMap((p) => p.steps.map((s) => s.id)))].sort();

/** Every step id of the catalog; which of them a procedure has is checked against `procedure` (400 otherwise). */
export const KnownStepId = StepId.meta({
  enum: stepIds,
  description: 'a step of `procedure` (GET /catalog/procedures); a step of another procedure is a 400',
});
