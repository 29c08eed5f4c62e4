export { Duration, DurationUnit } from './duration';
export {
  type LocalDate,
  type DayIndex,
  SHANGHAI_OFFSET_MS,
  dayOfInstant,
  startOfDayMs,
  parseLocalDate,
  formatLocalDate,
  formatInstant,
  isLocalDate,
} from './local-date';
export {
  type CalendarData,
  type CalendarDateEntry,
  type ProvisionalHolidays,
  CalendarDataSchema,
  ProvisionalHolidaysSchema,
  SUPPORTED_YEARS,
} from './calendar-data';
export { type Adjustment, type DayInfo, type DayKind, isOutsideSupportedRange, WorkingCalendar } from './calendar';
export { mergeCalendars } from './calendar-merge';
export { type DeadlineRequest, type DeadlineResult, DeadlineRequestSchema, computeDeadline } from './deadline';
export { type OffsetDirection, type OffsetResult, type ScheduledInstant, offsetFrom, offsetFromDetailed, scheduleFor } from './schedule';
export {
  type ClockEvent,
  type ClockHistoryEntry,
  type ClockPosition,
  type ClockState,
  ClockEventSchema,
  ClockSequenceError,
  applyClockEvent,
  foldClock,
  startClock,
} from './clock';
export { SOURCES as LEGAL_SOURCES, adjustmentsText, describeAdjustment } from './deadline-explain';
export {
  type FestivalDates,
  STATUTORY_HOLIDAYS_BASIS,
  STATUTORY_HOLIDAY_NAMES,
  STATUTORY_RULE_FIRST_YEAR,
  statutoryHolidays,
} from './statutory-holidays';
