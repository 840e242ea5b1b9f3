// Export operations: case reports and session files, written where the caller chose.
import type { VigilService } from '../../../src-shared/api.js';
import type { Db } from '../db/open.js';
import { exportToFile } from '../reports/export-file.js';
import type { PrintToPdf } from '../reports/pdf.js';

export interface ReportsContext {
  db: Db;
  /** The Electron app prints with webContents.printToPDF; elsewhere headless Chromium. */
  printToPdf?: PrintToPdf;
}

export function reportsService({ db, printToPdf }: ReportsContext): Pick<VigilService, 'exportReport'> {
  return {
    async exportReport(args) {
      return exportToFile(db, args, { printToPdf });
    },
  };
}
