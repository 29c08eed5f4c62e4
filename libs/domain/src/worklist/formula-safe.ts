/**
 * Spreadsheet formula injection (CSV injection): a cell a person typed (an enterprise name, a title)
 * that starts with = + - @ (or a tab / carriage return, which some spreadsheet programs strip before
 * looking) would be run as a formula when the export is opened in Excel. Such a text cell gets a
 * leading apostrophe, which Excel shows as text and does not display. Numbers are left alone (they
 * are written as numbers, so a negative time left stays a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
