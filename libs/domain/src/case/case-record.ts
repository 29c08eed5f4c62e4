import type { Actor } from '../actor/actor';
import type { ArmedDeadline } from './deadline-basis';

/** A case as the read side knows it (projection of its workflows), free of persistence concerns. */
export interface CaseRecord {
  id: string;
  title: string;
  description: string;
  source: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  enterprise: { name: string; creditCode: string };
  procedure: string;
  step: string;
  status: 'open' | 'closed';
  deadline: ArmedDeadline | null;
  overdue: boolean;
  failures: number;
  assigneeId: string;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  policyVersion: number | null;
  workflowId: string;
  lastSeq: number;
  updatedAt: string;
}

/** One row of a case's append-only event log, with its place in the hash chain. */
export interface CaseEventRecord {
  seq: number;
  type: string;
  procedure: string;
  before: string | null;
  after: string;
  actor: Pick<Actor, 'id' | 'role' | 'jurisdiction'> | null;
  reason: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
  prevHash: string | null;
  hash: string;
}
