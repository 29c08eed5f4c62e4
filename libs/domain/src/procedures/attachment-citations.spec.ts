import { attachmentCitationIssues, attachmentsCitedAtOpening, citedAttachments } from './attachment-citations';

const ref = (name: string, hex: string, size = 10) => ({ name, sha256: hex.repeat(64), size });

describe('attachment citations: every cited file is an upload of the same case', () => {
  it('finds the references under every `attachments` key, at any depth, with their paths', () => {
    const input = {
      summary: 'x',
      attachments: [ref('a.pdf', 'a'), ref('b.pdf', 'b')],
      notice: { receivedAt: '2026-01-01T00:00:00+08:00', attachments: [ref('c.pdf', 'c')] },
      team: [{ id: 'x', name: 'attachments' }],
    };
    expect(citedAttachments(input).map((c) => [c.path.join('.'), c.reference.name])).toEqual([
      ['attachments.0', 'a.pdf'],
      ['attachments.1', 'b.pdf'],
      ['notice.attachments.0', 'c.pdf'],
    ]);
    expect(citedAttachments({ summary: 'x' })).toEqual([]);
    expect(citedAttachments({ attachments: [] })).toEqual([]);
  });

  it('accepts a reference equal to one of the case’s uploads (the same bytes may be uploaded under several names)', () => {
    const cited = citedAttachments({ attachments: [ref('a.pdf', 'a'), ref('a-copy.pdf', 'a')] });
    expect(attachmentCitationIssues(cited, [ref('a.pdf', 'a'), ref('a-copy.pdf', 'a')])).toEqual([]);
  });

  it('refuses a digest the case has no upload of, naming the reference', () => {
    const cited = citedAttachments({ attachments: [ref('a.pdf', 'a'), ref('b.pdf', 'b')] });
    const issues = attachmentCitationIssues(cited, [ref('a.pdf', 'a')]);
    expect(issues.map((i) => i.path.join('.'))).toEqual(['attachments.1']);
    expect(issues[0]!.message).toMatch(/no file with SHA-256 b{64} was uploaded to this case/);
  });

  it('refuses a size or a name other than the upload’s', () => {
    const cited = citedAttachments({ attachments: [ref('a.pdf', 'a', 11), ref('other.pdf', 'b')] });
    const issues = attachmentCitationIssues(cited, [ref('a.pdf', 'a', 10), ref('b.pdf', 'b')]);
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attachments.0.size', expect.stringContaining('has 10 bytes, not 11')],
      ['attachments.1.name', expect.stringContaining('uploaded to this case as "b.pdf", not "other.pdf"')],
    ]);
  });

  it('opening a case cites nothing: any reference is refused', () => {
    expect(attachmentsCitedAtOpening(citedAttachments({ summary: 'x', attachments: [] }))).toEqual([]);
    expect(attachmentsCitedAtOpening(citedAttachments({ attachments: [ref('a.pdf', 'a')] })).map((i) => i.path.join('.'))).toEqual([
      'attachments.0',
    ]);
  });
});
