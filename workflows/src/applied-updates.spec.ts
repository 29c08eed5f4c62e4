import { rememberUpdate } from './applied-updates';

const id = (x: string) => x;

describe('rememberUpdate (updates applied, carried across continue-as-new)', () => {
  it('adds an id once', () => {
    expect(rememberUpdate(['a'], 'b', id)).toEqual(['a', 'b']);
    const ids = ['a', 'b'];
    expect(rememberUpdate(ids, 'a', id)).toBe(ids);
  });

  it('keeps the newest entries only, so the carried input stays bounded', () => {
    let ids: readonly string[] = [];
    for (let i = 0; i < 5; i++) ids = rememberUpdate(ids, `u${i}`, id, 3);
    expect(ids).toEqual(['u2', 'u3', 'u4']);
  });

  it('compares entries by their id', () => {
    const entries = [{ id: 'u1', procedureId: 'interview-1' }];
    expect(rememberUpdate(entries, { id: 'u1', procedureId: 'interview-2' }, (e) => e.id)).toBe(entries);
  });
});
