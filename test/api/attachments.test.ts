import { createHash } from 'node:crypto';
import { caseBody } from '../support/fixtures';
import { http, OFFICER, officerIn } from '../support/http';
import { withBearer } from '../support/test-identity';
import { startTestStack, type TestStack } from '../support/test-stack';
import { seedCase } from './lists-seed';
import { actionPath, HEAD, interviewInputs, key, openInterviewCase } from './procedure-support';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Attachments (附件): the body is the file; it is stored once, by SHA-256, and actions refer to it as
 * {name, sha256, size}. The JSON-only edge lets exactly this route through, with its own limits.
 */
describe('attachments', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '8000' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function upload(
    caseId: string,
    content: Buffer,
    headers: Record<string, string>,
    caller: Record<string, string> = OFFICER,
    query = '',
  ) {
    const res = await fetch(`${stack.baseUrl}/cases/${caseId}/attachments${query}`, {
      method: 'POST',
      headers: { ...(await withBearer(stack.baseUrl, caller)), ...headers },
      body: content,
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  }

  it('refuses a caller without a valid token before reading the file (401 while the body is still being sent)', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const { request } = await import('node:http');
    // Announce 10 MiB, send 1 KiB and stop: only an answer given before reading the body arrives.
    const answer = (authorization?: string) =>
      new Promise<{ status: number; wwwAuthenticate: string | undefined; connection: string | undefined }>((resolve, reject) => {
        const req = request(`${stack.baseUrl}/cases/${id}/attachments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/pdf',
            'x-filename': 'a.pdf',
            'content-length': String(10 * 1024 * 1024),
            ...(authorization ? { authorization } : {}),
          },
        });
        const timer = setTimeout(
          () => reject(new Error('no answer before the body was sent: the file is read before authentication')),
          5000,
        );
        req.on('response', (res) => {
          clearTimeout(timer);
          res.resume();
          resolve({ status: res.statusCode!, wwwAuthenticate: res.headers['www-authenticate'], connection: res.headers['connection'] });
          req.destroy();
        });
        req.on('error', () => undefined);
        req.write(Buffer.alloc(1024, 0x25));
      });
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const res = await answer(authorization);
      expect(res.status).toBe(401);
      expect(res.wwwAuthenticate).toMatch(/^Bearer/);
      expect(res.connection).toBe('close');
    }
  });

  it('stores a file, returns its reference, and serves the same bytes back', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const content = pdf('约谈通知书');
    const name = '约谈通知书.pdf';
    const up = await upload(id, content, { 'content-type': 'application/pdf', 'x-filename': encodeURIComponent(name) });
    expect(up.status).toBe(201);
    expect(up.body.reference).toEqual({ name, sha256: sha256(content), size: content.length });
    expect(up.body).toMatchObject({ caseId: id, contentType: 'application/pdf', addedBy: OFFICER['x-actor-id'] });
    expect(up.headers.get('location')).toBe(`/cases/${id}/attachments/${up.body.id}`);

    const down = await fetch(`${stack.baseUrl}${up.headers.get('location')}`, { headers: await withBearer(stack.baseUrl, OFFICER) });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(down.headers.get('etag')).toBe(`"${sha256(content)}"`);
    expect(down.headers.get('content-disposition')).toContain(encodeURIComponent(name));
    expect(Buffer.from(await down.arrayBuffer()).equals(content)).toBe(true);

    // Content-Disposition names it as well (RFC 8187).
    const other = pdf('约谈纪要');
    const viaDisposition = await upload(id, other, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('约谈纪要.pdf')}`,
    });
    expect(viaDisposition.status).toBe(201);
    expect(viaDisposition.body.name).toBe('约谈纪要.pdf');

    const listed = await http(stack.baseUrl, 'GET', `/cases/${id}/attachments`);
    expect(listed.status).toBe(200);
    expect((listed.body as { name: string }[]).map((a) => a.name).sort()).toEqual([name, '约谈纪要.pdf'].sort());
  });

  it('an action takes the uploaded file by its reference {name, sha256, size}', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const up = await upload(id, pdf('通知书正文'), { 'content-type': 'application/pdf', 'x-filename': 'notice.pdf' });
    expect(up.status).toBe(201);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    const issued = await http(
      stack.baseUrl,
      'POST',
      actionPath(id, procedureId, 'issue_notice'),
      { ...interviewInputs.issue_notice, attachments: [up.body.reference] },
      HEAD,
    );
    expect(issued.status).toBe(200);
    const [row] = (await stack.db.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND data::text LIKE '%' || $2 || '%' ORDER BY id DESC LIMIT 1`,
      [id, up.body.sha256],
    )) as { data: unknown }[];
    expect(JSON.stringify(row?.data)).toContain(up.body.sha256);
  });

  it('an action cites only files uploaded to its own case: an unknown or another case’s file is refused (400) and changes nothing', async () => {
    const open = async (caller: Record<string, string>, jurisdiction: string) => {
      const r = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction }), caller);
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const id = await open(OFFICER, '140105');
    // Another officer's case, out of this officer's reach, with its own upload: its digest is no secret.
    const stranger = officerIn('140106');
    const otherId = await open(stranger, '140106');
    const theirs = await upload(
      otherId,
      pdf('另一案件的整改报告'),
      { 'content-type': 'application/pdf', 'x-filename': 'their.pdf' },
      stranger,
    );
    expect(theirs.status).toBe(201);
    const mine = await upload(id, pdf('整改报告'), { 'content-type': 'application/pdf', 'x-filename': 'report.pdf' });
    expect(mine.status).toBe(201);

    const submit = (attachments: unknown[]) =>
      http(stack.baseUrl, 'POST', actionPath(id, 'rectification-1', 'submit_report'), { summary: '已整改', attachments });
    const state = async () => {
      const detail = await http(stack.baseUrl, 'GET', `/cases/${id}`);
      const events = (await stack.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id])) as { n: number }[];
      return {
        step: (detail.body.procedures as { procedureId: string; step: string }[]).find((p) => p.procedureId === 'rectification-1')!.step,
        events: events[0]!.n,
      };
    };
    const before = await state();
    expect(before.step).toBe('report');

    const refusals = [
      [[{ name: 'x.txt', sha256: 'c'.repeat(64), size: 1 }], 'body.attachments.0', /no file with SHA-256 c{64} was uploaded to this case/],
      [[mine.body.reference, theirs.body.reference], 'body.attachments.1', /was uploaded to this case/],
      [[{ ...mine.body.reference, size: mine.body.reference.size + 1 }], 'body.attachments.0.size', /has \d+ bytes/],
      [[{ ...mine.body.reference, name: 'other.pdf' }], 'body.attachments.0.name', /uploaded to this case as "report.pdf"/],
    ] as const;
    for (const [attachments, path, message] of refusals) {
      const refused = await submit([...attachments]);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect([refused.status, refused.body.errors]).toEqual([400, [{ path, message: expect.stringMatching(message) }]]);
    }
    expect(await state()).toEqual(before);

    const accepted = await submit([mine.body.reference]);
    expect(accepted.status).toBe(200);
    expect((await state()).step).toBe('recheck');
  });

  it('opening a case cites no file: the case has none yet (400)', async () => {
    const opened = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ input: { attachments: [{ name: 'order.pdf', sha256: 'd'.repeat(64), size: 10 }] } }),
    );
    expect([opened.status, opened.body.errors?.[0]?.path]).toEqual([400, 'body.input.attachments.0']);
  });

  it('refuses what is not an attachment: type (415), size (413), missing name (400), bytes not of the type (415)', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const exe = await upload(id, Buffer.from('MZ\x90\x00'), { 'content-type': 'application/x-msdownload', 'x-filename': 'a.exe' });
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0].path).toBe('headers.content-type');

    const big = await upload(id, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), { 'content-type': 'text/plain', 'x-filename': 'big.txt' });
    expect(big.status).toBe(413);

    const unnamed = await upload(id, pdf('x'), { 'content-type': 'application/pdf' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].path).toBe('headers.x-filename');

    const path = await upload(id, pdf('x'), { 'content-type': 'application/pdf', 'x-filename': '..%2Fetc%2Fpasswd' });
    expect(path.status).toBe(400);

    const fake = await upload(id, Buffer.from('not a pdf at all'), { 'content-type': 'application/pdf', 'x-filename': 'fake.pdf' });
    expect(fake.status).toBe(415);

    const count = (await stack.db.query('SELECT count(*)::int AS n FROM attachments WHERE case_id = $1', [id])) as { n: number }[];
    expect(count[0]!.n).toBe(0);
  });

  it('is idempotent under Idempotency-Key, and the key covers the file itself', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const k = key('upload');
    const headers = { 'content-type': 'application/pdf', 'x-filename': 'report.pdf', 'idempotency-key': k };
    const first = await upload(id, pdf('first'), headers);
    const again = await upload(id, pdf('first'), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const otherFile = await upload(id, pdf('second'), headers);
    expect(otherFile.status).toBe(422);
    const rows = (await stack.db.query('SELECT count(*)::int AS n FROM attachments WHERE case_id = $1', [id])) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
  });

  it('files an upload under one of the case’s procedures only: another procedure id is a 404 unknown-procedure and stores nothing', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const pdfHeaders = { 'content-type': 'application/pdf', 'x-filename': 'p.pdf' };
    const filed = await upload(id, pdf('filed'), pdfHeaders, OFFICER, `?procedureId=${procedureId}`);
    expect([filed.status, filed.body.procedureId]).toEqual([201, procedureId]);
    for (const other of ['nonexistent-9', 'rectification']) {
      const refused = await upload(id, pdf(`stray ${other}`), pdfHeaders, OFFICER, `?procedureId=${other}`);
      expect([other, refused.status, refused.body.type]).toEqual([other, 404, '/problems/unknown-procedure']);
    }
    const listed = await http(stack.baseUrl, 'GET', `/cases/${id}/attachments`);
    expect((listed.body as { procedureId: string }[]).map((a) => a.procedureId)).toEqual([procedureId]);

    // A legacy case's one procedure is 'rectification'.
    const legacy = await seedCase(stack.db, { jurisdiction: '140105' });
    expect((await upload(legacy, pdf('legacy'), pdfHeaders, OFFICER, '?procedureId=rectification')).status).toBe(201);
    const stray = await upload(legacy, pdf('legacy stray'), pdfHeaders, OFFICER, '?procedureId=rectification-1');
    expect([stray.status, stray.body.type]).toEqual([404, '/problems/unknown-procedure']);
  });

  it('a case out of reach does not exist for the caller (404), for upload and download', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const mine = await upload(id, pdf('mine'), { 'content-type': 'application/pdf', 'x-filename': 'mine.pdf' });
    expect(mine.status).toBe(201);
    const stranger = officerIn('140106');
    expect((await upload(id, pdf('theirs'), { 'content-type': 'application/pdf', 'x-filename': 't.pdf' }, stranger)).status).toBe(404);
    const down = await fetch(`${stack.baseUrl}/cases/${id}/attachments/${mine.body.id}`, {
      headers: await withBearer(stack.baseUrl, stranger),
    });
    expect(down.status).toBe(404);
    const missing = await fetch(`${stack.baseUrl}/cases/${id}/attachments/00000000-0000-4000-8000-000000000000`, {
      headers: await withBearer(stack.baseUrl, OFFICER),
    });
    expect(missing.status).toBe(404);
  });
});
