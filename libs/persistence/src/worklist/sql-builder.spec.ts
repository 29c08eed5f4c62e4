import { decodeCursor, encodeCursor, filterFingerprint, InvalidCursorError, keysetAfter, orderBy } from './keyset';
import { containsPattern, scopeSql, SqlParams } from './sql-builder';

describe('scopeSql: every list starts from the caller scope', () => {
  it('a province is a LIKE prefix; sectors an ANY array; both bound, never inlined', () => {
    const p = new SqlParams();
    expect(scopeSql({ jurisdictionPrefix: '14', sectors: ['fire'] }, p)).toBe('c.jurisdiction LIKE $1 AND c.sector = ANY($2::text[])');
    expect(p.values).toEqual(['14%', ['fire']]);
  });
  it('a district is an equality; the country is everything', () => {
    const p = new SqlParams();
    expect(scopeSql({ jurisdictionPrefix: '140105', sectors: null }, p, 'n')).toBe('n.jurisdiction = $1');
    expect(scopeSql({ jurisdictionPrefix: '', sectors: null }, p)).toBe('TRUE');
  });
  it('the lists ask for the level (province 2 digits, city 4) so the per-level (…, due_at, id) indexes serve them', () => {
    const p = new SqlParams();
    expect(scopeSql({ jurisdictionPrefix: '14', sectors: null }, p, 'c', 'level')).toBe('left(c.jurisdiction, 2) = $1');
    expect(scopeSql({ jurisdictionPrefix: '1401', sectors: ['fire'] }, p, 'c', 'level')).toBe(
      'left(c.jurisdiction, 4) = $2 AND c.sector = ANY($3::text[])',
    );
    expect(scopeSql({ jurisdictionPrefix: '140105', sectors: null }, p, 'c', 'level')).toBe('c.jurisdiction = $4');
    expect(scopeSql({ jurisdictionPrefix: '', sectors: null }, p, 'c', 'level')).toBe('TRUE');
    expect(p.values).toEqual(['14', '1401', ['fire'], '140105']);
  });
  it('refuses a prefix that is not digits (it ends up in a LIKE pattern)', () => {
    expect(() => scopeSql({ jurisdictionPrefix: '1%', sectors: null }, new SqlParams())).toThrow(/invalid jurisdiction prefix/);
  });
});

describe('containsPattern: free text matches literally', () => {
  it.each([
    ['煤业', '%煤业%'],
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['c:\\x', '%c:\\\\x%'],
  ])('%j → %j', (text, pattern) => expect(containsPattern(text)).toBe(pattern));
});

describe('keyset cursor', () => {
  const f = filterFingerprint({ reasons: ['overdue'], sector: ['fire'] });

  const dueAt = { name: 'due_at', column: { nullable: true } };
  const openedAt = { name: 'opened_at', column: { nullable: false } };
  const byId = { name: 'id', column: null };

  it('round-trips and is bound to its sort and filters', () => {
    const c = encodeCursor('due_at', 'asc', { key: '2026-12-01T00:00:00.123456Z', id: 'a1' }, f);
    expect(decodeCursor(c, dueAt, 'asc', f)).toEqual({ key: '2026-12-01T00:00:00.123456Z', id: 'a1' });
    expect(() => decodeCursor(c, dueAt, 'desc', f)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(c, { ...dueAt, name: 'opened_at' }, 'asc', f)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(c, dueAt, 'asc', filterFingerprint({ reasons: ['no_progress'] }))).toThrow(InvalidCursorError);
    expect(() => decodeCursor('bm90LWpzb24', dueAt, 'asc', f)).toThrow(InvalidCursorError);
    const odd = encodeCursor('due_at', 'asc', { key: 'Tue, 01 Dec 2026 10:00:00', id: 'a1' }, f);
    expect(() => decodeCursor(odd, dueAt, 'asc', f)).toThrow(InvalidCursorError);
  });

  it('a null key only for a nullable column (a row without a value), and always for an order by id alone', () => {
    const undated = (sort: string) => encodeCursor(sort, 'asc', { key: null, id: 'a1' }, f);
    expect(decodeCursor(undated('due_at'), dueAt, 'asc', f)).toEqual({ key: null, id: 'a1' });
    expect(() => decodeCursor(undated('opened_at'), openedAt, 'asc', f)).toThrow(InvalidCursorError);
    expect(decodeCursor(undated('id'), byId, 'asc', f)).toEqual({ key: null, id: 'a1' });
    const keyed = encodeCursor('id', 'asc', { key: '2026-12-01T00:00:00.123456Z', id: 'a1' }, f);
    expect(() => decodeCursor(keyed, byId, 'asc', f)).toThrow(InvalidCursorError);
  });

  it('the key must be a real instant, its fields its own: no 30 February (Date.parse rolls it into March), no hour 24, no year 0', () => {
    const cursor = (key: string) => encodeCursor('opened_at', 'asc', { key, id: 'a1' }, f);
    const refused = (key: string) => {
      try {
        decodeCursor(cursor(key), openedAt, 'asc', f);
        return false;
      } catch (err) {
        return err instanceof InvalidCursorError;
      }
    };
    expect(
      [
        '2026-02-30T00:00:00.000000Z',
        '2025-02-29T12:00:00.000000Z',
        '2026-04-31T00:00:00.000000Z',
        '2026-01-01T24:00:00.000000Z',
        '0000-01-01T00:00:00.000000Z',
        '2026-13-01T00:00:00.000000Z',
        '2026-01-01T23:59:60.000000Z',
      ].filter((k) => !refused(k)),
    ).toEqual([]);
    // Real instants pass, 29 February of a leap year included.
    for (const key of ['2024-02-29T23:59:59.999999Z', '1999-12-31T00:00:00.000000Z', '0001-01-01T00:00:00.000000Z'])
      expect(decodeCursor(cursor(key), openedAt, 'asc', f)).toEqual({ key, id: 'a1' });
  });

  it('the fingerprint ignores key order', () => {
    expect(filterFingerprint({ a: 1, b: [2] })).toBe(filterFingerprint({ b: [2], a: 1 }));
  });

  it('after a dated row: later rows, ties by id, then the undated ones (NULLS LAST)', () => {
    const p = new SqlParams();
    expect(keysetAfter({ sql: 'c.due_at', nullable: true }, 'asc', { key: 'K', id: 'I' }, p)).toBe(
      '((c.due_at > $2::timestamptz OR (c.due_at = $2::timestamptz AND c.id > $1::uuid)) OR c.due_at IS NULL)',
    );
    expect(orderBy({ sql: 'c.due_at', nullable: true }, 'desc')).toBe('c.due_at DESC NULLS LAST, c.id DESC');
  });

  it('after an undated row: only undated rows with a greater id', () => {
    const p = new SqlParams();
    expect(keysetAfter({ sql: 'c.due_at', nullable: true }, 'asc', { key: null, id: 'I' }, p)).toBe(
      '(c.due_at IS NULL AND c.id > $1::uuid)',
    );
    expect(keysetAfter({ sql: 'c.opened_at', nullable: false }, 'desc', { key: 'K', id: 'I' }, p)).toBe(
      '(c.opened_at < $3::timestamptz OR (c.opened_at = $3::timestamptz AND c.id < $2::uuid))',
    );
  });

  it('never binds a parameter it does not use: no null key after a column that is never null', () => {
    const p = new SqlParams();
    expect(() => keysetAfter({ sql: 'c.opened_at', nullable: false }, 'asc', { key: null, id: 'I' }, p)).toThrow(/never null/);
    expect(p.values).toEqual([]);
  });
});
