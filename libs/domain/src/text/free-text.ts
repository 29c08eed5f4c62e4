import { z } from 'zod';

/**
 * Text a person types (titles, summaries, findings, names, reasons). Everything accepted here must be
 * storable as-is: PostgreSQL refuses NUL in text and jsonb, and jsonb refuses an unpaired surrogate, so
 * such a value that slipped through would make the projection retry forever and wedge the case. We
 * refuse it at the edge instead, with the field's path, and store one canonical form (NFC) so that the
 * same words typed on two keyboards compare equal.
 */
export interface FreeTextOptions {
  /** Fewest characters (Unicode code points, as PostgreSQL's char_length counts them). Default 1. */
  min?: number;
  /** Most characters (code points). Required: every text has a cap. */
  max: number;
  /** Strip leading and trailing white space before checking (reasons, labels). Default false. */
  trim?: boolean;
  /** What to say when it is too short, e.g. 'say why: every administrator change records a reason'. */
  tooShort?: string;
}

/** C0 control characters other than tab, line feed and carriage return. */
const NUL = /^[^\u0000]*$/;
const OTHER_C0 = /^[^\u0001-\u0008\u000B\u000C\u000E-\u001F]*$/;

/** Both character rules as one JSON Schema pattern (surrogates cannot be said portably; the check says it). */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$';

export const FREE_TEXT_MESSAGES = {
  nul: 'must not contain NUL characters (U+0000)',
  control: 'must not contain control characters (U+0001–U+001F other than tab, line feed and carriage return)',
  surrogate: 'contains an unpaired surrogate (invalid Unicode)',
} as const;

/** Index of the first unpaired UTF-16 surrogate, or -1 when the string is well-formed Unicode. */
export function unpairedSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** Length as PostgreSQL counts it (code points), not UTF-16 units: '𠀀' is one character. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * The one schema for free text. Checks run in order: forbidden characters on what was sent, then
 * NFC normalisation, then the length of what will be stored.
 */
export function freeText({ min = 1, max, trim = false, tooShort }: FreeTextOptions) {
  // One `check` call with every rule rather than a chain of methods: each zod method clones the
  // schema, and schemas are built again for every new workflow (the workflow sandbox's per-workflow
  // module state), so the chain cost ~3x more at import (docs/benchmarks-transitions.md).
  return (
    z
      .string()
      .check(
        ...(trim ? [z.trim()] : []),
        z.regex(NUL, FREE_TEXT_MESSAGES.nul),
        z.regex(OTHER_C0, FREE_TEXT_MESSAGES.control),
        z.refine((v: string) => unpairedSurrogateAt(v) < 0, { message: FREE_TEXT_MESSAGES.surrogate, abort: true }),
        z.normalize('NFC'),
        z.refine((v: string) => codePointLength(v) >= min, {
          message: tooShort ?? (min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
        }),
        z.refine((v: string) => codePointLength(v) <= max, { message: `must be at most ${max} characters` }),
      )
      // The document states the rules in JSON Schema terms (which also counts code points) for clients and fuzzers.
      .meta({ minLength: min, maxLength: max, pattern: FREE_TEXT_PATTERN })
  );
}

/**
 * Identifiers (user ids, inspector ids): letters, digits and . _ : @ - only, so they can be logged,
 * compared and put in URLs without escaping, and carry nothing a screen or database could mistake.
 */
export function identifier(max = 64) {
  return z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(max),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'expected an identifier: letters, digits and . _ : @ - (starting with a letter or digit)'),
    );
}
