import { keepsKey } from './keeps-key';
import { IdempotencyKey } from './idempotency-key.schema';

describe('which answers an Idempotency-Key remembers', () => {
  it('remembers successes and verdicts on the request', () => {
    expect(keepsKey(200)).toBe(true);
    expect(keepsKey(201)).toBe(true);
    expect(keepsKey(400, '/problems/validation')).toBe(true);
    expect(keepsKey(409, '/problems/action-not-allowed')).toBe(true);
    expect(keepsKey(422, '/problems/other')).toBe(true);
  });

  it('releases the key on server errors, caller-dependent and transient refusals', () => {
    for (const s of [500, 502, 503, 504, 401, 403, 404, 408, 429]) expect(keepsKey(s)).toBe(false);
    expect(keepsKey(422, '/problems/deadline-configuration')).toBe(false);
    expect(keepsKey(409, '/problems/idempotency-key-in-flight')).toBe(false);
    expect(keepsKey(409, '/problems/case-not-ready')).toBe(false);
  });
});

describe('Idempotency-Key header', () => {
  it('accepts UUIDs and visible ASCII, refuses short, long, blank, control and non-ASCII keys', () => {
    expect(IdempotencyKey.safeParse('0b7c1c4e-2d6f-4a57-9a55-2f1a4c0b8d10').success).toBe(true);
    expect(IdempotencyKey.safeParse('retry:open/2026-01-01').success).toBe(true);
    for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'nul\u0000character', '中文幂等键中文幂等键']) {
      expect(IdempotencyKey.safeParse(bad).success).toBe(false);
    }
  });
});
