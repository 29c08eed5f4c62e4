import type { Actor } from '@anjian/domain';
import { CaseRepository, type StoredResponse } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { ReplayGuard } from '../idempotency/replay-guard';
import { parse } from '../http/parse';
import { assertCaseAccess, assertMayOpen } from './case-access';
import { CaseIdParams } from './case.schemas';

/**
 * Before a stored answer about a case is replayed, the current caller must still be allowed to see
 * (and, for actions, act on) that case as it is now: the same user id under another jurisdiction or
 * role gets 404/403, never the stored case.
 */
@Injectable()
export class OpenCaseReplayGuard implements ReplayGuard {
  constructor(private readonly cases: CaseRepository) {}

  async check(actor: Actor, req: Request, stored: StoredResponse): Promise<void> {
    const jurisdiction = (req.body as { jurisdiction?: unknown } | undefined)?.jurisdiction;
    if (typeof jurisdiction === 'string') assertMayOpen(actor, jurisdiction);
    const id = (stored.body as { id?: unknown } | null)?.id;
    if (stored.status < 300 && typeof id === 'string') assertCaseAccess(actor, await this.cases.findById(id), 'read', id);
  }
}

@Injectable()
export class CaseActionReplayGuard implements ReplayGuard {
  constructor(private readonly cases: CaseRepository) {}

  async check(actor: Actor, req: Request): Promise<void> {
    // The same check the route makes first: a malformed id gets the same 400, not a database error.
    const { id } = parse(CaseIdParams, req.params, 'path');
    assertCaseAccess(actor, await this.cases.findById(id), 'act', id);
  }
}

/**
 * The procedure routes: the AccessGuard has already decided reach and role for the caller asking now
 * (guards run before the idempotency interceptor, replays included); the stored answer is replayed
 * only while the case still exists for that caller, and a malformed id gets the same 400.
 */
@Injectable()
export class CaseReachReplayGuard implements ReplayGuard {
  constructor(private readonly cases: CaseRepository) {}

  async check(actor: Actor, req: Request): Promise<void> {
    const { id } = parse(CaseIdParams, req.params, 'path');
    assertCaseAccess(actor, await this.cases.findById(id), 'read', id);
  }
}
