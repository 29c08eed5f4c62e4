import type { PinnedProcedureLinks } from '@anjian/contracts';
import { defaultProcedureLinks } from '@anjian/seeds/policies/procedure-links';

/**
 * The procedure links in force when a case opens (which procedure may start which; escalation rung →
 * action; failure thresholds; whether a transfer pauses the administrative track), pinned into the
 * case workflow's input so a later policy change does not alter a running case. Today the seeded
 * defaults (seeds/policies/procedure-links.ts); a versioned store would be read here.
 */
export function pinnedProcedureLinks(): PinnedProcedureLinks {
  return defaultProcedureLinks;
}
