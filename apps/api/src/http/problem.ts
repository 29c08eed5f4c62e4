/**
 * An error the API answers with as application/problem+json (RFC 9457). `extensions` carry the
 * machine-readable part: field paths for validation, current state and allowed actions for a
 * refused action.
 */
export class Problem extends Error {
  /** Response headers that belong to this answer (e.g. Retry-After on a 503). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly type: string = 'about:blank',
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }
}

/**
 * The workflow refused to finish an action it had accepted, without any effect (its worker could not
 * reach PostgreSQL): a retry under the same Idempotency-Key must run it again under a new update id.
 */
export const ACTION_NOT_APPLIED = '/problems/action-not-applied';

export interface FieldIssue {
  path: string;
  message: string;
}

export const validationProblem = (where: string, issues: FieldIssue[]): Problem =>
  new Problem(
    400,
    'Invalid request',
    `${where} failed validation: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    { errors: issues },
    '/problems/validation',
  );
