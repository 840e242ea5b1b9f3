// `rules run`: the enabled rule sets over every stored session (of finished imports), replacing
// their hits. Sessions are read page by page and evaluated in memory; the old hits are replaced in
// one transaction at the end, so a cancelled or failed run leaves the hits as they were.
import type { Db } from '../db/open.js';
import { deleteHitsOfSets, type HitRow, prepareHitInsert } from '../db/rule-hits.js';
import { finishedSessionCount, sessionColumnPages } from '../db/rule-session-columns.js';
import { markApplied, ruleSets } from '../db/rule-sets.js';
import { evaluateColumns, ruleFieldsUsed } from '../rules/index.js';
import { activeRules } from './active-rules.js';
import { syncRulePack } from './rule-set-load.js';

export interface RulesRunProgress {
  sessions: number;
  total: number;
  hits: number;
}

export interface RulesRunOutcome extends RulesRunProgress {
  rules: number;
  cancelled: boolean;
}

const PAGE_ROWS = 20_000;

/** Hits found so far, in parallel growable columns (a million hits stay a few tens of MB). */
class HitBuffer {
  length = 0;
  sessionId = new Float64Array(1024);
  rule = new Int32Array(1024);
  level = new Int8Array(1024);
  startTs = new Float64Array(1024);
  field: (string | null)[] = [];
  value: (string | null)[] = [];

  push(
    sessionId: number,
    rule: number,
    level: number,
    startTs: number,
    field: string | null,
    value: string | null,
  ) {
    if (this.length === this.sessionId.length) this.grow();
    const i = this.length++;
    this.sessionId[i] = sessionId;
    this.rule[i] = rule;
    this.level[i] = level;
    this.startTs[i] = startTs;
    this.field.push(field);
    this.value.push(value);
  }

  private grow(): void {
    const size = this.sessionId.length * 2;
    const copy = <T extends Float64Array | Int32Array | Int8Array>(from: T, to: T) => {
      to.set(from);
      return to;
    };
    this.sessionId = copy(this.sessionId, new Float64Array(size));
    this.rule = copy(this.rule, new Int32Array(size));
    this.level = copy(this.level, new Int8Array(size));
    this.startTs = copy(this.startTs, new Float64Array(size));
  }
}

export async function runRulesOverDatabase(
  db: Db,
  hooks: {
    signal?: AbortSignal;
    onProgress?: (progress: RulesRunProgress) => void;
    progressIntervalMs?: number;
  },
): Promise<RulesRunOutcome> {
  syncRulePack(db);
  // The enabled sets as this run sees them: with no rule among them (the pack off, a folder whose
  // every rule was refused) there is nothing to compile, yet they are run all the same (no hits),
  // and must not say "changed" afterwards.
  const enabled = ruleSets(db)
    .filter((set) => set.enabled && set.kind !== 'engine')
    .map((set) => ({ id: set.id, contentHash: set.contentHash }));
  const active = activeRules(db);
  const total = finishedSessionCount(db);
  const hits = new HitBuffer();
  let sessions = 0;
  let lastReport = 0;
  const interval = hooks.progressIntervalMs ?? 500;
  if (active) {
    const { compiled, rowOf, levelOf } = active;
    for (const page of sessionColumnPages(db, ruleFieldsUsed(compiled), PAGE_ROWS)) {
      for (const found of evaluateColumns(compiled, page.batch)) {
        const index = Number(found.ruleId);
        const row = found.sessionIndex;
        hits.push(
          page.ids[row] as number,
          rowOf[index] as number,
          levelOf[index] as number,
          page.startTs[row] as number,
          found.field,
          found.value,
        );
      }
      sessions += page.batch.rows;
      if (Date.now() - lastReport >= interval) {
        lastReport = Date.now();
        hooks.onProgress?.({ sessions, total, hits: hits.length });
        // Lets a cancel message in between pages.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (hooks.signal?.aborted) return { sessions, total, hits: hits.length, rules: 0, cancelled: true };
    }
  }
  // With no rule to run, every session was run over (none can hit).
  if (!active) sessions = total;
  const rules = active?.compiled.rules.length ?? 0;
  db.transaction(() => {
    // Every set that is not an engine's: the enabled ones get their hits anew, and a disabled one
    // has none left (disableRuleSet) or, from an older run, loses them here.
    const sets = ruleSets(db).filter((set) => set.kind !== 'engine');
    deleteHitsOfSets(
      db,
      sets.map((set) => set.id),
    );
    const insert = prepareHitInsert(db);
    const hit: HitRow = { sessionId: 0, rule: 0, level: 0, startTs: 0, field: null, value: null };
    for (let i = 0; i < hits.length; i++) {
      hit.sessionId = hits.sessionId[i] as number;
      hit.rule = hits.rule[i] as number;
      hit.level = hits.level[i] as number;
      hit.startTs = hits.startTs[i] as number;
      hit.field = hits.field[i] ?? null;
      hit.value = hits.value[i] ?? null;
      insert(hit);
    }
    for (const set of active?.sets ?? enabled) markApplied(db, set.id, set.contentHash);
  }).immediate();
  hooks.onProgress?.({ sessions, total, hits: hits.length });
  return { sessions, total, hits: hits.length, rules, cancelled: false };
}
