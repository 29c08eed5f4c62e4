import type { Adjustment, WorkingCalendar } from './calendar';
import { type DayIndex, civilFromDays, formatInstant } from './local-date';

/**
 * The sentences a result carries so a deadline can be explained to an enterprise or a court: what
 * was counted, from when, which legal rule moved it, and which calendar (id + version) was used.
 * Sources as listed in procedures.md §3.
 */

export const SOURCES = {
  startNotCounted: '民事诉讼法 art. 85; 刑事诉讼法 art. 105',
  endOfDay: '民法典 art. 203',
  restDayRollOver: '民法典 art. 203; 民事诉讼法 art. 85',
  workingDays: 'State Council yearly holiday notice (国务院办公厅关于部分节假日安排的通知)',
} as const;

interface Explanation {
  rule: string;
  ruleZh: string;
}

function endText(cutoff: string | undefined): string {
  return cutoff ?? '24:00';
}

export function explainCalendarDays(
  calendar: WorkingCalendar,
  startDay: DayIndex,
  amount: number,
  nominalLastDay: DayIndex,
  lastDay: DayIndex,
  cutoff: string | undefined,
): Explanation {
  const start = calendar.dateText(startDay);
  const nominal = calendar.dateText(nominalLastDay);
  const last = calendar.dateText(lastDay);
  const end = endText(cutoff);
  const moved = lastDay !== nominalLastDay;
  return {
    rule:
      `${amount} calendar day(s) counted from the day after ${start} (start day not counted: ${SOURCES.startNotCounted}); ` +
      (moved
        ? `last day ${nominal} is a rest day, moved to the next working day ${last} (${SOURCES.restDayRollOver}); `
        : `last day ${last}; `) +
      `ends ${end} Asia/Shanghai on ${last} (${SOURCES.endOfDay}); calendar ${calendar.label}`,
    ruleZh:
      `自${start}次日起计算${amount}日（开始之日不计入）` +
      (moved ? `，期间最后一日${nominal}为休息日，顺延至其后第一个工作日${last}` : `，最后一日为${last}`) +
      `，至${last} ${end}（北京时间）届满；日历：${calendar.label}`,
  };
}

export function explainWorkingDays(
  calendar: WorkingCalendar,
  startDay: DayIndex,
  amount: number,
  lastDay: DayIndex,
  cutoff: string | undefined,
): Explanation {
  const start = calendar.dateText(startDay);
  const last = calendar.dateText(lastDay);
  const end = endText(cutoff);
  return {
    rule:
      `${amount} working day(s) counted from the day after ${start} (start day not counted: ${SOURCES.startNotCounted}; ` +
      `weekends and statutory holidays skipped, 调休 make-up days counted: ${SOURCES.workingDays}); ` +
      `last working day ${last}; ends ${end} Asia/Shanghai (${SOURCES.endOfDay}); calendar ${calendar.label}`,
    ruleZh:
      `自${start}次日起计算${amount}个工作日（开始之日不计入，节假日和周末不计，调休上班日计入）` +
      `，最后一个工作日为${last}，至${last} ${end}（北京时间）届满；日历：${calendar.label}`,
  };
}

export function explainHours(calendar: WorkingCalendar, startMs: number, countFromMs: number, dueMs: number, amount: number): Explanation {
  const start = formatInstant(startMs);
  const from = formatInstant(countFromMs);
  const due = formatInstant(dueMs);
  return {
    rule:
      `${amount} hour(s) from ${start}: the starting hour is not counted (刑事诉讼法 art. 105), ` +
      `counted from ${from}; ends ${due} Asia/Shanghai, rest days not skipped; calendar ${calendar.label} not consulted`,
    ruleZh: `自${start}起${amount}小时（开始之时不计入，自${from}起算），至${due}（北京时间）届满，不因节假日顺延；日历：${calendar.label}（按小时计算，未使用）`,
  };
}

export function outsideKnownYearsWarning(calendar: WorkingCalendar, firstDay: DayIndex, lastDay: DayIndex): string {
  const { from, to } = calendar.knownYears;
  const unknownYear = firstDay < calendar.knownFromDay ? civilFromDays(firstDay).year : civilFromDays(lastDay).year;
  const provisional = calendar.provisional;
  if (provisional !== undefined && unknownYear >= provisional.years.from && unknownYear <= provisional.years.to) {
    return (
      `calendar ${calendar.label} has the State Council's holiday notices for ${from}–${to} only; ${unknownYear} was ` +
      `counted provisionally with the statutory holidays of ${provisional.basis} and Saturday/Sunday rest days, ` +
      `without 调休 make-up working days or 补假 substitute rest days (only the ${unknownYear} notice fixes them): ` +
      `recompute when the ${unknownYear} calendar is loaded`
    );
  }
  return (
    `calendar ${calendar.label} has holiday data for ${from}–${to} only; ${unknownYear} was counted with ` +
    `Mon–Fri working days and no statutory holidays or 调休 (an assumption, not the State Council notice): ` +
    `recompute when the ${unknownYear} calendar is loaded`
  );
}

/**
 * One day of `adjustments` in words. A 调休 make-up day carries its festival's name in the data, which
 * on its own reads like a holiday ("2026-01-04 元旦"), so it is spelled out as a working day.
 */
export function describeAdjustment(adjustment: Adjustment): string {
  if (adjustment.kind === 'makeupWorkday') return `${adjustment.date} 调休上班日 (make-up working day for ${adjustment.name})`;
  if (adjustment.provisional !== undefined) {
    return `${adjustment.date} ${adjustment.name} (provisional: ${adjustment.provisional}, no 调休 announced yet)`;
  }
  return `${adjustment.date} ${adjustment.name}`;
}

/**
 * The sentences naming the days that shaped a result, for one-paragraph explanations (API, case
 * records): rest days that moved a calendar-day period or were skipped in a working-day count, and
 * 调休 make-up days that were counted as working days. '' when there are none; otherwise starts with
 * a space.
 */
export function adjustmentsText(result: { duration: { unit: string }; adjustments: readonly Adjustment[] }): string {
  const rest = result.adjustments.filter((a) => a.kind !== 'makeupWorkday').map(describeAdjustment);
  const makeup = result.adjustments.filter((a) => a.kind === 'makeupWorkday').map(describeAdjustment);
  let text = '';
  if (rest.length > 0)
    text += ` ${result.duration.unit === 'workingDays' ? 'Rest days skipped' : 'Moved by rest days'}: ${rest.join(', ')}.`;
  if (makeup.length > 0) text += ` Counted as 调休 working days: ${makeup.join(', ')}.`;
  return text;
}
