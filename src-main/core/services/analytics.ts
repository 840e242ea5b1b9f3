// The Overview's operation (every chart for a filter, in one answer) and the filter bar's value
// suggestions.
import type { VigilService } from '../../../src-shared/api.js';
import { overview } from '../analytics/overview.js';
import { webRequestsOverview } from '../analytics/web-requests.js';
import { suggestValues } from '../db/analytics-suggest.js';
import type { Db } from '../db/open.js';

export interface AnalyticsContext {
  db: Db;
}

type AnalyticsOps = 'analyticsOverview' | 'filterSuggestions' | 'webRequests';

export function analyticsService({ db }: AnalyticsContext): Pick<VigilService, AnalyticsOps> {
  return {
    analyticsOverview: async ({ filter }) => overview(db, filter),
    filterSuggestions: async ({ field, prefix, limit }) => suggestValues(db, field, prefix, limit),
    webRequests: async ({ filter }) => webRequestsOverview(db, filter),
  };
}
