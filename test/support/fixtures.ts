import { http, officerIn } from './http';

/** A valid case body; tests override what they exercise. */
export function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '粉尘涉爆企业除尘系统未按规定设置锁气卸灰装置',
    description: 'Dust explosion hazard found during inspection',
    source: 'inspection',
    sector: 'industry_trade',
    jurisdiction: '140105',
    hazardGrade: 'major',
    enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
    orderKind: 'within_deadline',
    ...overrides,
  };
}

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/**
 * Polls `fn` until `accept` holds and returns that value; on time-out it throws, naming `what` and
 * showing the last value seen, so a condition that never came true fails the test where it waited.
 */
export async function eventually<T>(fn: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await fn();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < until);
  throw new Error(`eventually: ${what} not met within ${timeoutMs} ms; last value: ${describe(last)}`);
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}

/** Opens a case as an officer of the case's own county (the cases API only reaches one's own subtree). */
export async function openCaseAsLocalOfficer(baseUrl: string, overrides: Record<string, unknown> & { jurisdiction: string }) {
  return http(baseUrl, 'POST', '/cases', caseBody(overrides), officerIn(overrides.jurisdiction));
}
