import type { Principal } from '@anjian/domain';

// The authentication guard puts the caller here; http/actor.ts reads it (actorFrom, principalFrom).
declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
