import { type ExportTarget, PreparedDownload } from '../../src-shared/reports.js';
import { postJson } from './http-client.js';

/**
 * Serve mode: the server renders the export and offers it once at a private address; following
 * that address hands the file to the browser's own downloads (streamed, with its progress bar).
 * Two steps so a failed export (no Chromium for a PDF, say) shows as a message in the view instead
 * of a downloaded error page.
 */
export async function downloadExport(target: ExportTarget): Promise<string> {
  const prepared = PreparedDownload.parse(await postJson('/api/download', target));
  const link = document.createElement('a');
  link.href = prepared.url;
  link.download = prepared.name;
  link.click();
  return `Downloaded ${prepared.name}.`;
}
