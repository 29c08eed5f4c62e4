import { eventually } from '../support/fixtures';

/** The polling helper used to return its last value on time-out, so a wait that never ended passed silently. */
describe('eventually()', () => {
  it('returns the first accepted value', async () => {
    let n = 0;
    await expect(
      eventually(
        async () => ++n,
        (v) => v >= 3,
        5000,
      ),
    ).resolves.toBe(3);
  });

  it('fails on time-out, naming what it waited for and the last value seen', async () => {
    await expect(
      eventually(
        async () => ({ overdue: false }),
        (v) => v.overdue,
        600,
        'the case to be overdue',
      ),
    ).rejects.toThrow('eventually: the case to be overdue not met within 600 ms; last value: {"overdue":false}');
  });
});
