import { Actor } from '@anjian/domain';
import type { Request } from 'express';
import { decodeHeaderText } from './header-text';
import { parse } from './parse';

/**
 * Who is calling. Until bearer tokens arrive (roadmap: API for the three roles) the identity comes
 * from X-Actor-* headers, validated like any input; every action already records it. The name may be
 * Chinese: see decodeHeaderText for the encodings accepted (a malformed one is a 400 naming the header).
 */
export function actorFrom(req: Request): Actor {
  const name = req.header('x-actor-name');
  return parse(
    Actor,
    {
      id: req.header('x-actor-id'),
      name: name ? decodeHeaderText(name, 'x-actor-name') : undefined,
      role: req.header('x-actor-role'),
      jurisdiction: req.header('x-actor-jurisdiction'),
    },
    'headers',
  );
}
