/** What the parent tells a worker process (test/support/worker-process.ts) about when to die. */
export interface KillPlan {
  /** Only a projection of this case fires the plan. */
  caseId?: string;
  /** Only a projection that carries an event of one of these types fires the plan. */
  eventTypes?: string[];
  /** Only once this process has committed at least this many projections. */
  afterProjections?: number;
}

/** One line of the projection log: a projection the worker process committed (and whether it then died). */
export interface ProjectionLogLine {
  pid: number;
  caseId: string;
  /** The event stream: 'main' (legacy workflow), 'case' or a procedure id. */
  stream: string;
  seqs: number[];
  types: string[];
  ats: string[];
  appended: number;
  killing: boolean;
}
