// The report's only styling: inline, so the file needs nothing from anywhere.
export const REPORT_CSS = `
body { font: 13px/1.45 system-ui, sans-serif; color: #1d2125; margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d8dce0; }
.meta { color: #5b636b; } .sev { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 600; }
.tag { display: inline-block; padding: 0 7px; border: 1px solid; border-radius: 10px; color: #1d2125; }
.sev-low { background: #5a9e4b; } .sev-medium { background: #c2a23a; } .sev-high { background: #e08a2c; } .sev-critical { background: #d94848; }
.summary { white-space: pre-wrap; background: #f5f6f8; padding: 10px 12px; border-radius: 4px; }
.summary.markdown { white-space: normal; } .summary.markdown > :first-child { margin-top: 0; } .summary.markdown > :last-child { margin-bottom: 0; }
.summary pre { white-space: pre-wrap; background: #e9ecef; padding: 6px 8px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; } th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e6e8eb; vertical-align: top; }
th { background: #f0f2f4; } td.nowrap { white-space: nowrap; } table.sessions { font-size: 11px; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts svg { max-width: 100%; height: auto; }
table.requests { table-layout: fixed; } table.requests td { overflow-wrap: anywhere; } table.requests td.whole { overflow-wrap: normal; word-break: normal; } code, .hash { font-family: ui-monospace, monospace; word-break: break-all; } /* A hash is copied whole into vigil audit verify --expect: never cut over two lines. */ .hash { white-space: nowrap; word-break: normal; } /* An address never breaks inside a number: a cut reads as another IP (IPv6: <wbr> after colons). */ code.address { word-break: normal; overflow-wrap: normal; }
mark { background: #f3d36b; } .level { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-size: 11px; background: #6b7480; }
.level-low { background: #1f6f96; } .level-medium { background: #a8720f; } .level-high { background: #c0502f; } .level-critical { background: #a3213a; }
/* No level written: an outline, so it is not read as informational's grey (as in the app). */ .level-none { color: inherit; background: transparent; box-shadow: inset 0 0 0 1px #6b7480; }
.audit-broken { background: #fbe9e9; border-left: 4px solid #d94848; padding: 8px 12px; }
footer { margin-top: 32px; color: #5b636b; font-size: 11px; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;
