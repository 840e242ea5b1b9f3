// Rule hits at import: the active rules (compiled once per import) evaluated over each batch the
// writer stores, in the same transaction, one pass per row over all rules; and the detections a
// log makes itself (Suricata alerts) stored as hits of their engine's set.
import type { Db } from '../db/open.js';
import { type HitRow, prepareHitInsert } from '../db/rule-hits.js';
import { levelIndex, prepareEngineRules } from '../db/rule-sets.js';
import { type ActiveRules, activeRules } from '../rule-hits/active-rules.js';
import { syncRulePack } from '../rule-hits/rule-set-load.js';
import { AtomMemo } from '../rules/atom-memo.js';
import type { RuleField } from '../rules/fields.js';
import { evaluateColumns, ruleFieldsUsed } from '../rules/index.js';
import { type EncodedBatch, NUM, NUM_COLS } from './batch-codec.js';
import { batchColumns } from './batch-columns.js';

export class ImportRuleHits {
  private readonly rules: ActiveRules | null;
  private readonly fields: RuleField[];
  private readonly insert: (hit: HitRow) => void;
  private readonly engineRule: ReturnType<typeof prepareEngineRules>;
  /** What each path, user agent … decided, kept for the whole import (by the parser's string ids). */
  private readonly memo = new AtomMemo();
  private readonly hit: HitRow = { sessionId: 0, rule: 0, level: 0, startTs: 0, field: null, value: null };

  constructor(db: Db) {
    syncRulePack(db);
    this.rules = activeRules(db);
    this.fields = this.rules ? ruleFieldsUsed(this.rules.compiled) : [];
    this.insert = prepareHitInsert(db);
    this.engineRule = prepareEngineRules(db);
  }

  /** Stores the hits on the batch's rows that were stored (`ids[row]`, 0 for a duplicate). */
  write(batch: EncodedBatch, ids: Float64Array): void {
    const hit = this.hit;
    const startOf = (row: number) => batch.num[row * NUM_COLS + NUM.startTs] as number;
    if (this.rules) {
      const { compiled, rowOf, levelOf } = this.rules;
      for (const found of evaluateColumns(compiled, batchColumns(batch, this.fields), this.memo)) {
        const row = found.sessionIndex;
        const sessionId = ids[row] as number;
        if (sessionId === 0) continue;
        const index = Number(found.ruleId);
        hit.sessionId = sessionId;
        hit.rule = rowOf[index] as number;
        hit.level = levelOf[index] as number;
        hit.startTs = startOf(row);
        hit.field = found.field;
        hit.value = found.value;
        this.insert(hit);
      }
    }
    for (const { row, hit: source } of batch.sourceHits) {
      const sessionId = ids[row] as number;
      if (sessionId === 0) continue;
      const rule = this.engineRule(source.engine, source.ruleId, source.title, source.level);
      if (rule === null) continue;
      hit.sessionId = sessionId;
      hit.rule = rule;
      hit.level = levelIndex(source.level);
      hit.startTs = startOf(row);
      hit.field = source.matchedField;
      hit.value = source.matchedValue;
      this.insert(hit);
    }
  }
}
