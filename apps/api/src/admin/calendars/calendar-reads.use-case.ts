import { CalendarRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { Problem } from '../../http/problem';
import { diffCalendars } from './calendar-diff';
import { calendarDetail, calendarSummary } from './calendar-view';

export const calendarNotFound = (id: string, version?: number) =>
  new Problem(404, 'Not Found', version === undefined ? `no calendar ${id}` : `no version ${version} of calendar ${id}`);

/** Administrators' read side of working-day calendars (工作日历). */
@Injectable()
export class CalendarReadsUseCase {
  constructor(private readonly calendars: CalendarRepository) {}

  async list() {
    return (await this.calendars.listLatest()).map(calendarSummary);
  }

  async get(id: string, version?: number) {
    const c = await this.calendars.get(id, version);
    if (!c) throw calendarNotFound(id, version);
    return calendarDetail(c);
  }

  /** Every version, each with what it changed against the one before. */
  async history(id: string) {
    const versions = await this.calendars.history(id);
    if (versions.length === 0) throw calendarNotFound(id);
    return versions.map((c, i) => ({ ...calendarSummary(c), changes: i === 0 ? null : diffCalendars(versions[i - 1]!.data, c.data) }));
  }
}
