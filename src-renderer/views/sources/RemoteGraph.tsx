import '../../styles/sources.css';
import '../../styles/table.css';
// The IP graph of a remote source: its heaviest address pairs for the filter, summed by the engine
// (sourceGraphEdges: GROUP BY source, destination over the whole table), listed heaviest first.
// Drawing and expanding the graph reads the workspace's sessions: pull the slice for that.
import { useState } from 'react';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { formatBytes, formatCount } from '../../format.js';
import { useSessionFilter } from '../../state/filter.js';
import { PullDialog } from './PullDialog.js';
import { RemoteBanner } from './RemoteBanner.js';
import { useSourceQuery } from './useSourceQuery.js';

const LIMIT = 200;

export function RemoteGraph({ source }: { source: string }) {
  const filter = useSessionFilter();
  const [weight, setWeight] = useState<EdgeWeight>('sessions');
  const [pulling, setPulling] = useState(false);
  const query = useSourceQuery('sourceGraphEdges', { source, filter, weight, limit: LIMIT, minWeight: 0 });
  const graph = query.result.data;
  const format = weight === 'bytes' ? formatBytes : formatCount;
  const edges = graph
    ? graph.edges.source.map((from, i) => ({
        from: graph.nodes.ip[from] ?? '',
        to: graph.nodes.ip[graph.edges.target[i] ?? -1] ?? '',
        weight: graph.edges.weight[i] ?? 0,
      }))
    : [];
  edges.sort((a, b) => b.weight - a.weight);
  return (
    <div className="view" data-testid="view-graph" data-remote={source}>
      <header className="view-head">
        <h1>Graph</h1>
        <p className="muted">
          The heaviest address pairs of {source} for the filter. Pull the slice to draw the graph and expand
          its addresses.
        </p>
      </header>
      <RemoteBanner source={source} query={query} what="the graph's edges" onPull={() => setPulling(true)} />
      <section className="panel">
        <p className="pager">
          <label className="field-row">
            <span className="muted">Weight</span>
            <select value={weight} onChange={(event) => setWeight(event.target.value as EdgeWeight)}>
              <option value="sessions">Sessions</option>
              <option value="bytes">Bytes</option>
            </select>
          </label>
          <span className="muted" data-testid="remote-edge-count">
            {graph
              ? `${formatCount(edges.length)} of ${formatCount(graph.matchedEdges)} pairs, ${formatCount(graph.nodes.ip.length)} addresses`
              : ''}
          </span>
        </p>
        <div className="table-wrap tall">
          <table data-testid="remote-edges">
            <thead>
              <tr>
                <th>Source IP</th>
                <th>Destination IP</th>
                <th>{weight === 'bytes' ? 'Bytes' : 'Sessions'}</th>
              </tr>
            </thead>
            <tbody>
              {edges.map((edge) => (
                <tr key={`${edge.from}>${edge.to}`}>
                  <td>{edge.from}</td>
                  <td>{edge.to}</td>
                  <td>{format(edge.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {pulling && <PullDialog source={source} onClose={() => setPulling(false)} />}
    </div>
  );
}
