/** A deadline as armed on a case, with what it was computed from (so it can be explained). */
export interface ArmedDeadline {
  step: string;
  dueAt: string; // ISO instant
  /** 'order' when the officer wrote the date on the order; 'policy' when the pinned policy gave it. */
  origin: 'order' | 'policy';
  policyVersion: number | null;
  calendarVersion: number | null;
  explanation: string;
}
