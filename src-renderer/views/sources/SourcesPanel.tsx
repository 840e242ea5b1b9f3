import '../../styles/sources.css';
// The Import view's remote sources: each registered source with where its password is read from,
// Test (connects, checks table and mapping, counts rows; Cancel stops it on the engine), Hunt (choose
// it in the top bar and open its Overview) and Remove (pulled sessions stay). Adding is the form
// below, which writes the CLI line.
import { useRef, useState } from 'react';
import type { SourceCheck, SourceInfo } from '../../../src-shared/sources.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { chooseSource, forgetSource } from '../../state/source.js';
import { SourceAddForm } from './SourceAddForm.js';
import { useForgetSources, useSources } from './useSources.js';

type TestState =
  | { running: true; ticket: string; stopping?: boolean }
  | { running: false; check?: SourceCheck; error?: string; cancelled?: boolean };

function passwordFrom(source: SourceInfo): string {
  if (source.profileFile) return `profile ${source.profileFile}`;
  return `$${source.passwordEnv ?? 'VIGIL_CLICKHOUSE_PASSWORD'}`;
}

function testLine(state: TestState | undefined): string {
  if (!state) return '';
  if (state.running) return state.stopping ? 'Stopping the test…' : 'Testing…';
  if (state.cancelled) return 'Test cancelled.';
  if (state.error) return state.error;
  const check = state.check;
  return check
    ? `OK: ClickHouse ${check.version}, ${formatCount(check.rows)} rows (${check.milliseconds} ms)`
    : '';
}

export function SourcesPanel() {
  const sources = useSources();
  const forget = useForgetSources();
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const cancelledTests = useRef(new Set<string>());
  const [error, setError] = useState<string | null>(null);

  const test = async (name: string) => {
    // A ticket, so that Cancel can stop the check's query (a host that never answers waits minutes).
    const ticket = crypto.randomUUID();
    setTests((current) => ({ ...current, [name]: { running: true, ticket } }));
    try {
      const check = await api.testSource({ name, ticket });
      setTests((current) => ({ ...current, [name]: { running: false, check } }));
    } catch (e) {
      // Cancelled here, the check fails as cancelled: that is no failure of the source.
      const cancelled = cancelledTests.current.delete(ticket);
      setTests((current) => ({
        ...current,
        [name]: cancelled ? { running: false, cancelled } : { running: false, error: (e as Error).message },
      }));
    }
  };
  // Hunting starts on the Overview the source's engine computes: the Import view shows no source.
  const hunt = (name: string) => {
    chooseSource(name);
    window.location.hash = '#/overview';
  };
  const cancelTest = (name: string) => {
    const state = tests[name];
    if (!state?.running || state.stopping) return;
    cancelledTests.current.add(state.ticket);
    setTests((current) => ({ ...current, [name]: { ...state, stopping: true } }));
    void api.cancelSourceQuery({ ticket: state.ticket }).catch(() => undefined);
  };
  const remove = async (name: string) => {
    if (!window.confirm(`Forget source "${name}"? Sessions pulled from it stay in the workspace.`)) return;
    setError(null);
    try {
      await api.removeSource({ name });
      forgetSource(name);
      forget();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const list = sources.data ?? [];
  return (
    <section className="panel" aria-labelledby="sources-title" data-testid="sources-panel">
      <h2 id="sources-title">Remote sources (ClickHouse)</h2>
      <p className="muted">
        Hunt in a table where the logs live: choose a source in the top bar and the Overview, Sessions and
        Graph are computed by its engine; pull the slice you need into the workspace.
      </p>
      <ErrorNote message={error ?? sources.error?.message ?? null} />
      {list.length === 0 ? (
        <p className="muted" data-testid="no-sources">
          No source yet.
        </p>
      ) : (
        <table className="sources-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Table</th>
              <th>Mapping</th>
              <th>Password from</th>
              <th>Last pulled (UTC)</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((source) => {
              const testing = tests[source.name];
              return (
                <tr key={source.name} data-testid={`source-${source.name}`}>
                  <td>{source.name}</td>
                  <td>
                    {source.url} · {source.database}.{source.table}
                  </td>
                  <td>{source.preset ?? 'custom'}</td>
                  <td>{passwordFrom(source)}</td>
                  <td>{source.lastPulledTs === null ? '–' : formatTimestamp(source.lastPulledTs)}</td>
                  <td>
                    <span className="source-actions">
                      <button
                        type="button"
                        className="small"
                        onClick={() => hunt(source.name)}
                        data-testid="source-hunt"
                      >
                        Hunt
                      </button>
                      {testing?.running ? (
                        <button
                          type="button"
                          className="small"
                          onClick={() => cancelTest(source.name)}
                          // Not disabled: a disabled button drops the focus, which Test then lacks.
                          aria-disabled={testing.stopping === true}
                          data-testid="source-test-cancel"
                        >
                          Cancel
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="small"
                          onClick={() => void test(source.name)}
                          data-testid="source-test"
                        >
                          Test
                        </button>
                      )}
                      <button type="button" className="small" onClick={() => void remove(source.name)}>
                        Remove
                      </button>
                    </span>
                  </td>
                  <td className="muted" data-testid="source-test-result">
                    {testLine(testing)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <SourceAddForm existing={list.map((source) => source.name)} />
    </section>
  );
}
