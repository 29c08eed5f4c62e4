import type { DeadlineArmer } from '@anjian/activities';
import type { DataSource } from 'typeorm';

/** Wires the deadline armer to the database-backed policies and calendars. */
export function createDeadlineArmer(_db: DataSource): DeadlineArmer {
  return {
    async arm(req) {
      if (req.explicitDueAt) {
        return {
          step: req.step,
          dueAt: new Date(req.explicitDueAt).toISOString(),
          origin: 'order',
          policyVersion: req.policyVersion,
          calendarVersion: null,
          explanation: 'deadline written on the order by the officer',
        };
      }
      throw new Error('policy-based deadlines are not wired yet');
    },
  };
}
