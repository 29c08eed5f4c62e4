import { eventually } from '../support/fixtures';
import { http, type HttpResult } from '../support/http';

export interface MigrationCaseResult {
  caseId: string;
  jurisdiction: string;
  status: 'pending' | 'moved' | 'unchanged' | 'skipped' | 'failed';
  before: { dueAt: string | null; policyVersion: number | null };
  after: { dueAt: string | null; policyVersion: number | null } | null;
  note: string | null;
  attempts: number;
}

/** Every case of a batch as `headers` may see them, following the pages. */
export async function migrationCases(
  baseUrl: string,
  id: string,
  headers: Record<string, string>,
  limit = 200,
): Promise<MigrationCaseResult[]> {
  const out: MigrationCaseResult[] = [];
  let after: string | null = null;
  do {
    const page: HttpResult = await http(
      baseUrl,
      'GET',
      `/admin/migrations/${id}/cases?limit=${limit}${after ? `&after=${after}` : ''}`,
      undefined,
      headers,
    );
    if (page.status !== 200) throw new Error(`GET cases of migration ${id}: ${page.status} ${JSON.stringify(page.body)}`);
    out.push(...(page.body.cases as MigrationCaseResult[]));
    after = page.body.next as string | null;
  } while (after);
  return out;
}

/** Polls the status URL until the batch is no longer running. */
export async function migrationFinished(baseUrl: string, statusUrl: string, headers: Record<string, string>, timeoutMs = 60_000) {
  const done = await eventually(
    () => http(baseUrl, 'GET', statusUrl, undefined, headers),
    (r) => r.status === 200 && r.body.status !== 'running',
    timeoutMs,
    `migration ${statusUrl} to finish`,
  );
  return done.body;
}

/**
 * Starts a migration (POST … /migrations), which answers 202 at once, then polls its status URL until
 * it finished, and returns the answer, the final status and every case's outcome.
 */
export async function runMigration(baseUrl: string, path: string, body: unknown, headers: Record<string, string>) {
  const started = await http(baseUrl, 'POST', path, body, headers);
  if (started.status !== 202) return { started, status: null, cases: [] as MigrationCaseResult[] };
  const status = await migrationFinished(baseUrl, started.body.statusUrl as string, headers);
  return { started, status, cases: await migrationCases(baseUrl, started.body.id as string, headers) };
}
