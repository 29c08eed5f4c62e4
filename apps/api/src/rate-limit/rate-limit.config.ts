import { z } from 'zod';

const count = z.coerce.number().int().min(0).max(1_000_000);

/**
 * Rate limits (issue 12 "Protection"), from the environment. Generous by default (100 requests/s per
 * user, 200 per address) — an officer's client or a supervisor's export never comes near them, nor do
 * the test suite and the bounded fuzz run (its busiest identity: 3 918 requests in 61 s ≈ 64/s,
 * docs/fuzzing.md) — so they stop floods, not work. 0 switches a limit off (the 1M-case benchmark
 * sets RATE_LIMIT_PER_USER=0: it measures the API, not the limiter).
 */
export const RateLimitConfig = z.object({
  /** Requests one signed-in user may make per window (after authentication). */
  RATE_LIMIT_PER_USER: count.default(6000),
  /** Requests one client address may make per window (before authentication: floods of bad tokens too). */
  RATE_LIMIT_PER_IP: count.default(12000),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfig>;

export function rateLimitConfig(source: Record<string, string | undefined> = process.env): RateLimitConfig {
  const parsed = RateLimitConfig.safeParse(source);
  if (!parsed.success)
    throw new Error(`Invalid rate limit configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
