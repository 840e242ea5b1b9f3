// Spreadsheet formula injection: a cell that starts with one of = + - @ TAB CR is run as a formula
// by Excel, LibreOffice and Sheets. A leading apostrophe makes it plain text. A value that already
// starts with an apostrophe gets one too: else a logged `'+OR+1=1--` (a quote-led SQL injection)
// would read the same as a neutralised `+OR+1=1--`. So the rule is reversible: drop one leading
// apostrophe from any cell that has one and the logged value is back, exactly.
const NEEDS_APOSTROPHE = /^[=+\-@\t\r']/;

export function neutraliseCell(value: string): string {
  return NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
}
