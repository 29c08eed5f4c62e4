import { SetMetadata, type Type } from '@nestjs/common';
import type { Actor } from '@anjian/domain';
import type { Request } from 'express';
import type { StoredResponse } from '@anjian/persistence';

/**
 * Access is checked on every answer, replays included: before a stored answer is replayed, the
 * route's guard checks the CURRENT caller's role and jurisdiction against what the answer is about
 * (throwing a 403/404 Problem). Routes without a guard replay only to the identical identity.
 */
export interface ReplayGuard {
  check(actor: Actor, req: Request, stored: StoredResponse): Promise<void>;
}

export const REPLAY_GUARD = Symbol('replay-guard');

/** Names the provider (in the controller's module) that re-checks access before a replay. */
export const GuardReplayWith = (guard: Type<ReplayGuard>) => SetMetadata(REPLAY_GUARD, guard);
