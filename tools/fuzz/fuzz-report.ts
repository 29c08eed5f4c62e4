import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One response that broke a check (a 5xx, or something the OpenAPI document does not describe). */
export interface FuzzFailure {
  identity: string;
  operation: string;
  check: string;
  code: string | null;
  title: string;
  message: string;
  status: number | null;
  request: { method: string; uri: string; body: string | null };
  response: string | null;
}

/** A request that never got an answer in time (hang), or an error inside schemathesis itself. */
export interface FuzzError {
  identity: string;
  operation: string | null;
  type: string;
  message: string;
  /** true: the API did not answer (timeout, refused, broken connection); false: the fuzzer's own problem. */
  apiFault: boolean;
}

export interface FuzzSummary {
  /** operation label ("POST /cases") → status code ("201", "no response") → requests */
  byOperation: Map<string, Map<string, number>>;
  requests: number;
  failures: FuzzFailure[];
  errors: FuzzError[];
}

export function emptySummary(): FuzzSummary {
  return { byOperation: new Map(), requests: 0, failures: [], errors: [] };
}

interface NdInteraction {
  request?: { method?: string; uri?: string; body?: { $base64?: string } | null };
  response?: { status_code?: number; content?: { $base64?: string } | null } | null;
}
interface NdCheck {
  name: string;
  status: string;
  failure_info?: { failure?: { code?: string; title?: string; message?: string } } | null;
}
interface NdRecorder {
  label: string;
  cases?: Record<string, { value?: { method?: string; path?: string } }>;
  checks?: Record<string, NdCheck[]>;
  interactions?: Record<string, NdInteraction>;
}

const decode = (b?: { $base64?: string } | null, max = 2000): string | null =>
  b?.$base64 === undefined ? null : Buffer.from(b.$base64, 'base64').toString('utf8').slice(0, max);

const API_FAULT = /timeout|timed out|connection|chunked|remotedisconnected/i;

/** Folds one line of schemathesis' NDJSON event stream (`--report ndjson`) into the summary. */
export function addEvent(summary: FuzzSummary, identity: string, line: string): void {
  if (!line.startsWith('{"ScenarioFinished"') && !line.startsWith('{"NonFatalError"')) return;
  const event = JSON.parse(line) as {
    ScenarioFinished?: { recorder: NdRecorder };
    NonFatalError?: { value: { type: string; message: string }; label: string | null };
  };
  if (event.NonFatalError) {
    const { value, label } = event.NonFatalError;
    const text = `${value.type}: ${value.message}`;
    summary.errors.push({ identity, operation: label, type: value.type, message: value.message, apiFault: API_FAULT.test(text) });
    return;
  }
  const recorder = event.ScenarioFinished!.recorder;
  for (const [caseId, interaction] of Object.entries(recorder.interactions ?? {})) {
    // Stateful scenarios ("Stateful tests") chain several operations: count each under its own.
    const value = recorder.cases?.[caseId]?.value;
    const operation = value?.method && value.path ? `${value.method.toUpperCase()} ${value.path}` : recorder.label;
    const statuses = summary.byOperation.get(operation) ?? new Map<string, number>();
    summary.byOperation.set(operation, statuses);
    const status = interaction.response?.status_code;
    const key = status === undefined ? 'no response' : String(status);
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    summary.requests += 1;
    for (const check of recorder.checks?.[caseId] ?? []) {
      if (check.status !== 'failure') continue;
      const failure = check.failure_info?.failure;
      summary.failures.push({
        identity,
        operation,
        check: check.name,
        code: failure?.code ?? null,
        title: failure?.title ?? check.name,
        message: failure?.message ?? '',
        status: status ?? null,
        request: {
          method: interaction.request?.method ?? '?',
          uri: (interaction.request?.uri ?? '?').slice(0, 600),
          body: decode(interaction.request?.body, 600),
        },
        response: decode(interaction.response?.content, 800),
      });
    }
  }
}

export async function readNdjson(summary: FuzzSummary, identity: string, path: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) addEvent(summary, identity, line);
}

export function merge(into: FuzzSummary, from: FuzzSummary): FuzzSummary {
  for (const [op, statuses] of from.byOperation) {
    const target = into.byOperation.get(op) ?? new Map<string, number>();
    into.byOperation.set(op, target);
    for (const [s, n] of statuses) target.set(s, (target.get(s) ?? 0) + n);
  }
  into.requests += from.requests;
  into.failures.push(...from.failures);
  into.errors.push(...from.errors);
  return into;
}

/**
 * schemathesis 4.32 generates "negative" requests that add an undeclared header and expects them
 * refused; HTTP says a recipient ignores header fields it does not recognise (RFC 9110 §5.1), and
 * every proxy and browser adds some, so accepting them is correct. Counted apart, never as a failure
 * (upstream: schemathesis/schemathesis#4762). Any other invalid part of a request still counts.
 */
export const isUnknownHeaderAccepted = (f: FuzzFailure): boolean =>
  f.check === 'negative_data_rejection' && /Invalid component: in header - object with unexpected properties\s*$/.test(f.message);

/** What fails the run: any 5xx or non-conforming response, and any request the API did not answer. */
export interface FuzzVerdict {
  serverErrors: number;
  nonConforming: number;
  /** Requests with an undeclared header that were answered normally (isUnknownHeaderAccepted): not failures. */
  unknownHeadersAccepted: number;
  hangs: number;
  /** schemathesis itself did not finish (could not load the document, killed by the guard). */
  incompleteRuns: number;
  ok: boolean;
}

export function verdict(s: FuzzSummary): FuzzVerdict {
  let serverErrors = 0;
  for (const statuses of s.byOperation.values()) for (const [status, n] of statuses) if (/^5\d\d$/.test(status)) serverErrors += n;
  const unknownHeadersAccepted = s.failures.filter(isUnknownHeaderAccepted).length;
  const nonConforming = s.failures.filter((f) => f.check !== 'not_a_server_error').length - unknownHeadersAccepted;
  const hangs = s.errors.filter((e) => e.apiFault).length;
  const incompleteRuns = s.errors.filter((e) => e.type === 'SchemathesisExit').length;
  return {
    serverErrors,
    nonConforming,
    unknownHeadersAccepted,
    hangs,
    incompleteRuns,
    ok: serverErrors + nonConforming + hangs + incompleteRuns === 0,
  };
}

/**
 * Requests by status code per documented operation, sorted by path then method. Requests with a
 * method the document does not declare on a path (schemathesis probes them) share one row.
 */
export function statusTable(s: FuzzSummary, documented: string[] = []): string {
  const OTHER = 'other methods on documented paths';
  const rowsByOp = new Map<string, Map<string, number>>();
  for (const op of documented) rowsByOp.set(op, new Map());
  for (const [op, statuses] of s.byOperation) {
    const key = documented.length && !documented.includes(op) ? OTHER : op;
    const target = rowsByOp.get(key) ?? new Map<string, number>();
    rowsByOp.set(key, target);
    for (const [c, n] of statuses) target.set(c, (target.get(c) ?? 0) + n);
  }
  const ops = [...rowsByOp.keys()].sort((a, b) => {
    if (a === OTHER || b === OTHER) return a === OTHER ? 1 : -1;
    const [ma, pa] = a.split(' ');
    const [mb, pb] = b.split(' ');
    return (pa ?? '').localeCompare(pb ?? '') || (ma ?? '').localeCompare(mb ?? '');
  });
  const codes = [...new Set([...s.byOperation.values()].flatMap((m) => [...m.keys()]))].sort();
  const header = ['operation', ...codes, 'total'];
  const rows = ops.map((op) => {
    const m = rowsByOp.get(op)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    return [op, ...codes.map((c) => (m.get(c) ? String(m.get(c)) : '·')), String(total)];
  });
  const totals = codes.map((c) => String([...s.byOperation.values()].reduce((a, m) => a + (m.get(c) ?? 0), 0)));
  const all = ['all requests', ...totals, String(s.requests)];
  const widths = header.map((h, i) => Math.max(h.length, all[i]!.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = fmt(widths.map((w) => '-'.repeat(w)));
  return [fmt(header), rule, ...rows.map(fmt), rule, fmt(all)].join('\n');
}

/** Distinct failures (operation × check × status × identity), with one example request each; unknown headers accepted are not failures. */
export function distinctFailures(s: FuzzSummary): Array<FuzzFailure & { count: number }> {
  const seen = new Map<string, FuzzFailure & { count: number }>();
  for (const f of s.failures) {
    if (isUnknownHeaderAccepted(f)) continue;
    const key = `${f.operation}|${f.check}|${f.status}|${f.identity}|${f.message.split('\n')[0]}`;
    const prev = seen.get(key);
    if (prev) prev.count += 1;
    else seen.set(key, { ...f, count: 1 });
  }
  return [...seen.values()];
}
