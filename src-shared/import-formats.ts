// The kinds of log Vigil imports, in words, as the drop zone, the start page and `vigil ingest
// --help` tell a user. One sentence, so a format added to ingest/formats is named everywhere at once.
export const IMPORTABLE_LOGS =
  'Apache and nginx access logs, ALB and CloudFront logs, Zeek and Suricata logs, CloudWatch CSV, VPC Flow Logs, WAF JSON lines, or any CSV/JSON lines with a column mapping';

// How an import that no detector recognised fails (ingest/formats), so a face that cannot pass
// `--format` (the Import view) can tell that failure apart and say what it offers instead.
export const UNRECOGNISED_FORMAT = 'Could not recognise the format of';
