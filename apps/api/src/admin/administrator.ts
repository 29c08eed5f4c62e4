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
    throw new Problem(
      403,
      'Forbidden',
      `this endpoint is for administrators; the caller's role is '${actor.role}'`,
      {},
      '/problems/forbidden',
    );
  }
  return actor;
}

/**
 * A regional administrator (province, city or county) asked to publish: a published version applies
 * nationwide, so a national administrator must publish the draft. Checked before the draft is read.
 */
export function publishRequiresNational(actor: Actor, version: number): Problem {
  return new Problem(
    403,
    'Forbidden',
    `publishing policy version ${version} applies it nationwide, so a national administrator (国家级管理员, jurisdiction 000000) must publish it; ` +
      `the caller is an administrator for ${actor.jurisdiction}, who may write drafts but not publish them`,
    {},
    '/problems/forbidden',
  );
}

/**
 * An administrator asked to change a calendar outside their jurisdiction: 'CN' (or an empty prefix)
 * is national; a local calendar belongs to administrators whose subtree contains its prefix.
 * `path` names the field at fault (the path id, or body.jurisdictionPrefix when the caller sent it).
 */
export function calendarOutsideJurisdiction(actor: Actor, id: string, prefix: string | null, path: string): Problem {
  const message = prefix
    ? `calendar ${id} covers jurisdiction prefix '${prefix}', outside the caller's jurisdiction ${actor.jurisdiction}`
    : `the national calendar '${id}' applies nationwide; only a national administrator (国家级管理员, jurisdiction 000000) may change it`;
  return new Problem(
    403,
    'Forbidden',
    `${message}; the caller is an administrator for ${actor.jurisdiction}`,
    { errors: [{ path, message }] },
    '/problems/forbidden',
  );
}
