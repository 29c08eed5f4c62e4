import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AttachmentMissingError, type AttachmentStore, type StoredBlob } from './attachment-store';

const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/**
 * The default attachment store: files under ATTACHMENTS_DIR at `sha256/<first two hex>/<sha256>`.
 * A file is written to a temporary name, flushed to disk, then renamed into place (atomic on one
 * file system), so a crash never leaves a half-written file under a real key, and two uploads of the
 * same bytes at once both end with the one complete file.
 */
export class LocalDiskAttachmentStore implements AttachmentStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  static keyFor(sha256: string): string {
    return `sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const storageKey = LocalDiskAttachmentStore.keyFor(sha256);
    const path = this.pathOf(storageKey);
    // Same name = same bytes, unless the file there was damaged: then it is replaced below.
    if (await this.holds(path, sha256, content.length)) return { storageKey, sha256, size: content.length };

    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await syncDirectory(dirname(path));
    return { storageKey, sha256, size: content.length };
  }

  async get(storageKey: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(storageKey));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentMissingError(storageKey);
      throw err;
    }
  }

  async has(storageKey: string): Promise<boolean> {
    return (await stat(this.pathOf(storageKey)).catch(() => null))?.isFile() ?? false;
  }

  private async holds(path: string, sha256: string, size: number): Promise<boolean> {
    const existing = await stat(path).catch(() => null);
    if (!existing?.isFile() || existing.size !== size) return false;
    const stored = await readFile(path).catch(() => null);
    return stored !== null && createHash('sha256').update(stored).digest('hex') === sha256;
  }

  /** Only keys this store makes resolve to a path (no traversal out of the root). */
  private pathOf(storageKey: string): string {
    const m = KEY.exec(storageKey);
    if (!m || m[2]!.slice(0, 2) !== m[1]) throw new AttachmentMissingError(storageKey);
    return join(this.root, 'sha256', m[1]!, m[2]!);
  }
}

/** The rename is durable only once its directory is flushed (best effort: not every platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
