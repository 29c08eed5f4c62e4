import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachmentIntegrityError,
  AttachmentMissingError,
  AttachmentRejectedError,
  type AttachmentService,
  createDataSource,
  createLocalAttachmentService,
  LocalDiskAttachmentStore,
  ProcedureProjectionRepository,
} from '@anjian/persistence';
import type { DataSource } from 'typeorm';

/**
 * Attachments: the local-disk store (content-addressed, in a temp dir) and the metadata rows in the
 * real test database. A retried upload neither duplicates nor loses anything; limits are enforced.
 */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('整改通知书 第1号\n', 'utf8'), Buffer.from('%%EOF\n')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

describe('attachments', () => {
  let dir: string;
  let db: DataSource;
  let store: LocalDiskAttachmentStore;
  let service: AttachmentService;
  let caseId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anjian-attachments-'));
    db = await createDataSource(process.env['TEST_DATABASE_URL']!, 2).initialize();
    store = new LocalDiskAttachmentStore(dir);
    service = createLocalAttachmentService(db, dir, 64 * 1024);
    caseId = randomUUID();
    await new ProcedureProjectionRepository(db).project({
      caseId,
      stream: 'case',
      events: [],
      open: {
        id: caseId,
        title: '粉尘涉爆',
        description: '',
        source: 'inspection',
        sector: 'industry_trade',
        jurisdiction: '140105',
        hazardGrade: 'major',
        enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
        procedure: 'rectification',
        assigneeId: 'officer@140105',
        openedBy: 'officer@140105',
        openedAt: '2026-03-02T02:00:00.000Z',
        policyVersion: 1,
        workflowId: `case-${caseId}`,
      },
    });
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (extra: Partial<Parameters<AttachmentService['save']>[0]> = {}) =>
    service.save({
      caseId,
      procedureId: 'rectification-1',
      name: '整改通知书.pdf',
      contentType: 'application/pdf',
      addedBy: 'officer@140105',
      content: PDF,
      sha256: sha(PDF),
      size: PDF.length,
      ...extra,
    });

  it('stores a file once under its SHA-256; a retried upload returns the same attachment', async () => {
    const first = await upload();
    expect(first).toMatchObject({ caseId, procedureId: 'rectification-1', name: '整改通知书.pdf', sha256: sha(PDF), size: PDF.length });
    const again = await upload();
    expect(again).toEqual(first);
    expect(await service.list(caseId)).toEqual([first]);
    expect(filesUnder(dir)).toEqual([sha(PDF)]);
    expect(await service.read(first)).toEqual(PDF);

    // The same bytes under another name are another attachment sharing the one stored file.
    const copy = await upload({ name: '整改通知书（副本）.pdf' });
    expect(copy.id).not.toBe(first.id);
    expect(filesUnder(dir)).toEqual([sha(PDF)]);
    expect((await service.list(caseId)).map((a) => a.name)).toEqual(['整改通知书.pdf', '整改通知书（副本）.pdf']);
  });

  it('keeps the file when concurrent uploads of the same bytes race', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(randomUUID())]);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        upload({ name: '现场照片.jpg', contentType: 'image/jpeg', content: photo, sha256: undefined, size: undefined }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await service.read(results[0]!)).toEqual(photo);
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['an empty file', { content: Buffer.alloc(0), sha256: undefined, size: undefined }, 'empty'],
    ['a file over the limit', { content: Buffer.concat([PDF, Buffer.alloc(64 * 1024)]), sha256: undefined, size: undefined }, 'too_large'],
    ['a media type not allowed', { contentType: 'application/x-msdownload' }, 'unsupported_type'],
    [
      'an executable named .pdf',
      { content: Buffer.from('MZ\x90\x00 this program cannot be run'), sha256: undefined, size: undefined },
      'content_mismatch',
    ],
    ['bytes that are not the ones described', { sha256: '0'.repeat(64) }, 'digest_mismatch'],
    ['a path as name', { name: '../../etc/passwd' }, 'invalid_name'],
    ['a name with a NUL', { name: 'a\u0000.pdf' }, 'invalid_name'],
  ])('refuses %s, storing nothing', async (_what, extra, reason) => {
    const before = filesUnder(dir).length;
    const rows = (await service.list(caseId)).length;
    const err = await upload({ name: `refused-${randomUUID()}.pdf`, ...extra }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AttachmentRejectedError);
    expect((err as AttachmentRejectedError).reason).toBe(reason);
    expect(filesUnder(dir)).toHaveLength(before);
    expect(await service.list(caseId)).toHaveLength(rows);
  });

  it('never serves a damaged file, and refuses keys outside the store', async () => {
    const text = Buffer.from('约谈笔录：企业负责人到场。\n', 'utf8');
    const a = await upload({
      name: '约谈笔录.txt',
      contentType: 'text/plain; charset=utf-8',
      content: text,
      sha256: undefined,
      size: undefined,
    });
    expect(a.contentType).toBe('text/plain');
    writeFileSync(join(dir, LocalDiskAttachmentStore.keyFor(a.sha256)), Buffer.from(text.toString('utf8').replace('到场', '缺席')));
    await expect(service.read(a)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    // Uploading the same bytes again repairs the file (same size, other digest: rewritten).
    await upload({ name: '约谈笔录.txt', contentType: 'text/plain', content: text, sha256: undefined, size: undefined });
    expect(await service.read(a)).toEqual(text);

    await expect(store.get('sha256/../../etc/passwd')).rejects.toBeInstanceOf(AttachmentMissingError);
    await expect(store.get(`sha256/ab/${'cd'.repeat(32)}`)).rejects.toBeInstanceOf(AttachmentMissingError);
    expect(await service.find(caseId, 'not-a-uuid')).toBeNull();
    expect(await service.find(randomUUID(), a.id)).toBeNull();
  });
});
