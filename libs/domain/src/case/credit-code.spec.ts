import { isValidCreditCode } from './credit-code';

describe('isValidCreditCode (统一社会信用代码)', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91110000600037479R', false], // check character altered from a real code
    ['91350100M000100Y4', false], // 17 characters
    ['91350100M000100I43', false], // I is not in the alphabet
  ])('%s → %s', (code, ok) => {
    expect(isValidCreditCode(code)).toBe(ok);
  });
});
