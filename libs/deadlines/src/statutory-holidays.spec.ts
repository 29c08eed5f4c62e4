import { type FestivalDates, STATUTORY_HOLIDAY_NAMES as N, statutoryHolidays } from './statutory-holidays';

// Festival dates as a lunar calendar gives them (chinese-days 1.5.7; checked against the published
// notices in activities/src/deadlines/provisional-holidays.spec.ts). Here only the statute's rule is tested.
const Y2027: FestivalDates = {
  year: 2027,
  springFestival: '2027-02-06', // 正月初一 (Saturday)
  qingming: '2027-04-05',
  dragonBoat: '2027-06-09',
  midAutumn: '2027-09-15',
};

describe('statutoryHolidays (全国年节及纪念日放假办法, 2024 revision, art. 2)', () => {
  it('gives 2027 the 13 statutory rest days: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3', () => {
    expect(statutoryHolidays(Y2027)).toEqual([
      { date: '2027-01-01', name: N.newYear },
      { date: '2027-02-05', name: N.springFestival }, // 除夕
      { date: '2027-02-06', name: N.springFestival }, // 初一
      { date: '2027-02-07', name: N.springFestival }, // 初二
      { date: '2027-02-08', name: N.springFestival }, // 初三
      { date: '2027-04-05', name: N.qingming },
      { date: '2027-05-01', name: N.labourDay },
      { date: '2027-05-02', name: N.labourDay },
      { date: '2027-06-09', name: N.dragonBoat },
      { date: '2027-09-15', name: N.midAutumn },
      { date: '2027-10-01', name: N.nationalDay },
      { date: '2027-10-02', name: N.nationalDay },
      { date: '2027-10-03', name: N.nationalDay },
    ]);
  });

  it('lists a day two festivals share once, under both names (中秋 on 3 October 2028)', () => {
    const days = statutoryHolidays({
      year: 2028,
      springFestival: '2028-01-26',
      qingming: '2028-04-04',
      dragonBoat: '2028-05-28',
      midAutumn: '2028-10-03',
    });
    expect(days).toHaveLength(12);
    expect(days.filter((d) => d.date.startsWith('2028-10'))).toEqual([
      { date: '2028-10-01', name: N.nationalDay },
      { date: '2028-10-02', name: N.nationalDay },
      { date: '2028-10-03', name: `${N.midAutumn} / ${N.nationalDay}` },
    ]);
  });

  it('puts 除夕 in the same Gregorian year even for the earliest Spring Festival (21 January)', () => {
    const days = statutoryHolidays({ ...Y2027, springFestival: '2027-01-21' });
    expect(days.filter((d) => d.name === N.springFestival).map((d) => d.date)).toEqual([
      '2027-01-20',
      '2027-01-21',
      '2027-01-22',
      '2027-01-23',
    ]);
  });

  it.each<[string, FestivalDates, RegExp]>([
    ['a year before the revision took effect', { ...Y2027, year: 2024 }, /applies from 2025/],
    ['festival dates of another year', { ...Y2027, year: 2028 }, /springFestival 2027-02-06 is not between 2028/],
    ['a Dragon Boat date a lunar calendar cannot give', { ...Y2027, dragonBoat: '2027-05-05' }, /dragonBoat 2027-05-05/],
    ['a Qingming outside 4–6 April', { ...Y2027, qingming: '2027-04-15' }, /qingming/],
    ['an impossible date', { ...Y2027, midAutumn: '2027-09-31' }, /Not a calendar date/],
  ])('refuses %s', (_label, dates, message) => {
    expect(() => statutoryHolidays(dates)).toThrow(message);
  });
});
