import type { Actor } from '../actor/actor';

/**
 * One transition of a case, as recorded in the append-only event log. `before`/`after` are the
 * steps, so the log alone tells how a case moved (全过程记录).
 */
export interface CaseEvent {
  type: string;
  procedure: string;
  at: string; // ISO instant
  actor: Actor | null; // null for events raised by the process itself (a deadline passing)
  reason: string | null;
  before: string | null;
  after: string;
  data: Record<string, unknown>;
}
