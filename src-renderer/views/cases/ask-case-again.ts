// After a refused case change (stale: another tab, the command line or another program changed the
// case where no event told this page), the page's answers about cases are out of date: it asks for
// them again, so it shows what the case holds now instead of what was refused.
import type { QueryClient } from '@tanstack/react-query';

const CASE_ANSWERS = ['getCase', 'listCases', 'caseOverview'] as const;

export function askCaseAgain(client: QueryClient): void {
  for (const name of CASE_ANSWERS) void client.invalidateQueries({ queryKey: [name] });
}
