// The pages' safe forms of the operations that reach files and hosts (see `reaches` in
// src-shared/api.ts): imports by the grants the main side issued, CloudWatch at the endpoint the
// main side's settings chose. They call the main-side operations with what the page may not name.
import type { VigilService } from '../../../src-shared/api.js';
import type { FileGrants } from '../file-grants.js';

type MainSide = Pick<VigilService, 'startImport' | 'listLogGroups' | 'startPull'>;
export const PAGE_OPERATIONS = [
  'importFiles',
  'listCloudWatchGroups',
  'startCloudWatchPull',
  'cloudWatchEndpoint',
] as const;
export type PageOperation = (typeof PAGE_OPERATIONS)[number];
type PageSide = Pick<VigilService, PageOperation>;

export interface PageOptions {
  grants: FileGrants;
  /** A custom CloudWatch endpoint set outside the page (serve flag, desktop settings); else AWS's. */
  cloudWatchEndpoint?: string;
}

export function pageService(main: MainSide, options: PageOptions): PageSide {
  const endpoint = options.cloudWatchEndpoint;
  return {
    async importFiles({ grants, format, preset, logFormat, labels }) {
      // The labels file is granted like the log and spent with it (all or nothing).
      const ids = labels === undefined ? grants : [...grants, labels];
      const files = options.grants.redeem(ids);
      const paths = files.slice(0, grants.length);
      const labelsFile = labels === undefined ? undefined : files[grants.length];
      try {
        return await main.startImport({ paths, format, preset, logFormat, labels: labelsFile });
      } catch (error) {
        // An unknown preset, say: the analyst fixes it and imports the same files.
        options.grants.giveBack(ids, files);
        throw error;
      }
    },
    async listCloudWatchGroups(args) {
      return main.listLogGroups({ ...args, endpoint });
    },
    async startCloudWatchPull(args) {
      return main.startPull({ ...args, endpoint });
    },
    async cloudWatchEndpoint() {
      return { endpoint: endpoint ?? null };
    },
  };
}
