/**
 * Tokens already verified, so a client that sends the same bearer token on every request pays the
 * signature check (an RSA/EC verification, the largest single cost of an authenticated read in the
 * list benchmark) once. An entry is used only until the token expires (exp plus the same clock skew
 * the verifier allows) and never longer than `maxAgeMs`, the horizon over which the verifier would
 * not have noticed a key leaving the issuer's JWKS anyway (jose caches key sets for 10 minutes).
 * Only successful verifications are stored; what the token may do is still read from the user
 * directory on every request, so disabling a user is not delayed by this cache.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly options: { maxEntries: number; maxAgeMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /** `expiresAtMs`: the last instant the verifier itself would still accept the token. */
  set(token: string, value: T, expiresAtMs: number): void {
    const until = Math.min(expiresAtMs, this.now() + this.options.maxAgeMs);
    if (until <= this.now() || this.options.maxEntries <= 0) return;
    this.entries.delete(token);
    // Bounded: the oldest entry goes first (Map keeps insertion order).
    while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { value, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
