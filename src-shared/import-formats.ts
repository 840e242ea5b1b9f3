// The kinds of log Vigil imports, in words, as the drop zone, the start page and `vigil ingest
// --help` tell a user. One sentence, so a format added to ingest/formats is named everywhere at once.
export const IMPORTABLE_LOGS =
  'Apache and nginx access logs, ALB and CloudFront logs, Zeek and Suricata logs, CloudWatch CSV, VPC Flow Logs, WAF JSON lines, or any CSV/JSON lines with a column mapping';
