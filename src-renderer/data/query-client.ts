// The page's store of answers: TanStack Query, keyed by [operation, args] (vigil-query.ts). Views
// ask; `data-changed` events say which answers to ask again (apply-event.ts).
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Vigil works offline: the browser's "offline" must not hold questions to our own core back.
        networkMode: 'always',
        // A refusal (a bad filter, a missing case) says why at once; asking again would not change it.
        retry: false,
        // Answers change when the core says so (events), not when the window regains focus.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
