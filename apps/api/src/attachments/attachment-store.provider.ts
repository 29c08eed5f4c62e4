import type { Env } from '@anjian/config';
import { createLocalAttachmentService } from '@anjian/persistence';
import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, ENV } from '../infrastructure/tokens';
import { ATTACHMENT_STORE, type AttachmentStorePort } from './attachment-store.port';
import { ATTACHMENT_MAX_BYTES } from './upload-limits';

/** Binds the port to the projection's attachment service: rows in PostgreSQL, bytes under ATTACHMENTS_DIR. */
export const attachmentStoreProvider: Provider = {
  provide: ATTACHMENT_STORE,
  useFactory: (db: DataSource, env: Env): AttachmentStorePort =>
    createLocalAttachmentService(db, env.ATTACHMENTS_DIR, ATTACHMENT_MAX_BYTES),
  inject: [DATA_SOURCE, ENV],
};
