import type { CalendarData } from '@anjian/deadlines';
import { type Actor, mayManageCalendar } from '@anjian/domain';
import { CalendarRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { type FieldIssue, validationProblem } from '../../http/problem';
import { calendarOutsideJurisdiction } from '../administrator';
import { byDate, calendarDataIssues, nationalOverlapIssues } from './calendar-checks';
import type { SaveCalendarBody } from './calendar-admin.schemas';
import { calendarPrefix } from './calendar-prefix';
import { calendarDetail } from './calendar-view';

/**
 * Saves a whole calendar as its next version (or its first: a new local calendar). Nothing is
 * overwritten: running deadlines name the version they were computed with, and only a calendar
 * migration moves them to this one. 'CN' only a national administrator may save; a local calendar, an
 * administrator whose jurisdiction contains its prefix — checked before anything else about the body.
 */
@Injectable()
export class SaveCalendarVersionUseCase {
  constructor(private readonly calendars: CalendarRepository) {}

  async execute(actor: Actor, id: string, body: SaveCalendarBody) {
    const prefix = calendarPrefix(id, body.jurisdictionPrefix, 'body.jurisdictionPrefix');
    // The jurisdiction the calendar would cover: the prefix sent (if it agrees with the id), else the id's.
    const fromId = calendarPrefix(id, undefined, 'path.id');
    const covered = 'prefix' in prefix ? prefix.prefix : 'prefix' in fromId ? fromId.prefix : null;
    if (!mayManageCalendar(actor, covered)) {
      const local = id !== 'CN' && body.jurisdictionPrefix != null;
      throw calendarOutsideJurisdiction(actor, id, covered, local ? 'body.jurisdictionPrefix' : 'path.id');
    }
    const issues: FieldIssue[] = [];
    if (body.data.id !== undefined && body.data.id !== id) {
      issues.push({ path: 'body.data.id', message: `the data is for calendar '${body.data.id}' but the path names '${id}'` });
    }
    if ('issue' in prefix) issues.push(prefix.issue);
    // The version is a placeholder for the checks; the repository sets the real one.
    const data: CalendarData = {
      id,
      version: 1,
      knownYears: body.data.knownYears,
      holidays: [...body.data.holidays],
      makeupWorkdays: [...body.data.makeupWorkdays],
    };
    issues.push(...calendarDataIssues(data, 'body.data'));
    if (issues.length === 0) issues.push(...(await nationalOverlapIssues(data, this.calendars, 'body.data.knownYears')));
    if (issues.length || 'issue' in prefix) throw validationProblem('body', issues);
    data.holidays.sort(byDate);
    data.makeupWorkdays.sort(byDate);
    return calendarDetail(await this.calendars.saveNewVersion(data, prefix.prefix, actor, body.reason));
  }
}
