// The Overview's operation (every chart for a filter, in one answer) and the filter bar's value
// suggestions.
import type { VigilService } from '../../../src-shared/api.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import { overview } from '../analytics/overview.js';
import { webRequestsOverview } from '../analytics/web-requests.js';
import { suggestValues } from '../db/analytics-suggest.js';
import { resolveFreeText } from '../db/free-text.js';
import type { Db } from '../db/open.js';

export interface AnalyticsContext {
  db: Db;
}

type AnalyticsOps = 'analyticsOverview' | 'filterSuggestions' | 'webRequests' | 'readFilterWords';

export function analyticsService({ db }: AnalyticsContext): Pick<VigilService, AnalyticsOps> {
  return {
    analyticsOverview: async ({ filter }) => overview(db, filter),
    filterSuggestions: async ({ field, prefix, limit }) => suggestValues(db, field, prefix, limit),
    // Each word as the views will run it: the resolution every call's filter goes through.
    readFilterWords: async ({ words }) =>
      words.map((word) => {
        const clause: FilterClause = {
          field: 'text',
          negate: false,
          values: [{ kind: 'text', value: word }],
        };
        const [readAs = clause] = resolveFreeText(db, { clauses: [clause] }).clauses ?? [];
        return { word, readAs };
      }),
    webRequests: async ({ filter }) => webRequestsOverview(db, filter),
  };
}
