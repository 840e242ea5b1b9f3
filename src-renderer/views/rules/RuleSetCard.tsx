// One rule set: where it comes from, its rules with their level, ATT&CK techniques and hits, the
// rules it refused, and "Remove" (turns the set off and removes its hits; the CLI's `rules add`
// of its folder, or adding a set of its name again from this view, turns it on again), asked twice because the hits go with it. A rule's hit count opens its sessions (rule-pivot.ts).
import { useState } from 'react';
import type { RuleSetInfo } from '../../../src-shared/rules.js';
import { formatCount } from '../../format.js';
import { openSessionsWith } from '../graph/open-in-sessions.js';
import { LevelChip } from '../sessions/RuleHits.js';
import { RuleRefusals } from './RuleRefusals.js';
import { rulePivot } from './rule-pivot.js';

const KIND_LABEL: Record<RuleSetInfo['kind'], string> = {
  pack: 'shipped rule pack',
  folder: 'folder',
  engine: "log's own detections",
};

export function RuleSetCard({
  set,
  allSets,
  onRemove,
  removing,
}: {
  set: RuleSetInfo;
  /** Every set listed: a rule's pivot must not take in another set's rule of the same title or id. */
  allSets: readonly RuleSetInfo[];
  onRemove: (set: RuleSetInfo) => void;
  removing: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const rules = [...set.rules].sort((a, b) => b.hits - a.hits || a.title.localeCompare(b.title));
  return (
    <section className="panel rule-set" data-testid={`rule-set-${set.id}`} data-source={set.source}>
      <header className="rule-set-head">
        <h2 title={set.source}>{set.source}</h2>
        <span className="muted">{KIND_LABEL[set.kind]}</span>
        {!set.enabled && <span className="rule-set-off">off</span>}
        {set.stale && set.enabled && <span className="rule-set-stale">changed: run the rules</span>}
        <span className="rule-set-counts" data-testid="rule-set-counts">
          {formatCount(set.rules.length)} {set.rules.length === 1 ? 'rule' : 'rules'}, {formatCount(set.hits)}{' '}
          {set.hits === 1 ? 'hit' : 'hits'}
        </span>
        {set.enabled && !confirming && (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            disabled={removing}
            data-testid="rule-set-remove"
            title="Turn this set off and remove its hits"
          >
            Remove
          </button>
        )}
        {set.enabled && confirming && (
          <span className="rule-set-confirm" data-testid="rule-set-confirm">
            Turn it off and delete its {formatCount(set.hits)} {set.hits === 1 ? 'hit' : 'hits'}? A session
            flagged only by them is no longer flagged; {comesBack(set)}.{' '}
            <button
              type="button"
              className="danger"
              disabled={removing}
              onClick={() => {
                setConfirming(false);
                onRemove(set);
              }}
              data-testid="rule-set-remove-yes"
            >
              Remove
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        )}
      </header>
      {!set.enabled && (
        <p className="muted" data-testid="rule-set-off-hint">
          Off: no hits, and imports do not run it.{' '}
          {set.kind === 'engine' ? (
            <>
              <code>node bin/vigil.js rules add {set.source}</code> turns it on for the imports to come.
            </>
          ) : (
            <>
              <code>node bin/vigil.js rules add {set.source}</code>, then a run, turns it on again.
            </>
          )}
        </p>
      )}
      {rules.length > 0 ? (
        <table className="rule-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Level</th>
              <th title="MITRE ATT&CK techniques, from the rule's attack.t… tags">Technique</th>
              <th className="num">Hits</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.ruleId} data-testid="rule-row">
                <td
                  title={
                    rule.derivedId
                      ? `${rule.ruleId} (the rule has no id: derived from its file and title)`
                      : rule.ruleId
                  }
                >
                  {rule.title}
                </td>
                <td>
                  <LevelChip level={rule.level} />
                </td>
                <td className="rule-techniques" data-testid="rule-techniques">
                  {rule.techniques.join(', ') || '–'}
                </td>
                <td className="num">{rule.hits > 0 ? <HitsLink rule={rule} allSets={allSets} /> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No rule loaded.</p>
      )}
      <RuleRefusals refused={set.refused} />
    </section>
  );
}

/**
 * How a removed set's hits come back: a pack's or folder's by turning it on and running it; an
 * engine's (Suricata alerts, read at import) only by importing its logs again.
 */
function comesBack(set: RuleSetInfo) {
  if (set.kind === 'engine') return 'they come back only by importing its logs again';
  return (
    <>
      <code>node bin/vigil.js rules add {set.source}</code> and a run bring them back
    </>
  );
}

/** A rule's hit count, which opens its sessions in the Sessions view. */
function HitsLink({
  rule,
  allSets,
}: {
  rule: RuleSetInfo['rules'][number];
  allSets: readonly RuleSetInfo[];
}) {
  const pivot = rulePivot(allSets, rule);
  return (
    <button
      type="button"
      className="link"
      title={
        pivot.exact
          ? `Open the sessions “${rule.title}” matched`
          : `Open the sessions “${rule.title}” matched, with those of the other rules of this title and id`
      }
      onClick={() => openSessionsWith(pivot.clause)}
      data-testid="rule-open-sessions"
    >
      {formatCount(rule.hits)}
    </button>
  );
}
