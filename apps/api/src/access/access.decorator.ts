import type { AccessOperation } from '@anjian/domain';
import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { AccessGuard } from './access.guard';

export const ACCESS = Symbol('access');

export interface RouteAccess {
  operation: AccessOperation;
  /** Path parameter holding the case id (case-scoped operations); default 'id'. */
  caseParam?: string;
  /** Path parameter holding the approval id ('approve'); default 'approvalId'. */
  approvalParam?: string;
  /** Path parameter holding the user id ('configure_users' on one user); default 'id'. */
  userParam?: string;
}

/**
 * Declares what a route does, so that the one AccessGuard decides it before the handler runs:
 * `@Access('read')` on GET /cases/:id, `@Access('act')` on an officer action, `@Access('approve')` on
 * an approval decision, `@Access('open')` on POST /cases, `@Access('statistics')` on a figure. The
 * handler then checks nothing by hand.
 */
export const Access = (operation: AccessOperation, options: Omit<RouteAccess, 'operation'> = {}) =>
  applyDecorators(SetMetadata(ACCESS, { operation, ...options } satisfies RouteAccess), UseGuards(AccessGuard));
