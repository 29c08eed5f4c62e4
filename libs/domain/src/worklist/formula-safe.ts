/**
 * Spreadsheet formula injection (CSV injection): a cell a person typed (an enterprise name, a title)
 * that starts with = + - @ (or a tab / carriage return / line feed, which some spreadsheet programs
 * strip before looking) would be run as a formula when a CSV export is opened in Excel or LibreOffice.
 * The same holds after leading spaces (some importers trim them) and for the full-width signs an IME
 * types (＝ ＋ － ＠, which some importers fold to ASCII). Such a text cell gets a leading apostrophe,
 * which Excel reads as "text" and does not display. Numbers are left alone (they are written as
 * numbers, so a negative time left stays a number). XLSX cells are typed strings and need none of this.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
