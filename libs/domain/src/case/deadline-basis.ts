/** A deadline as armed on a case, with what it was computed from (so it can be explained). */
export interface ArmedDeadline {
  step: string;
  /** The event that started the clock (ISO instant); a re-arm after a policy move counts from it again. */
  start: string;
  dueAt: string; // ISO instant
  /** 'order' when the officer wrote the date on the order; 'policy' when the pinned policy gave it. */
  origin: 'order' | 'policy';
  policyVersion: number | null;
  calendarId: string | null;
  calendarVersion: number | null;
  /** Human-readable basis: rule, citation, calendar, each holiday or make-up day that moved it. */
  explanation: string;
  /** Reminder instants before the deadline and escalation rungs after it, from the policy. */
  reminders: string[];
  escalations: { action: string; at: string }[];
  /** The calendar had no official schedule for a day consulted (weekday fallback). */
  outsideKnownYears: boolean;
}
