import { once } from 'node:events';
import { HAZARD_GRADE_LABELS, type HazardGrade, neutralizeFormula } from '@anjian/domain';
import type { StalledRow } from '@anjian/persistence';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { toStalledRowView } from './stalled.use-case';

/** One exported column: a bilingual header and the cell for a row (as stored; the CSV neutralises formulas). */
interface ExportColumn {
  header: string;
  cell: (row: ReturnType<typeof toStalledRowView>) => string | number | boolean | null;
}

/** A CSV cell: text that a spreadsheet would run as a formula is neutralised (formula-safe.ts). */
const csvCell = (v: string | number | boolean | null) => (typeof v === 'string' ? neutralizeFormula(v) : v);

const REASON_ZH: Record<string, string> = { overdue: '逾期', no_progress: '久未推进', awaiting_my_approval: '待我审批' };

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '案件编号 Case id', cell: (r) => r.id },
  { header: '标题 Title', cell: (r) => r.title },
  { header: '企业名称 Enterprise', cell: (r) => r.enterprise.name },
  { header: '统一社会信用代码 Credit code', cell: (r) => r.enterprise.creditCode },
  { header: '行业领域 Sector', cell: (r) => r.sector },
  { header: '行政区划 Jurisdiction', cell: (r) => r.jurisdiction },
  { header: '隐患等级 Hazard grade', cell: (r) => HAZARD_GRADE_LABELS[r.hazardGrade as HazardGrade]?.zh ?? r.hazardGrade },
  { header: '程序 Procedure', cell: (r) => r.procedure },
  { header: '环节 Step', cell: (r) => r.step },
  { header: '期限 Due at', cell: (r) => r.dueAt },
  { header: '剩余小时 Hours left', cell: (r) => (r.timeLeftSeconds === null ? null : Math.trunc(r.timeLeftSeconds / 36) / 100) },
  { header: '逾期起算 Overdue since', cell: (r) => r.overdueSince },
  { header: '督办原因 Reasons', cell: (r) => r.reasons.map((x) => `${REASON_ZH[x] ?? x} ${x}`).join('; ') },
  { header: '承办人 Assignee', cell: (r) => r.assigneeId },
  { header: '立案时间 Opened at', cell: (r) => r.openedAt },
  { header: '最近变化 Last change', cell: (r) => r.updatedAt },
  { header: '最近推进 Last progress', cell: (r) => r.lastProgressAt },
];

/** Waits until the response has room again (a slow client must not make the server buffer the export). */
async function drained(res: Response): Promise<void> {
  if (res.writableNeedDrain) await once(res, 'drain');
}

/**
 * CSV for Excel: UTF-8 with a BOM (Excel otherwise reads Chinese as the local code page), header row,
 * RFC 4180 quoting by csv-stringify; the rows are written one keyset batch at a time with back-pressure,
 * so memory stays one batch whatever the total.
 */
export async function writeCsv(res: Response, first: StalledRow[], rest: AsyncIterator<StalledRow[]>, now: string): Promise<void> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: EXPORT_COLUMNS.map((c) => c.header),
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  csv.pipe(res);
  let batch: StalledRow[] | undefined = first;
  while (batch) {
    for (const row of batch) {
      const view = toStalledRowView(row, now);
      if (!csv.write(EXPORT_COLUMNS.map((c) => csvCell(c.cell(view))))) await once(csv, 'drain');
    }
    await drained(res);
    const next = await rest.next();
    batch = next.done ? undefined : next.value;
  }
  csv.end();
  await once(res, 'finish');
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: rows are committed as they are written (no shared
 * strings table, no styles), so the workbook is never held in memory. Text cells are typed strings,
 * which a spreadsheet never evaluates, so they keep their text as typed (an apostrophe written into
 * the string would show in every cell that starts with = + - @).
 */
export async function writeXlsx(res: Response, first: StalledRow[], rest: AsyncIterator<StalledRow[]>, now: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('督办 Stalled');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: 20 }));
  let batch: StalledRow[] | undefined = first;
  while (batch) {
    for (const row of batch) {
      const view = toStalledRowView(row, now);
      sheet.addRow(EXPORT_COLUMNS.map((c) => c.cell(view))).commit();
    }
    await drained(res);
    const next = await rest.next();
    batch = next.done ? undefined : next.value;
  }
  sheet.commit();
  await workbook.commit();
}
