import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Who used a key for what: keys are scoped per actor id, HTTP method and route (not per concrete path). */
export interface IdempotencyScope {
  actorId: string;
  method: string;
  route: string;
  key: string;
}

/** The identity the first request came with, so a replay can tell whether the caller changed. */
export interface IdempotencyIdentity {
  role: string;
  jurisdiction: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type BeginResult =
  | { kind: 'started'; attempt: string; updateGeneration: number }
  | { kind: 'in_flight'; lockedUntil: Date }
  | { kind: 'mismatch' }
  | { kind: 'completed'; response: StoredResponse; identity: IdempotencyIdentity; completedAt: Date };

interface Row {
  request_hash: string;
  state: 'in_flight' | 'completed';
  attempt: string;
  actor_role: string;
  actor_jurisdiction: string;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  locked_until: Date;
  completed_at: Date | null;
}

/**
 * The idempotency store in PostgreSQL. `begin` claims a key atomically (INSERT … ON CONFLICT), so
 * two concurrent requests with one key never both run; each claim gets an attempt id, and only the
 * attempt that holds the key may complete or release it.
 */
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  async begin(
    scope: IdempotencyScope,
    requestHash: string,
    identity: IdempotencyIdentity,
    opts: { lockMs: number; retentionMs: number },
    tries = 3,
  ): Promise<BeginResult> {
    const attempt = randomUUID();
    // A row may be taken over when it expired, or when its holder died mid-request (lock passed) and
    // the retry is the same request; otherwise the existing row answers.
    const claimed = (await this.db.query(
      `INSERT INTO idempotency_keys AS k (actor_id, method, route, key, request_hash, state, attempt, actor_role, actor_jurisdiction,
                                         locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_flight', $6, $7, $8, now() + make_interval(secs => $9::double precision / 1000),
               now() + make_interval(secs => $10::double precision / 1000))
       ON CONFLICT (actor_id, method, route, key) DO UPDATE SET
         request_hash = EXCLUDED.request_hash, state = 'in_flight', attempt = EXCLUDED.attempt,
         actor_role = EXCLUDED.actor_role, actor_jurisdiction = EXCLUDED.actor_jurisdiction,
         response_status = NULL, response_body = NULL, response_headers = NULL, created_at = now(),
         locked_until = EXCLUDED.locked_until, completed_at = NULL, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at < now()
          OR (k.state = 'in_flight' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
       RETURNING attempt, update_generation`,
      [
        scope.actorId,
        scope.method,
        scope.route,
        scope.key,
        requestHash,
        attempt,
        identity.role,
        identity.jurisdiction,
        opts.lockMs,
        opts.retentionMs,
      ],
    )) as { attempt: string; update_generation: number }[];
    if (claimed[0]?.attempt === attempt) return { kind: 'started', attempt, updateGeneration: claimed[0].update_generation };

    const [row] = (await this.db.query(
      `SELECT request_hash, state, attempt, actor_role, actor_jurisdiction, response_status, response_body, response_headers,
              locked_until, completed_at
         FROM idempotency_keys WHERE actor_id = $1 AND method = $2 AND route = $3 AND key = $4`,
      [scope.actorId, scope.method, scope.route, scope.key],
    )) as Row[];
    // Released between our INSERT and SELECT: the caller may simply try again.
    if (!row) {
      if (tries <= 1) throw new Error(`idempotency key ${scope.key} keeps changing hands; giving up`);
      return this.begin(scope, requestHash, identity, opts, tries - 1);
    }
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.state === 'in_flight') return { kind: 'in_flight', lockedUntil: row.locked_until };
    return {
      kind: 'completed',
      response: { status: row.response_status!, body: row.response_body, headers: row.response_headers ?? {} },
      identity: { role: row.actor_role, jurisdiction: row.actor_jurisdiction },
      completedAt: row.completed_at!,
    };
  }

  /** Stores the answer; a no-op when this attempt no longer holds the key. */
  async complete(scope: IdempotencyScope, attempt: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys
          SET state = 'completed', response_status = $6, response_body = $7, response_headers = $8, completed_at = now()
        WHERE actor_id = $1 AND method = $2 AND route = $3 AND key = $4 AND attempt = $5 AND state = 'in_flight'`,
      [
        scope.actorId,
        scope.method,
        scope.route,
        scope.key,
        attempt,
        response.status,
        JSON.stringify(response.body ?? null),
        JSON.stringify(response.headers),
      ],
    );
  }

  /** Forgets the key (the request failed in a way a retry may cure), so the same request can run again. */
  async release(scope: IdempotencyScope, attempt: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE actor_id = $1 AND method = $2 AND route = $3 AND key = $4 AND attempt = $5`, [
      scope.actorId,
      scope.method,
      scope.route,
      scope.key,
      attempt,
    ]);
  }

  /**
   * The attempt failed without effect inside the workflow: the key stays with this request (a
   * different body is still 422), may be taken over at once by its retry, and moves to the next
   * update generation so that the retry's Temporal update id is not the failed one.
   */
  async retryWithNextGeneration(scope: IdempotencyScope, attempt: string): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET locked_until = now() - interval '1 millisecond', update_generation = update_generation + 1
        WHERE actor_id = $1 AND method = $2 AND route = $3 AND key = $4 AND attempt = $5 AND state = 'in_flight'`,
      [scope.actorId, scope.method, scope.route, scope.key, attempt],
    );
  }

  /** Deletes keys past their retention; returns how many. */
  async purgeExpired(limit = 1000): Promise<number> {
    const [, count] = (await this.db.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1)`,
      [limit],
    )) as [unknown, number];
    return count;
  }
}
