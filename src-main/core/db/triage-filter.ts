import type { TriageFilter } from '../../../src-shared/triage.js';
import { whereClause } from './sessions.js';

/**
 * SQL conditions for a triage filter, over the unaliased `sessions` table: the global session
 * filter plus verdict, tag and IOC conditions. Returned as a list so callers can add their own.
 */
export function triageConditions(filter: TriageFilter): {
  conditions: string[];
  params: Record<string, unknown>;
} {
  const { verdict, tag, ioc, ...sessionFilter } = filter;
  const base = whereClause(sessionFilter);
  const conditions = base.sql ? [base.sql.replace(/^WHERE /, '')] : [];
  const params: Record<string, unknown> = { ...base.params };
  if (verdict === 'none')
    conditions.push('NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.session_id = sessions.id)');
  else if (verdict !== undefined) {
    conditions.push(
      'EXISTS (SELECT 1 FROM verdicts v WHERE v.session_id = sessions.id AND v.verdict = @verdict)',
    );
    params.verdict = verdict;
  }
  if (tag !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM session_tags st JOIN tags t ON t.id = st.tag_id
               WHERE st.session_id = sessions.id AND t.name = @tag)`,
    );
    params.tag = tag;
  }
  if (ioc !== undefined) {
    // IN over the (few) marked IPs lets SQLite read sessions through its src / dst indexes.
    const marked = 'SELECT m.ip FROM ioc_marks m JOIN ioc_lists l ON l.id = m.list_id WHERE l.kind = @ioc';
    conditions.push(`(sessions.src_ip IN (${marked}) OR sessions.dst_ip IN (${marked}))`);
    params.ioc = ioc;
  }
  return { conditions, params };
}

export const andAll = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : '1');
