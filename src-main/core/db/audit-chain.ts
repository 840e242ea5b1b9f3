// The audit chain: each audit action has one link holding a SHA-256 over the previous link's hash,
// the action's row and its audit_log rows in id order. Triggers (migration 014) keep rows from
// being changed, replaced or added to a sealed action; the chain makes a change that gets past
// them (a tool that drops the triggers and edits the file) detectable by recomputing it.

import { createHash } from 'node:crypto';
import { must } from '../../../src-shared/must.js';
import type { ChainVerification } from '../../../src-shared/triage.js';
import type { Db } from './open.js';

/** The "previous hash" of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

export type { ChainVerification };
export type ChainHead = NonNullable<ChainVerification['head']>;
/** The first action whose link does not hold (or the action a stray link or change names). */
type ChainBreak = NonNullable<ChainVerification['firstBreak']>;

// Each row is hashed as its JSON array, one row per line: JSON is unambiguous (no value can
// imitate a separator) and any tool can recompute it. SQLite builds the text (json_array), one
// string per page of rows: 0.45 s per 400 000 changes, against 0.6 s reading each value into JS.
// A BLOB, which Vigil never writes, makes json_array fail: verification reports that as a break.
const rowJson = (columns: string[], alias = '') =>
  `json_array(${columns.map((column) => `${alias}${column}`).join(', ')})`;
const ACTION_COLUMNS = ['id', 'at', 'analyst', 'kind', 'summary', 'undoes'];
const CHANGE_JSON = rowJson(['id', 'entity', 'entity_id', 'field', 'before', 'after']);

/** Changes read per query: the text of a page stays a few MB at most. */
const PAGE = 8192;

interface Statements {
  action: { get(id: number): string | undefined };
  changes: { get(actionId: number, afterId: number): { text: string | null; last: number | null } };
}

function statements(db: Db): Statements {
  const action = db.prepare(`SELECT ${rowJson(ACTION_COLUMNS)} FROM audit_actions WHERE id = ?`).pluck();
  const changes = db.prepare(
    `SELECT group_concat(line, char(10) ORDER BY id) AS text, max(id) AS last FROM (
       SELECT id, ${CHANGE_JSON} AS line FROM audit_log WHERE action_id = ? AND id > ? ORDER BY id LIMIT ${PAGE})`,
  );
  return {
    action: { get: (id) => action.get(id) as string | undefined },
    changes: {
      get: (actionId, afterId) =>
        changes.get(actionId, afterId) as { text: string | null; last: number | null },
    },
  };
}

/** The hash a link of this action must hold after `previous`, from what is stored now. */
function linkHash(s: Statements, previous: string, actionId: number, actionText: string): string {
  const hash = createHash('sha256').update(`${previous}\n${actionText}\n`);
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const page = s.changes.get(actionId, after);
    if (page.text === null || page.last === null) break;
    hash.update(`${page.text}\n`);
    after = page.last;
  }
  return hash.digest('hex');
}

export function chainHead(db: Db): ChainHead | null {
  const row = db
    .prepare('SELECT action_id AS actionId, hash FROM audit_chain ORDER BY action_id DESC LIMIT 1')
    .get() as ChainHead | undefined;
  return row ?? null;
}

/**
 * Links an action, with all its changes written, to the chain: the last step of every audited
 * write, in its transaction (the triggers then refuse further changes to that action).
 */
export function sealAction(db: Db, actionId: number): ChainHead {
  const s = statements(db);
  const actionText = s.action.get(actionId);
  if (actionText === undefined) throw new Error(`No audit action ${actionId} to seal.`);
  const previous = chainHead(db)?.hash ?? GENESIS_HASH;
  const hash = linkHash(s, previous, actionId, actionText);
  db.prepare('INSERT INTO audit_chain (action_id, prev_hash, hash) VALUES (?, ?, ?)').run(
    actionId,
    previous,
    hash,
  );
  return { actionId, hash };
}

/** Links every action that has no link yet, in id order (migration 014 chains existing logs). */
export function sealUnlinkedActions(db: Db): number {
  const ids = db
    .prepare(
      `SELECT id FROM audit_actions a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.action_id = a.id)
       ORDER BY id`,
    )
    .pluck()
    .all() as number[];
  for (const id of ids) sealAction(db, id);
  return ids.length;
}

/** The first stray link or change: one that names an action that is not in the log. */
function firstStray(db: Db): ChainBreak | null {
  const missing = (table: string) =>
    db
      .prepare(`SELECT min(action_id) FROM ${table} WHERE action_id NOT IN (SELECT id FROM audit_actions)`)
      .pluck()
      .get() as number | null;
  const link = missing('audit_chain');
  const change = missing('audit_log');
  if (link !== null && (change === null || link <= change))
    return { actionId: link, reason: `the chain links action ${link}, which is no longer in the log` };
  if (change !== null)
    return {
      actionId: change,
      reason: `audit_log holds changes of action ${change}, which is not in the log`,
    };
  return null;
}

type ActionLink = [id: number, prevHash: string | null, hash: string | null];

/** Why the link of action `id`, which follows `previous`, does not hold; null when it does. */
function linkFault(s: Statements, previous: string, [id, prevHash, hash]: ActionLink): string | null {
  if (prevHash === null || hash === null)
    return `action ${id} has no link in the chain (it was added outside Vigil)`;
  if (prevHash !== previous)
    return `the link of action ${id} does not follow the one before it (a link or an action before it was removed, replaced or inserted)`;
  let recomputed: string;
  try {
    recomputed = linkHash(s, previous, id, must(s.action.get(id), `the text of action ${id}`));
  } catch (error) {
    return `action ${id} or its changes cannot be read as written (${(error as Error).message})`;
  }
  if (recomputed !== hash)
    return `action ${id} or its changes no longer match the hash its link holds (changed after it was recorded)`;
  return null;
}

function walk(db: Db, expectHash: string | undefined): ChainVerification {
  const s = statements(db);
  const stray = firstStray(db);
  const actions = db
    .prepare(
      `SELECT a.id, c.prev_hash, c.hash FROM audit_actions a
       LEFT JOIN audit_chain c ON c.action_id = a.id ORDER BY a.id`,
    )
    .raw()
    .iterate() as IterableIterator<ActionLink>;
  let previous = GENESIS_HASH;
  let verified = 0;
  let head: ChainHead | null = null;
  let expectedAt: number | null = null;
  let broken: ChainBreak | null = null;
  for (const link of actions) {
    const [id, , hash] = link;
    if (stray && stray.actionId < id) break;
    const fault = linkFault(s, previous, link);
    if (fault) {
      broken = { actionId: id, reason: fault };
      break;
    }
    // A link without a hash is a fault, so this one has its hash.
    previous = must(hash, `the hash of the link of action ${id}`);
    head = { actionId: id, hash: previous };
    if (hash === expectHash) expectedAt = id;
    verified++;
  }
  const firstBreak = stray && (!broken || stray.actionId < broken.actionId) ? stray : broken;
  return {
    ok: firstBreak === null && (expectHash === undefined || expectedAt !== null),
    verified,
    head,
    firstBreak,
    ...(expectHash === undefined ? {} : { expected: { hash: expectHash, actionId: expectedAt } }),
  };
}

/**
 * Recomputes the whole chain from what is stored and says where it first fails. With
 * `expectHash` (a head printed earlier, e.g. by a report) it also fails unless a verified link
 * still holds that hash: the only way to notice that the newest actions were cut off, or the
 * whole chain recomputed, by someone able to bypass the triggers.
 */
export function verifyAuditChain(db: Db, options: { expectHash?: string } = {}): ChainVerification {
  const run = () => walk(db, options.expectHash?.toLowerCase());
  // One read snapshot (deferred: it takes no write lock): actions committed meanwhile by another
  // connection are not half seen.
  return db.inTransaction ? run() : db.transaction(run).deferred();
}
