import type { CalendarData } from '@anjian/deadlines';
import { type Actor, mayManageCalendar } from '@anjian/domain';
import { CalendarRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { type FieldIssue, validationProblem } from '../../http/problem';
import { calendarOutsideJurisdiction } from '../administrator';
import { byDate, calendarDataIssues, nationalOverlapIssues } from './calendar-checks';
import type { EditCalendarEntriesBody } from './calendar-admin.schemas';
import { calendarNotFound } from './calendar-reads.use-case';
import { calendarDetail } from './calendar-view';

type List = 'holidays' | 'makeupWorkdays';
const LISTS: readonly List[] = ['holidays', 'makeupWorkdays'];
const LIST_NAME: Record<List, string> = { holidays: 'a holiday', makeupWorkdays: 'a make-up working day' };

/**
 * Edits the latest version's entries into a new version: the day the State Council publishes next
 * year's holiday notice (国务院办公厅关于…部分节假日安排的通知), an administrator adds that year's
 * holidays and make-up days and extends knownYears; a wrong entry is removed (and re-added corrected)
 * the same way. Removals apply first, so one request can correct a date. Who may: as for saving a
 * version — 'CN' national administrators only, a local calendar those whose jurisdiction contains it.
 */
@Injectable()
export class EditCalendarEntriesUseCase {
  constructor(private readonly calendars: CalendarRepository) {}

  async execute(actor: Actor, id: string, body: EditCalendarEntriesBody) {
    const latest = await this.calendars.get(id);
    if (!latest) throw calendarNotFound(id);
    if (!mayManageCalendar(actor, latest.jurisdictionPrefix))
      throw calendarOutsideJurisdiction(actor, id, latest.jurisdictionPrefix, 'path.id');
    const current = latest.data;
    const issues: FieldIssue[] = [];

    const nothing =
      body.remove.length === 0 && !body.add.holidays?.length && !body.add.makeupWorkdays?.length && body.add.knownYearsTo === undefined;
    if (nothing)
      throw validationProblem('body', [
        { path: 'body', message: 'nothing to change: give add.holidays, add.makeupWorkdays, add.knownYearsTo or remove' },
      ]);

    const removing = new Set<string>();
    body.remove.forEach((date, i) => {
      if (!current.holidays.some((e) => e.date === date) && !current.makeupWorkdays.some((e) => e.date === date)) {
        issues.push({ path: `body.remove.${i}`, message: `${date} is not in ${id} v${latest.version}` });
      }
      removing.add(date);
    });
    const kept = (list: List) => current[list].filter((e) => !removing.has(e.date));

    const knownYears = { from: current.knownYears.from, to: body.add.knownYearsTo ?? current.knownYears.to };
    const listed = new Map<string, List>();
    for (const list of LISTS) for (const e of kept(list)) listed.set(e.date, list);
    for (const list of LISTS) {
      (body.add[list] ?? []).forEach((entry, i) => {
        const path = `body.add.${list}.${i}.date`;
        const year = Number(entry.date.slice(0, 4));
        const already = listed.get(entry.date);
        if (year < knownYears.from || year > knownYears.to) {
          issues.push({
            path,
            message: `${entry.date} is outside knownYears ${knownYears.from}–${knownYears.to}; set add.knownYearsTo to include ${year}`,
          });
        } else if (already) {
          issues.push({ path, message: `${entry.date} is already ${LIST_NAME[already]}; list it in remove to correct it` });
        }
        listed.set(entry.date, list);
      });
    }

    const data: CalendarData = {
      id,
      version: current.version,
      knownYears,
      holidays: [...kept('holidays'), ...(body.add.holidays ?? [])].sort(byDate),
      makeupWorkdays: [...kept('makeupWorkdays'), ...(body.add.makeupWorkdays ?? [])].sort(byDate),
    };
    if (issues.length === 0) {
      // What is left: lowering knownYearsTo below existing entries, or a known year range now empty.
      issues.push(...calendarDataIssues(data, 'result').map((i) => ({ path: 'body.add.knownYearsTo', message: i.message })));
    }
    if (issues.length === 0) issues.push(...(await nationalOverlapIssues(data, this.calendars, 'body.add.knownYearsTo')));
    if (issues.length) throw validationProblem('body', issues);
    return calendarDetail(await this.calendars.saveNewVersion(data, latest.jurisdictionPrefix, actor, body.reason));
  }
}
