import { z } from 'zod';
import { freeText, identifier } from '../text/free-text';

/**
 * Why a rule says what it says. Every deadline is policy data (procedures.md §3); the record keeps the
 * citation so a reviewer can check it against the official text.
 */
export const LegalProvenance = z.object({
  kind: z.literal('legal'),
  /** e.g. '国务院令第310号 (2020修订) 第五条'. */
  citation: freeText({ max: 1000 }),
  note: freeText({ max: 2000 }).optional(),
  /**
   * Part of the rule is applied by analogy rather than stated by the cited text — typically the rest-day
   * roll-over for 310号 / 54号 periods (procedures.md §3). `note` says which part.
   */
  byAnalogy: z.boolean().optional(),
});

export const AdministratorDefaultProvenance = z.object({
  kind: z.literal('administrator_default'),
  /** Who set it: a user id, or 'system-seed' for the shipped defaults. */
  setBy: identifier(64),
  /** Why this value; for seed defaults, which seed quote (or silence) it rests on. */
  reason: freeText({ max: 2000 }),
});

export const Provenance = z.discriminatedUnion('kind', [LegalProvenance, AdministratorDefaultProvenance]);
export type Provenance = z.infer<typeof Provenance>;
