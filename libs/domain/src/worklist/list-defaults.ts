/**
 * Bounds and defaults of the lists, in one place so the schemas, the docs and the tests agree.
 * Defaults may be overridden per request within the bounds.
 */
export const LIST_LIMITS = {
  /** Page size: default and upper bound (a page is a screen, not an export). */
  pageSizeDefault: 50,
  pageSizeMax: 200,
  /** "Due soon" window for the officer's worklist, in hours. */
  dueSoonHoursDefault: 72,
  dueSoonHoursMax: 24 * 60,
  /** "No progress for N days" for the stalled review. */
  noProgressDaysDefault: 14,
  noProgressDaysMax: 365,
  /** Free-text search on enterprise name / credit code. */
  searchMin: 2,
  searchMax: 64,
  /** Bulk reassignment. */
  reassignMax: 500,
} as const;

/** Why a case shows in the stalled review (a case may have several). */
export const STALLED_REASONS = ['overdue', 'no_progress', 'awaiting_my_approval'] as const;
export type StalledReason = (typeof STALLED_REASONS)[number];

/**
 * Event types that record a step's deadline passing: 'deadline_missed' (the legacy rectification
 * machine) and 'deadline_passed' (the procedure machines). A step left after one of them in the same
 * visit was left late.
 */
export const DEADLINE_MISSED_EVENTS = ['deadline_missed', 'deadline_passed'] as const;

/** Months of a statistics period at most (the monthly series has one row per month). */
export const STATISTICS_MAX_MONTHS = 36;

/** Statistics count months and days in China Standard Time (UTC+8). */
export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';
