import { codePointLength, FREE_TEXT_MESSAGES, freeText, identifier, unpairedSurrogateAt } from './free-text';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.error?.issues ?? []).map((i) => i.message);

describe('freeText', () => {
  const title = freeText({ max: 10 });

  it('accepts ordinary Chinese and English text with tabs and line breaks', () => {
    expect(title.parse('整改\t完成\r\nok')).toBe('整改\t完成\r\nok');
  });

  it('refuses NUL with a message that says so', () => {
    const r = title.safeParse('a\u0000b');
    expect(r.success).toBe(false);
    expect(messages(r)).toContain(FREE_TEXT_MESSAGES.nul);
  });

  it.each(['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f'])('refuses the C0 control character %j', (c) => {
    const r = title.safeParse(`x${c}y`);
    expect(r.success).toBe(false);
    expect(messages(r)).toContain(FREE_TEXT_MESSAGES.control);
  });

  it.each(['\ud800', 'a\udfff', '\udc00\ud800', 'end\udbff'])('refuses the unpaired surrogate in %j', (s) => {
    const r = title.safeParse(s);
    expect(r.success).toBe(false);
    expect(messages(r)).toContain(FREE_TEXT_MESSAGES.surrogate);
  });

  it('accepts a well-formed surrogate pair and counts it as one character, as PostgreSQL does', () => {
    const ten = '𠀀'.repeat(10); // 20 UTF-16 units, 10 code points
    expect(ten.length).toBe(20);
    expect(title.parse(ten)).toBe(ten);
    expect(title.safeParse(ten + 'x').success).toBe(false);
  });

  it('normalises to NFC before counting', () => {
    const nfd = 'Cafe\u0301'; // 5 units in NFD, 4 in NFC
    expect(freeText({ max: 4 }).parse(nfd)).toBe('Caf\u00e9');
  });

  it('enforces the minimum, and the maximum with the cap in the message', () => {
    expect(messages(title.safeParse(''))).toEqual(['must not be empty']);
    expect(messages(title.safeParse('x'.repeat(11)))).toEqual(['must be at most 10 characters']);
    expect(freeText({ min: 0, max: 3 }).parse('')).toBe('');
  });

  it('trims when asked, so a reason of spaces is empty', () => {
    const reason = freeText({ max: 20, trim: true });
    expect(reason.parse('  因为  ')).toBe('因为');
    expect(reason.safeParse('   ').success).toBe(false);
  });
});

describe('helpers', () => {
  it('finds the first unpaired surrogate', () => {
    expect(unpairedSurrogateAt('ok𠀀')).toBe(-1);
    expect(unpairedSurrogateAt('ok\ud800x')).toBe(2);
    expect(unpairedSurrogateAt('\udc00')).toBe(0);
  });

  it('counts code points', () => {
    expect(codePointLength('李复查')).toBe(3);
    expect(codePointLength('𠀀a')).toBe(2);
    expect(codePointLength('\ud800')).toBe(1);
  });
});

describe('identifier', () => {
  it('accepts ids like officer-140105-001 and refuses spaces, controls and non-ASCII', () => {
    const id = identifier();
    expect(id.parse('officer-140105-001')).toBe('officer-140105-001');
    for (const bad of ['', 'a b', 'a\u0000', '李', '-x', 'x'.repeat(65)]) expect(id.safeParse(bad).success).toBe(false);
  });
});
