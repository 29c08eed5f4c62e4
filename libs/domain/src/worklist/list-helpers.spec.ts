import { neutralizeFormula } from './formula-safe';
import { timeLeft } from './time-left';

describe('neutralizeFormula (CSV formula injection)', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', '\n=x', ' =1+1', '\u3000 +1', '＝1+1', '＠cmd', '－2+3'])(
    'prefixes %j with an apostrophe',
    (cell) => {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    },
  );
  it.each(['太原某化工有限公司', '91140100MA0L0000XX', '', 'a=b', ' 太原', '(=)'])('leaves %j alone', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('timeLeft', () => {
  it('counts whole seconds ahead, negative once passed', () => {
    expect(timeLeft('2026-12-02T10:00:00Z', '2026-12-02T09:00:00Z')).toEqual({ seconds: 3600, overdue: false });
    expect(timeLeft('2026-12-02T08:59:59.500Z', '2026-12-02T09:00:00Z')).toEqual({ seconds: -1, overdue: true });
  });
  it('is null without a deadline', () => {
    expect(timeLeft(null, '2026-12-02T09:00:00Z')).toBeNull();
  });
});
