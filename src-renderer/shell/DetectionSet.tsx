// The top bar's "Flagged by": the detection set that decides what is flagged in every view — the
// active run of each model kind (or the kind off) and the level from which rule hits flag (or off).
// Picking a run makes it its kind's active run (the same call as Models' Set active).
//
// One control that names the set ("rf #1 + iforest #3 + rules ≥ high", as every count names it)
// and opens the menus: one menu per kind beside the others wrapped the top bar onto a second line
// once runs of three kinds existed, even 1600 px wide. Escape or a click elsewhere closes it.
import { useEffect, useRef, useState } from 'react';
import { type ChangeDetectionSetArgs, scoreCommand } from '../../src-shared/detection-set.js';
import { kindRecord, type ModelKind, type ModelRun } from '../../src-shared/models.js';
import { RULE_LEVELS, type RuleLevel } from '../../src-shared/rules.js';
import { api } from '../api/index.js';
import { useApplyChange } from '../data/DataProvider.js';
import { floodWarning, unscoredWarning } from '../data/detection-set.js';
import { useDetectionSet } from '../data/useDetectionSet.js';
import { useVigilQuery } from '../data/vigil-query.js';
import { activationArgs } from '../views/models/activation-args.js';

const OFF = 'off';

/** Why the active run among `runs` (one kind's) flags nothing or floods the set, or null. */
function activeWarning(runs: ModelRun[]): string | null {
  const active = runs.find((run) => run.active);
  return active ? (unscoredWarning(active) ?? floodWarning(active)) : null;
}

export function DetectionSet() {
  const runs = useVigilQuery('listRuns', {});
  const { set, name } = useDetectionSet();
  const applyChange = useApplyChange();
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDetailsElement>(null);
  const done = (runs.data ?? []).filter((run) => run.status === 'done');
  // In the order the name lists them (the set's runs), then the kinds switched off.
  const named = set?.runs.map((run) => run.kind) ?? [];
  const rank = (kind: ModelKind) => (named.includes(kind) ? named.indexOf(kind) : named.length);
  const kinds = [...new Set(done.map((run) => run.kind))].sort((a, b) => rank(a) - rank(b));
  const warnings = kinds.flatMap((kind) => activeWarning(done.filter((run) => run.kind === kind)) ?? []);
  // The menus float over the view: a click elsewhere closes them, as it does a native menu.
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  // The core sends no event for these: what they change is put out of date here.
  const changed = () => applyChange('active-model');
  const failed = (e: Error) => setError(e.message);
  const activate = (runId: number) => {
    setError(null);
    // Asked first, as in Models, when the run names kinds it was never tested on.
    const args = activationArgs(
      runId,
      runs.data?.find((run) => run.id === runId),
    );
    if (args) api.setActiveModel(args).then(changed, failed);
  };
  const change = (args: ChangeDetectionSetArgs) => {
    setError(null);
    api.changeDetectionSet(args).then(changed, failed);
  };
  return (
    <div className="detection-set" data-testid="detection-set">
      <details
        ref={box}
        className="detection-choice"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !open) return;
          setOpen(false);
          box.current?.querySelector('summary')?.focus();
          event.stopPropagation();
        }}
      >
        <summary
          data-testid="detection-summary"
          title={name ? `Flagged in every view: ${name}` : 'What counts as flagged in every view'}
        >
          <span className="muted">Flagged by</span>
          <span className="detection-name">{name ?? '…'}</span>
          {warnings.length > 0 && (
            <span
              className="flood-mark"
              role="img"
              data-testid="detection-summary-warning"
              title={warnings.join('\n')}
              aria-label={warnings.join(' ')}
            >
              ⚠
            </span>
          )}
          <span className="detection-caret" aria-hidden="true">
            ▾
          </span>
        </summary>
        <div className="detection-menus">
          {kinds.map((kind) => (
            <KindChoice
              key={kind}
              runs={done.filter((run) => run.kind === kind)}
              onPick={activate}
              onOff={() => change({ kindOff: kind })}
            />
          ))}
          {set && (
            <label className="detection-kind">
              <span className="muted">Rule hits</span>
              <select
                aria-label="Rule hits that flag"
                data-testid="detection-rules"
                value={set.ruleLevel ?? OFF}
                onChange={(event) =>
                  change({
                    ruleLevel: event.target.value === OFF ? OFF : (event.target.value as RuleLevel),
                  })
                }
              >
                {RULE_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    rules ≥ {level}
                  </option>
                ))}
                <option value={OFF}>rules: off</option>
              </select>
            </label>
          )}
        </div>
      </details>
      {error && (
        <span className="error-note" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function KindChoice({
  runs,
  onPick,
  onOff,
}: {
  runs: ModelRun[];
  onPick(runId: number): void;
  onOff(): void;
}) {
  const kind = runs[0]?.kind;
  const active = runs.find((run) => run.active);
  const warning = activeWarning(runs);
  return (
    <label className="detection-kind">
      <span className="muted">{kind ? kindRecord(kind).label : ''}</span>
      <select
        aria-label={`Active ${kind} run`}
        data-testid={`detection-${kind}`}
        value={active?.id ?? OFF}
        onChange={(event) => (event.target.value === OFF ? onOff() : onPick(Number(event.target.value)))}
      >
        {runs.map((run) =>
          run.scoredSessions === 0 ? (
            // A run that never scored would flag nothing: not offered (the active one stays shown).
            <option
              key={run.id}
              value={run.id}
              disabled={!run.active}
              title={`Not scored yet: score it in Models (${scoreCommand(run)}), then pick it.`}
            >
              {run.kind} #{run.id} · not scored yet
            </option>
          ) : (
            <option key={run.id} value={run.id}>
              {run.kind} #{run.id} · {run.flaggedSessions.toLocaleString('en-US')} flagged
            </option>
          ),
        )}
        <option value={OFF}>{kind}: off</option>
      </select>
      {warning && (
        <span
          className="flood-mark"
          role="img"
          data-testid="detection-warning"
          title={warning}
          aria-label={warning}
        >
          ⚠
        </span>
      )}
    </label>
  );
}
