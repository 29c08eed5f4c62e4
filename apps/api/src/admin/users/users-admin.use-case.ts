import { accessScope, actorOfPrincipal, type Principal } from '@anjian/domain';
import { DirectoryRepository, type DirectoryUser, recordAdminChange, UnknownJurisdictionError, UserExistsError } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Problem } from '../../http/problem';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import { AccessDecider } from '../../access/access-decider';
import type { CreateUserBody, PatchUserBody } from './users-admin.schemas';

const unknownJurisdiction = (code: string) =>
  new Problem(
    400,
    'Invalid request',
    `jurisdiction ${code} is not a known administrative division (行政区划)`,
    { errors: [{ path: 'body.jurisdiction', message: 'not in the jurisdictions table' }] },
    '/problems/validation',
  );

/**
 * The user directory for administrators. Who may manage whom is decided by the AccessGuard
 * (@Access('configure_users'): the target and the new jurisdiction inside the caller's subtree) before
 * these run. Every change is one transaction with its audit row (admin_changes, entity 'user', reason,
 * before and after), and applies at once: authentication reads the directory on every request.
 */
@Injectable()
export class UsersAdminUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    private readonly access: AccessDecider,
  ) {}

  /** Users inside the caller's subtree (optionally a smaller subtree of it), by id. */
  async list(caller: Principal, filter: { jurisdiction?: string; role?: string; active?: 'true' | 'false' }): Promise<DirectoryUser[]> {
    const own = accessScope(caller).jurisdictionPrefix;
    const wanted = filter.jurisdiction ? accessScope({ ...caller, jurisdiction: filter.jurisdiction }).jurisdictionPrefix : own;
    // A filter outside the caller's subtree shows nothing (it does not widen what they see).
    if (!wanted.startsWith(own) && !own.startsWith(wanted)) return [];
    const users = await new DirectoryRepository(this.db).listUsers(wanted.length > own.length ? wanted : own);
    return users.filter((u) => (!filter.role || u.role === filter.role) && (!filter.active || String(u.active) === filter.active));
  }

  async create(caller: Principal, body: CreateUserBody): Promise<DirectoryUser> {
    const { reason, ...user } = body;
    return this.db.transaction(async (m) => {
      let created: DirectoryUser;
      try {
        created = await new DirectoryRepository(m).createUser(user);
      } catch (err) {
        if (err instanceof UnknownJurisdictionError) throw unknownJurisdiction(err.code);
        if (err instanceof UserExistsError)
          throw new Problem(409, 'Conflict', `user ${user.id} already exists`, {}, '/problems/user-exists');
        throw err;
      }
      await this.audit(m, caller, created.id, 'create', reason, null, created);
      return created;
    });
  }

  async change(caller: Principal, id: string, body: PatchUserBody): Promise<DirectoryUser> {
    const { reason, ...change } = body;
    if (id === caller.id && (change.active === false || change.role !== undefined || change.jurisdiction !== undefined))
      throw new Problem(
        409,
        'Conflict',
        'administrators may not disable, re-role or move their own account (another administrator must), so nobody locks themselves out',
        {},
        '/problems/own-account',
      );
    return this.db.transaction(async (m) => {
      // Locked, and decided again on the locked row: another administrator may have moved the user
      // between the guard's read and this transaction.
      await m.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
      const dir = new DirectoryRepository(m);
      const before = await dir.findUser(id);
      await this.access.enforce(
        caller,
        { operation: 'configure_users', target: before, change: { jurisdiction: change.jurisdiction } },
        { kind: 'user', id, method: 'PATCH', route: '/admin/users/:id' },
      );
      let after: DirectoryUser | null;
      try {
        after = await dir.updateUser(id, change);
      } catch (err) {
        if (err instanceof UnknownJurisdictionError) throw unknownJurisdiction(err.code);
        throw err;
      }
      const action =
        change.active === false && before!.active ? 'disable' : change.active === true && !before!.active ? 'enable' : 'update';
      await this.audit(m, caller, id, action, reason, before, after);
      return after!;
    });
  }

  private audit(m: EntityManager, caller: Principal, id: string, action: string, reason: string, before: unknown, after: unknown) {
    return recordAdminChange(m, { entity: 'user', entityId: id, action, actor: actorOfPrincipal(caller), reason, before, after });
  }
}
