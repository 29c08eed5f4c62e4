import { PROCEDURE_CATCHING_UP } from '@anjian/contracts';
import { ApplicationFailure } from '@temporalio/common';
import { toProblem } from '../temporal-errors';
import { onceCaughtUp } from './once-caught-up';

const catchingUp = () => ApplicationFailure.create({ type: PROCEDURE_CATCHING_UP, message: 'behind', nonRetryable: true });

describe('onceCaughtUp', () => {
  it('sends again while the case workflow is catching up, then answers', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls < 3) throw catchingUp();
      return 'taken';
    };
    await expect(onceCaughtUp(send, 5, 1)).resolves.toBe('taken');
    expect(calls).toBe(3);
  });

  it('is bounded: after the last attempt the refusal is a 503 with Retry-After', async () => {
    let calls = 0;
    const err = await onceCaughtUp(
      async () => {
        calls++;
        throw catchingUp();
      },
      4,
      1,
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    const problem = toProblem(err) as { status: number; headers: Record<string, string> };
    expect(problem.status).toBe(503);
    expect(problem.headers).toMatchObject({ 'Retry-After': '1' });
  });

  it('does not send again after any other failure', async () => {
    let calls = 0;
    const other = ApplicationFailure.create({ type: 'InvalidInput', message: 'no', nonRetryable: true });
    await expect(
      onceCaughtUp(
        async () => {
          calls++;
          throw other;
        },
        5,
        1,
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
