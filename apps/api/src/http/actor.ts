import { Actor } from '@anjian/domain';
import type { Request } from 'express';
import { parse } from './parse';

/**
 * Who is calling. Until bearer tokens arrive (roadmap: API for the three roles) the identity comes
 * from X-Actor-* headers, validated like any input; every action already records it.
 */
export function actorFrom(req: Request): Actor {
  return parse(
    Actor,
    {
      id: req.header('x-actor-id'),
      name: req.header('x-actor-name') ? decodeURIComponent(req.header('x-actor-name')!) : undefined,
      role: req.header('x-actor-role'),
      jurisdiction: req.header('x-actor-jurisdiction'),
    },
    'headers',
  );
}
