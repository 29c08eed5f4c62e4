import type { Env } from '@anjian/config';

/**
 * Rate limits (issue 12 "Protection"), from the environment (libs/config EnvSchema: RATE_LIMIT_PER_USER,
 * RATE_LIMIT_PER_IP, RATE_LIMIT_WINDOW_S). Generous by default (100 requests/s per user, 200 per
 * address) — an officer's client or a supervisor's export never comes near them, nor do the test suite
 * and the bounded fuzz run (its busiest identity: 3 918 requests in 61 s ≈ 64/s, docs/fuzzing.md) — so
 * they stop floods, not work. 0 switches a limit off (the lists benchmark does: it measures the API).
 */
export interface RateLimits {
  perUser: number;
  perIp: number;
  windowS: number;
}

export const rateLimitsOf = (env: Pick<Env, 'RATE_LIMIT_PER_USER' | 'RATE_LIMIT_PER_IP' | 'RATE_LIMIT_WINDOW_S'>): RateLimits => ({
  perUser: env.RATE_LIMIT_PER_USER,
  perIp: env.RATE_LIMIT_PER_IP,
  windowS: env.RATE_LIMIT_WINDOW_S,
});
