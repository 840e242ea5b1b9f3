// Spreadsheet formula injection: a cell that starts with one of these is run as a formula by
// Excel, LibreOffice and Sheets. A leading apostrophe makes it plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
