import { createHash } from 'node:crypto';
import { sectorIds } from '@anjian/seeds/catalog/sectors';
import { FUZZ_IDENTITIES, identityHeaders } from './identities';

/** Known ids the fuzzer draws from part of the time, so that generated requests reach real records. */
export interface FuzzDictionaries {
  caseIds: string[];
  /** Procedure instances of the seeded cases (`rectification-1`, `interview-1`), for the per-procedure routes. */
  procedureIds: string[];
  policyVersions: number[];
  calendarIds: string[];
  jurisdictions: string[];
  sectors: string[];
  /** Unified social credit codes with a valid check character (统一社会信用代码). */
  creditCodes: string[];
  /** Rectification (责令限期整改) and its timed steps, for the deadline and policy look-ups. */
  procedures: string[];
  steps: string[];
  /** Instants around holidays and 调休 make-up days, in and past the published calendar. */
  instants: string[];
}

const officer = FUZZ_IDENTITIES.find((i) => i.name === 'officer')!;

async function post(baseUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { ...(await identityHeaders(officer)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`seeding the fuzz run: POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** An attachment reference as actions take it: {name, sha256, size} (a report needs at least one). */
function reference(name: string) {
  return { name, sha256: createHash('sha256').update(name).digest('hex'), size: Buffer.byteLength(name) };
}

/** Uploads a text file whose content is its name to the case: an action cites only files uploaded to its own case. */
async function upload(baseUrl: string, caseId: string, name: string): Promise<void> {
  const res = await fetch(`${baseUrl}/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { ...(await identityHeaders(officer)), 'content-type': 'text/plain', 'x-filename': encodeURIComponent(name) },
    body: Buffer.from(name, 'utf8'),
    signal: AbortSignal.timeout(60_000),
  });
  if (res.status !== 201)
    throw new Error(`seeding the fuzz run: upload to ${caseId} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/**
 * Opens four cases in 140105 on the case workflow — a rectification order just issued, one with the
 * enterprise's report, one closed by a passed re-check, and an interview (约谈) — so that the case and
 * procedure operations are fuzzed against every step, not only 404s.
 */
export async function seedFuzzData(baseUrl: string): Promise<FuzzDictionaries> {
  const open = (title: string, extra: Record<string, unknown> = {}) =>
    post(baseUrl, '/cases', {
      title,
      source: 'inspection',
      sector: 'industry_trade',
      jurisdiction: '140105',
      hazardGrade: 'major',
      enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
      ...extra,
    });
  const ids: string[] = [];
  for (const title of ['模糊测试：已下达整改', '模糊测试：已报告', '模糊测试：已结案']) ids.push(String((await open(title))['id']));
  ids.push(String((await open('模糊测试：约谈', { procedure: 'interview', input: { reason: '整改逾期未报告' } }))['id']));
  const act = (caseId: string, action: string) => `/cases/${caseId}/procedures/rectification-1/actions/${action}`;
  const report = { summary: '已加装锁气卸灰装置', attachments: [reference('整改报告.pdf')] };
  for (const id of [ids[1]!, ids[2]!]) await upload(baseUrl, id, '整改报告.pdf');
  await post(baseUrl, act(ids[1]!, 'submit_report'), report);
  await post(baseUrl, act(ids[2]!, 'submit_report'), report);
  await post(baseUrl, act(ids[2]!, 'record_recheck'), {
    result: 'passed',
    inspector: { id: 'officer-2', name: '李复查' },
    findings: '现场复查合格',
  });
  return {
    caseIds: ids,
    procedureIds: ['rectification-1', 'interview-1'],
    policyVersions: [1, 2, 3],
    calendarIds: ['CN', 'CN-140000', 'CN-140100', 'CN-650000'],
    jurisdictions: ['140105', '140100', '140000', '000000', '650000'],
    sectors: [...sectorIds],
    creditCodes: ['91350100M000100Y43'],
    procedures: ['rectification'],
    steps: ['report', 'recheck', 'record_result'],
    instants: ['2026-02-13T10:00:00+08:00', '2026-09-30T18:00:00+08:00', '2025-12-31T16:00:00Z', '2031-04-30T09:00:00+08:00'],
  };
}
