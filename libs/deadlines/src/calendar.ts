import {
  type CalendarData,
  CalendarDataSchema,
  type ProvisionalHolidays,
  ProvisionalHolidaysSchema,
  SUPPORTED_YEARS,
} from './calendar-data';
import { type DayIndex, type LocalDate, daysFromCivil, formatLocalDate, isWeekend, parseLocalDate, weekdayOf } from './local-date';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: LocalDate;
  kind: DayKind;
  /** Holiday or make-up day name from the calendar data; weekday name for weekends. */
  name?: string;
  /** false when the date is outside the calendar's knownYears: the kind is a Mon–Fri guess or provisional. */
  known: boolean;
  /** Set on a holiday derived from a statute for a year without a notice: the rule it comes from. */
  provisional?: string;
}

/** A day that changed where a period ends: a rest day skipped or a 调休 make-up day counted. */
export interface Adjustment {
  readonly date: LocalDate;
  readonly kind: Exclude<DayKind, 'workday'>;
  readonly name: string;
  /** Set on a provisional holiday (a year without a State Council notice): the rule it comes from. */
  readonly provisional?: string;
}

// Day kinds as small integers so the per-day table is a Uint8Array.
const WORKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP = 3;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeupWorkday'];
const WEEKEND_NAMES = ['Sunday 星期日', '', '', '', '', '', 'Saturday 星期六'];

const FIRST_DAY: DayIndex = daysFromCivil(SUPPORTED_YEARS.from, 1, 1);
const LAST_DAY: DayIndex = daysFromCivil(SUPPORTED_YEARS.to, 12, 31);
const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;

/**
 * A working-day calendar precomputed over 1992–2100 so that working-day arithmetic is a lookup:
 * `workdaysBefore[i]` counts working days in [FIRST_DAY, FIRST_DAY + i) and `workdayAt[k]` is the
 * k-th working day, so "n working days after d" and "working days between a and b" are O(1).
 * Days outside `knownYears` use Mon–Fri plus any provisional statutory holidays given to `from`;
 * every `*At` result can be checked with `isOutsideKnownAt`.
 *
 * Public methods take 'YYYY-MM-DD'; the `*At` methods take day indexes and allocate nothing, for
 * the deadline hot path.
 */
/**
 * The engine's refusal of a date, or of a period counted from it, outside the years it represents
 * (SUPPORTED_YEARS): the input's fault, which no retry fixes.
 */
export function isOutsideSupportedRange(err: unknown): err is RangeError {
  return err instanceof RangeError && /outside the supported range|leaves the supported range|in range$/.test(err.message);
}

export class WorkingCalendar {
  readonly id: string;
  readonly version: number;
  readonly knownYears: { readonly from: number; readonly to: number };
  readonly basedOn: { readonly id: string; readonly version: number } | undefined;
  /** 'CN v3' or 'CN-140000 v2 on CN v3': how a result names the calendar it was computed with. */
  readonly label: string;
  readonly knownFromDay: DayIndex;
  readonly knownToDay: DayIndex;
  /**
   * Statutory holidays used for years outside knownYears (see ProvisionalHolidays), with the years
   * they cover; undefined when none were given. Those years are still outside knownYears (flagged).
   */
  readonly provisional: { readonly basis: string; readonly years: { readonly from: number; readonly to: number } } | undefined;

  private readonly kinds = new Uint8Array(DAY_COUNT);
  private readonly nameIds = new Uint16Array(DAY_COUNT);
  private readonly names: string[] = [''];
  /** 1 on a provisional holiday (outside knownYears, from `provisional.basis`). */
  private readonly provisionalDays = new Uint8Array(DAY_COUNT);
  private readonly workdaysBefore = new Int32Array(DAY_COUNT + 1);
  private readonly workdayAt: Int32Array;
  /** nextNonPlain[i]: the first offset >= i that is not a plain Mon–Fri workday (DAY_COUNT if none). */
  private readonly nextNonPlain = new Int32Array(DAY_COUNT + 1);
  // Filled lazily: a calendar is built in workflow code too, where 40k strings up front would be waste.
  // Preallocated so V8 keeps them as fast (holey) arrays rather than dictionaries.
  private readonly dateTexts = new Array<string | undefined>(DAY_COUNT);
  private readonly adjustmentsByDay = new Array<Adjustment | undefined>(DAY_COUNT);

  private constructor(data: CalendarData, provisional: ProvisionalHolidays | undefined) {
    this.id = data.id;
    this.version = data.version;
    this.knownYears = Object.freeze({ from: data.knownYears.from, to: data.knownYears.to });
    this.basedOn = data.basedOn === undefined ? undefined : Object.freeze({ ...data.basedOn });
    this.label = `${data.id} v${data.version}` + (data.basedOn === undefined ? '' : ` on ${data.basedOn.id} v${data.basedOn.version}`);
    this.knownFromDay = daysFromCivil(data.knownYears.from, 1, 1);
    this.knownToDay = daysFromCivil(data.knownYears.to, 12, 31);

    for (let i = 0; i < DAY_COUNT; i++) this.kinds[i] = isWeekend(FIRST_DAY + i) ? WEEKEND : WORKDAY;
    const nameIdByText = new Map<string, number>();
    const mark = (date: LocalDate, kind: number, name: string): void => {
      const offset = parseLocalDate(date) - FIRST_DAY;
      this.kinds[offset] = kind;
      let nameId = nameIdByText.get(name);
      if (nameId === undefined) {
        nameId = this.names.push(name) - 1;
        nameIdByText.set(name, nameId);
      }
      this.nameIds[offset] = nameId;
    };
    for (const entry of data.holidays) mark(entry.date, HOLIDAY, entry.name);
    for (const entry of data.makeupWorkdays) mark(entry.date, MAKEUP, entry.name);
    // Provisional days only fill years the data does not know: a loaded notice always wins.
    let provisionalFrom = Infinity;
    let provisionalTo = -Infinity;
    for (const entry of provisional?.holidays ?? []) {
      const day = parseLocalDate(entry.date);
      if (!this.isOutsideKnownAt(day, day)) continue;
      mark(entry.date, HOLIDAY, entry.name);
      this.provisionalDays[day - FIRST_DAY] = 1;
      const year = Number(entry.date.slice(0, 4));
      provisionalFrom = Math.min(provisionalFrom, year);
      provisionalTo = Math.max(provisionalTo, year);
    }
    this.provisional =
      provisional === undefined || provisionalFrom > provisionalTo
        ? undefined
        : Object.freeze({ basis: provisional.basis, years: Object.freeze({ from: provisionalFrom, to: provisionalTo }) });

    let working = 0;
    for (let i = 0; i < DAY_COUNT; i++) {
      this.workdaysBefore[i] = working;
      if (this.kinds[i] === WORKDAY || this.kinds[i] === MAKEUP) working++;
    }
    this.workdaysBefore[DAY_COUNT] = working;
    this.workdayAt = new Int32Array(working);
    for (let i = 0, k = 0; i < DAY_COUNT; i++) {
      if (this.kinds[i] === WORKDAY || this.kinds[i] === MAKEUP) this.workdayAt[k++] = i;
    }
    this.nextNonPlain[DAY_COUNT] = DAY_COUNT;
    for (let i = DAY_COUNT - 1; i >= 0; i--) {
      this.nextNonPlain[i] = this.kinds[i] === WORKDAY ? this.nextNonPlain[i + 1] : i;
    }
  }

  /**
   * Validates the data (CalendarDataSchema) and precomputes the lookup tables (a few ms).
   * `provisional`: statutory holidays for years without a notice; entries inside knownYears are
   * ignored, so the stored notice stays the source of truth for every year it covers.
   */
  static from(data: CalendarData, provisional?: ProvisionalHolidays): WorkingCalendar {
    return new WorkingCalendar(
      CalendarDataSchema.parse(data),
      provisional === undefined ? undefined : ProvisionalHolidaysSchema.parse(provisional),
    );
  }

  static readonly supportedRange = { firstDay: FIRST_DAY, lastDay: LAST_DAY } as const;

  // ---- 'YYYY-MM-DD' API -------------------------------------------------------------------------

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayAt(this.toDay(date));
  }

  dayInfo(date: LocalDate): DayInfo {
    const day = this.toDay(date);
    const kind = this.kinds[day - FIRST_DAY];
    const info: DayInfo = { date: this.dateText(day), kind: KIND_NAMES[kind], known: !this.isOutsideKnownAt(day, day) };
    const name = this.nameOf(day, kind);
    if (name !== '') info.name = name;
    if (this.isProvisionalAt(day)) info.provisional = this.provisional!.basis;
    return info;
  }

  /** The n-th working day after `date` (n > 0) or before it (n < 0), never counting `date` itself. */
  addWorkingDays(date: LocalDate, n: number): { date: LocalDate; outsideKnownYears: boolean } {
    const from = this.toDay(date);
    const to = this.addWorkingDaysAt(from, n);
    return {
      date: this.dateText(to),
      outsideKnownYears: n === 0 ? false : n > 0 ? this.isOutsideKnownAt(from + 1, to) : this.isOutsideKnownAt(to, from - 1),
    };
  }

  /** Working days in (a, b]: the count "from a to b" with a's day not counted; negative if b < a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): { count: number; outsideKnownYears: boolean } {
    const from = this.toDay(a);
    const to = this.toDay(b);
    return {
      count: this.workingDaysBetweenAt(from, to),
      outsideKnownYears: from === to ? false : this.isOutsideKnownAt(Math.min(from, to) + 1, Math.max(from, to)),
    };
  }

  // ---- day-index API (no allocation) ----------------------------------------------------------

  isInRangeAt(day: DayIndex): boolean {
    return day >= FIRST_DAY && day <= LAST_DAY;
  }

  assertInRangeAt(day: DayIndex): void {
    if (!(day >= FIRST_DAY && day <= LAST_DAY)) {
      throw new RangeError(
        `Date ${Number.isFinite(day) ? formatLocalDate(day) : String(day)} is outside the supported range ` +
          `${SUPPORTED_YEARS.from}-01-01…${SUPPORTED_YEARS.to}-12-31`,
      );
    }
  }

  isWorkingDayAt(day: DayIndex): boolean {
    this.assertInRangeAt(day);
    const kind = this.kinds[day - FIRST_DAY];
    return kind === WORKDAY || kind === MAKEUP;
  }

  /** Weekend or statutory holiday, but not a 调休 make-up working day. */
  isRestDayAt(day: DayIndex): boolean {
    return !this.isWorkingDayAt(day);
  }

  kindAt(day: DayIndex): DayKind {
    this.assertInRangeAt(day);
    return KIND_NAMES[this.kinds[day - FIRST_DAY]];
  }

  /** A holiday derived from `provisional.basis` (a year without a notice), not from the data. */
  isProvisionalAt(day: DayIndex): boolean {
    this.assertInRangeAt(day);
    return this.provisionalDays[day - FIRST_DAY] === 1;
  }

  /** True when any day in [from, to] lies outside knownYears, i.e. a Mon–Fri guess or a provisional day was consulted. */
  isOutsideKnownAt(from: DayIndex, to: DayIndex): boolean {
    return from < this.knownFromDay || to > this.knownToDay;
  }

  addWorkingDaysAt(day: DayIndex, n: number): DayIndex {
    this.assertInRangeAt(day);
    if (n === 0) return day;
    const offset = day - FIRST_DAY;
    // Working days strictly before `day` plus `day` itself if it works, then step n further.
    const k = n > 0 ? this.workdaysBefore[offset + 1] + n - 1 : this.workdaysBefore[offset] + n;
    if (k < 0 || k >= this.workdayAt.length) {
      throw new RangeError(`${n} working days from ${formatLocalDate(day)} leaves the supported range`);
    }
    return this.workdayAt[k] + FIRST_DAY;
  }

  /** Working days in (a, b]; negative when b < a. */
  workingDaysBetweenAt(a: DayIndex, b: DayIndex): number {
    this.assertInRangeAt(a);
    this.assertInRangeAt(b);
    return this.workdaysBefore[b - FIRST_DAY + 1] - this.workdaysBefore[a - FIRST_DAY + 1];
  }

  /** `day` if it is a working day, otherwise the first working day after it. */
  firstWorkingDayFromAt(day: DayIndex): DayIndex {
    this.assertInRangeAt(day);
    const k = this.workdaysBefore[day - FIRST_DAY];
    if (k >= this.workdayAt.length) throw new RangeError(`No working day after ${formatLocalDate(day)} in range`);
    return this.workdayAt[k] + FIRST_DAY;
  }

  /**
   * Appends to `out` every non-plain day in [from, to] (weekends, holidays, make-up days), in order.
   * Jumps from one such day to the next through `nextNonPlain`, so the cost is the number of
   * adjustments, not the number of days.
   */
  collectAdjustmentsAt(from: DayIndex, to: DayIndex, out: Adjustment[]): Adjustment[] {
    if (to < from) return out;
    this.assertInRangeAt(from);
    this.assertInRangeAt(to);
    const end = to - FIRST_DAY;
    for (let i = this.nextNonPlain[from - FIRST_DAY]; i <= end; i = this.nextNonPlain[i + 1]) {
      out.push(this.adjustmentAt(i + FIRST_DAY));
    }
    return out;
  }

  /** Frozen and cached per day, so explanations cost a pointer, not an allocation. */
  adjustmentAt(day: DayIndex): Adjustment {
    const offset = day - FIRST_DAY;
    let adjustment = this.adjustmentsByDay[offset];
    if (adjustment === undefined) {
      const kind = this.kinds[offset];
      if (kind === WORKDAY) throw new Error(`${formatLocalDate(day)} is a plain workday, not an adjustment`);
      const base = { date: this.dateText(day), kind: KIND_NAMES[kind] as Adjustment['kind'], name: this.nameOf(day, kind) };
      adjustment = Object.freeze(this.provisionalDays[offset] === 1 ? { ...base, provisional: this.provisional!.basis } : base);
      this.adjustmentsByDay[offset] = adjustment;
    }
    return adjustment;
  }

  /** 'YYYY-MM-DD' of a day index, cached (results quote dates; formatting is the costly part). */
  dateText(day: DayIndex): LocalDate {
    this.assertInRangeAt(day);
    const offset = day - FIRST_DAY;
    let text = this.dateTexts[offset];
    if (text === undefined) {
      text = formatLocalDate(day);
      this.dateTexts[offset] = text;
    }
    return text;
  }

  private nameOf(day: DayIndex, kind: number): string {
    if (kind === WEEKEND) return WEEKEND_NAMES[weekdayOf(day)];
    return this.names[this.nameIds[day - FIRST_DAY]];
  }

  private toDay(date: LocalDate): DayIndex {
    const day = parseLocalDate(date);
    this.assertInRangeAt(day);
    return day;
  }
}
