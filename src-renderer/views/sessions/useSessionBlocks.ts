// Server-side paging for the virtual table: rows are fetched in blocks around what is on screen,
// and only once scrolling rests, so dragging the scrollbar across a million rows sends a handful of
// requests rather than thousands. A new filter or sort starts over; late answers are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session, SessionFilter } from '../../../src-shared/domain.js';
import type { RuleHitCounts } from '../../../src-shared/rule-hit-counts.js';
import type { SessionMark, SessionMarks } from '../../../src-shared/session-marks.js';
import { isWebRequest } from '../../../src-shared/web-requests.js';
import { api } from '../../api/index.js';
import type { SortField } from './columns.js';

export const BLOCK = 200;
/** Blocks kept in memory; the ones farthest from the screen go first. */
const KEEP_BLOCKS = 40;
const SETTLE_MS = 60;

export interface SessionQuery {
  filter: SessionFilter;
  sort: SortField;
  direction: 'asc' | 'desc';
}

export interface SessionBlocks {
  /** null until the first answer for this query. */
  total: number | null;
  rowAt: (index: number) => Session | undefined;
  /** A loaded row's rule hits (count and highest level); undefined without a hit or until asked. */
  hitsOf: (sessionId: number) => RuleHitCounts[number] | undefined;
  /** A loaded row's score, flag, verdict, tags and IOC matches; undefined until they arrive. */
  marksOf: (sessionId: number) => SessionMark | undefined;
  /** The run whose scores the marks carry (null: none active; undefined: not asked yet). */
  scoreRun: SessionMarks['scoreRun'] | undefined;
  onRange: (first: number, last: number) => void;
  error: string | null;
}

export function useSessionBlocks(query: SessionQuery, version: number): SessionBlocks {
  const blocks = useRef(new Map<number, Session[]>());
  const hits = useRef(new Map<number, RuleHitCounts[number]>());
  const marks = useRef(new Map<number, SessionMark>());
  const [scoreRun, setScoreRun] = useState<SessionMarks['scoreRun'] | undefined>(undefined);
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const range = useRef<[number, number]>([0, 0]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The total is kept with the query it answers: in the render right after a new sort or filter
  // (before the reset effect runs) the old query's rows must not show under the new header.
  const key = keyOf(query, version);
  const [answered, setAnswered] = useState<{ key: string; total: number } | null>(null);
  const [, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);

  // Only web requests can match the rules' web fields: a page of flows asks nothing more. A hit
  // count that cannot be read leaves its column blank; the rows stand without it.
  const fetchHits = useCallback((rows: Session[], current: () => boolean) => {
    const ids = rows.filter(isWebRequest).map((row) => row.id);
    if (ids.length === 0) return;
    api
      .sessionRuleHitCounts({ sessionIds: ids })
      .then((counts) => {
        if (!current()) return;
        for (const count of counts) hits.current.set(count.sessionId, count);
        setTick((t) => t + 1);
      })
      .catch(() => {});
  }, []);

  // Every row gets its marks (score, flagged, verdict, tags, IOC); a page whose marks cannot be
  // read shows them as pending ("…"), and the rows stand without them.
  const fetchMarks = useCallback((rows: Session[], current: () => boolean) => {
    if (rows.length === 0) return;
    api
      .sessionMarks({ sessionIds: rows.map((row) => row.id) })
      .then((answer) => {
        if (!current()) return;
        for (const mark of answer.rows) marks.current.set(mark.sessionId, mark);
        setScoreRun(answer.scoreRun);
        setTick((t) => t + 1);
      })
      .catch(() => {});
  }, []);

  const fetchBlock = useCallback(
    (block: number) => {
      if (blocks.current.has(block) || pending.current.has(block)) return;
      const mine = generation.current;
      pending.current.add(block);
      api
        .sessionPage({ ...query, offset: block * BLOCK, limit: BLOCK })
        .then((page) => {
          if (mine !== generation.current) return;
          blocks.current.set(block, page.items);
          fetchHits(page.items, () => mine === generation.current);
          fetchMarks(page.items, () => mine === generation.current);
          evictFar(blocks.current, Math.floor(range.current[0] / BLOCK));
          setAnswered({ key: keyOf(query, version), total: page.total });
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((e: Error) => mine === generation.current && setError(e.message))
        .finally(() => mine === generation.current && pending.current.delete(block));
    },
    [query, version, fetchHits, fetchMarks],
  );

  // A new fetchBlock means a new query or new data (version): start over.
  useEffect(() => {
    generation.current++;
    blocks.current = new Map();
    hits.current = new Map();
    marks.current = new Map();
    pending.current = new Set();
    setAnswered(null);
    // The table scrolls back to the top for a new query (VirtualRows resetKey).
    range.current = [0, 0];
    fetchBlock(0);
  }, [fetchBlock]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onRange = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        for (let b = Math.floor(first / BLOCK); b <= Math.floor(last / BLOCK); b++) fetchBlock(b);
      }, SETTLE_MS);
    },
    [fetchBlock],
  );

  const total = answered?.key === key ? answered.total : null;
  const rowAt = (index: number) =>
    total === null ? undefined : blocks.current.get(Math.floor(index / BLOCK))?.[index % BLOCK];
  const hitsOf = (sessionId: number) => hits.current.get(sessionId);
  const marksOf = (sessionId: number) => marks.current.get(sessionId);
  return { total, rowAt, hitsOf, marksOf, scoreRun, onRange, error };
}

const keyOf = (query: SessionQuery, version: number) => `${JSON.stringify(query)}#${version}`;

function evictFar(blocks: Map<number, Session[]>, near: number): void {
  if (blocks.size <= KEEP_BLOCKS) return;
  const far = [...blocks.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
  for (const block of far.slice(0, blocks.size - KEEP_BLOCKS)) blocks.delete(block);
}
