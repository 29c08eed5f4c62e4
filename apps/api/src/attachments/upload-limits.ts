// The limits are the attachment store's own (libs/persistence/src/attachments/attachment-limits.ts):
// the API refuses early, while reading, what the store would refuse anyway.
export { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from '@anjian/persistence';
