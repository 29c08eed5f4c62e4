import { decodeHeaderText } from './header-text';

const asHeader = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('decodeHeaderText', () => {
  it.each([
    ['ASCII as is', 'Li Fucha', 'Li Fucha'],
    ['percent-encoded UTF-8', '%E6%9D%8E%E5%A4%8D%E6%9F%A5', '李复查'],
    ["RFC 8187 UTF-8''", "UTF-8''%E6%9D%8E%E5%A4%8D%E6%9F%A5", '李复查'],
    ['raw UTF-8 bytes (read as latin1 by Node)', asHeader('李复查'), '李复查'],
  ])('decodes %s', (_label, raw, expected) => {
    expect(decodeHeaderText(raw, 'x-filename')).toBe(expected);
  });

  it.each([
    ['truncated percent-encoding', '%E0%A4%A'],
    ['percent-encoded bytes that are not UTF-8', '%FF'],
    ['raw bytes that are not UTF-8', '\u00e9t\u00e9'],
    ['another charset in RFC 8187 form', "ISO-8859-1''caf%E9"],
  ])('refuses %s with 400 naming the header', (_label, raw) => {
    try {
      decodeHeaderText(raw, 'x-filename');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toMatchObject({ status: 400, extensions: { errors: [expect.objectContaining({ path: 'headers.x-filename' })] } });
    }
  });
});
