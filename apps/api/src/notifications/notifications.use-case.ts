import { type Principal, visibilityScope } from '@anjian/domain';
import { encodeCursor, filterFingerprint, InboxRepository, type InboxReader } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { Problem } from '../http/problem';
import { keysetFrom } from '../worklist/list-query';
import type { NotificationsQuery } from './notifications.schemas';

const readerOf = (p: Principal): InboxReader => ({ id: p.id, role: p.role, jurisdiction: p.jurisdiction, scope: visibilityScope(p) });

/** My notifications (我的消息) from the outbox the procedures write, newest first. */
@Injectable()
export class NotificationsUseCase {
  constructor(private readonly inbox: InboxRepository) {}

  async list(principal: Principal, q: NotificationsQuery) {
    const reader = readerOf(principal);
    const fingerprint = filterFingerprint({ unread: q.unread, user: principal.id });
    const before = keysetFrom(q.cursor, { name: 'id', column: null }, 'desc', fingerprint, 'bigint');
    const [page, unreadCount] = await Promise.all([this.inbox.list(reader, q.unread, q.limit, before?.id), this.inbox.unreadCount(reader)]);
    const last = page.rows.at(-1);
    return {
      items: page.rows,
      nextCursor: page.more && last ? encodeCursor('id', 'desc', { key: null, id: last.id }, fingerprint) : null,
      unreadCount,
    };
  }

  /** Idempotent: reading again answers the first read's instant. Not mine (or no such id) → 404. */
  async markRead(principal: Principal, id: string) {
    const read = await this.inbox.markRead(readerOf(principal), id);
    if (!read) throw new Problem(404, 'Not Found', `no notification ${id}`);
    return read;
  }
}
