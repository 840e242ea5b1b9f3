// Exports contract: case reports (HTML, PDF, STIX) and session exports (CSV, JSON).
import { z } from 'zod';
import { TriageFilter } from './triage.js';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json', 'stix'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

const exportSelection = z.object({
  /** A case: its report (html, pdf, stix) or its sessions (csv, json). */
  caseId: z.number().int().optional(),
  /** Without a case: the sessions matching this filter (csv, json only). */
  filter: TriageFilter.optional(),
  format: ReportFormat,
});
const reportNeedsCase: [
  (args: { caseId?: number; format: ReportFormat }) => boolean,
  { message: string; path: string[] },
] = [
  (args) => args.caseId !== undefined || args.format === 'csv' || args.format === 'json',
  // On caseId, so the CLI names it as its option (--case).
  { message: 'html, pdf and stix reports are made from a case: name one', path: ['caseId'] },
];

/** What to export, without where: a browser download or a desktop save dialog picks the place. */
export const ExportTarget = exportSelection.refine(...reportNeedsCase);
export type ExportTarget = z.infer<typeof ExportTarget>;

export const ExportArgs = exportSelection
  .extend({
    /** Where to write, on the machine that runs the core (a save dialog's answer). */
    path: z.string().min(1).max(4096),
  })
  .refine(...reportNeedsCase);

/** The file name an export is offered under: `case-3.html`, `sessions.csv`, `case-3.stix.json`. */
export function exportFileName({ caseId, format }: { caseId?: number; format: ReportFormat }): string {
  return `${caseId !== undefined ? `case-${caseId}` : 'sessions'}.${format === 'stix' ? 'stix.json' : format}`;
}

export const ExportResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  /** SHA-256 of the file written. */
  sha256: z.string(),
  /** Sessions included. */
  sessions: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** What the desktop page learns of an export it asked for: the file's name, never its folder. */
export const SavedExport = ExportResult.omit({ path: true }).extend({ name: z.string() });
export type SavedExport = z.infer<typeof SavedExport>;

/**
 * Serve mode's answer to `POST /api/download`: the export, rendered on the server, waits once at
 * `url` (a one-time address) for the browser to fetch it as a file named `name`.
 */
export const PreparedDownload = ExportResult.omit({ path: true }).extend({
  url: z.string(),
  name: z.string(),
});
export type PreparedDownload = z.infer<typeof PreparedDownload>;
