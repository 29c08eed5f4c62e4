import { PROCEDURE_CATCHING_UP } from '@anjian/contracts';
import { typedFailure } from '../temporal-errors';

/**
 * Sends a case-workflow update that names the procedure seq the caller saw (KnownProcedureSeq) and
 * sends it again while the case workflow answers PROCEDURE_CATCHING_UP: the procedure's report is sent
 * in the same workflow task that answered the action, so it normally lands within milliseconds. The
 * refused update changed nothing (refused before history), so sending it again, with the same update
 * id, is safe. Bounded: after `attempts` the refusal goes to the caller (503, Retry-After).
 */
export async function onceCaughtUp<T>(send: () => Promise<T>, attempts = 20, pauseMs = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= attempts || typedFailure(err)?.type !== PROCEDURE_CATCHING_UP) throw err;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}
