import type { Actor } from '@anjian/domain';
import type { Request } from 'express';
import { actorFrom } from '../http/actor';
import { Problem } from '../http/problem';

/**
 * The caller, who must be an administrator (系统管理员): policies and calendars decide every
 * deadline, so only that role may read drafts or change them. Checked before the body is read, so a
 * refused caller learns nothing about what would have been valid.
 */
export function administratorFrom(req: Request): Actor {
  const actor = actorFrom(req);
  if (actor.role !== 'administrator') {
    throw new Problem(403, 'Forbidden', `this endpoint is for administrators; the caller's role is '${actor.role}'`, {}, '/problems/forbidden');
  }
  return actor;
}
