import type { Provider } from '@nestjs/common';
import { Problem } from '../http/problem';
import { ATTACHMENT_STORE, type AttachmentStorePort } from './attachment-store.port';

const unavailable = (): never => {
  throw new Problem(
    503,
    'Service Unavailable',
    'the attachment store is not configured',
    { down: ['attachments'] },
    '/problems/attachments-unavailable',
  );
};

/** Binds the attachment store port (PENDING: the projection helper's store in libs/persistence). */
export const attachmentStoreProvider: Provider = {
  provide: ATTACHMENT_STORE,
  useValue: { save: unavailable, find: unavailable, read: unavailable } satisfies AttachmentStorePort,
};
