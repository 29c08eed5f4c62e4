import { canonicalJson } from '@anjian/persistence';
import { actionUpdateId, requestHash } from './request-fingerprint';

describe('request fingerprint', () => {
  it('ignores key order and undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(requestHash({ method: 'post', path: '/cases', body: { a: 1, b: 2 } })).toBe(
      requestHash({ method: 'POST', path: '/cases', body: { b: 2, a: 1 } }),
    );
  });

  it('differs when the method, path, query or body differs', () => {
    const base = { method: 'POST', path: '/cases/1/report', body: { summary: 'done' } };
    const h = requestHash(base);
    expect(requestHash({ ...base, method: 'PUT' })).not.toBe(h);
    expect(requestHash({ ...base, path: '/cases/2/report' })).not.toBe(h);
    expect(requestHash({ ...base, query: { dry: '1' } })).not.toBe(h);
    expect(requestHash({ ...base, body: { summary: 'done ' } })).not.toBe(h);
    expect(requestHash({ ...base, body: ['summary', 'done'] })).not.toBe(h);
  });

  it('derives one update id per caller, key, case, action and request', () => {
    const p = { actorId: 'officer-1', key: 'key-12345678', caseId: 'c1', action: 'submitReport', requestHash: 'h' };
    const id = actionUpdateId(p);
    expect(actionUpdateId({ ...p })).toBe(id);
    expect(id).toMatch(/^idem-[0-9a-f]{48}$/);
    for (const change of [
      { actorId: 'officer-2' },
      { key: 'key-87654321' },
      { caseId: 'c2' },
      { action: 'recordVerification' },
      { requestHash: 'h2' },
    ]) {
      expect(actionUpdateId({ ...p, ...change })).not.toBe(id);
    }
    // Generation 0 keeps the id; a later generation (after a failure without effect) gets a new one.
    expect(actionUpdateId({ ...p, generation: 0 })).toBe(id);
    expect(actionUpdateId({ ...p, generation: 1 })).not.toBe(id);
    expect(actionUpdateId({ ...p, generation: 2 })).not.toBe(actionUpdateId({ ...p, generation: 1 }));
    // No ambiguity from concatenation: ('a', 'bc') and ('ab', 'c') differ.
    expect(actionUpdateId({ ...p, actorId: 'a', key: 'bc' })).not.toBe(actionUpdateId({ ...p, actorId: 'ab', key: 'c' }));
  });
});
