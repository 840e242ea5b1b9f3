// The remote graph's edges as a list, heaviest first, folded under the drawing: the exact figures
// the drawing shows as widths, each address a way to select its node.
import type { IpGraph } from '../../../src-shared/graph.js';
import { formatCount } from '../../format.js';

interface RemoteEdgeTableProps {
  graph: IpGraph;
  format: (value: number) => string;
  measure: string;
  /** An address clicked in the list is selected in the drawing, as a click on its node would. */
  onSelect: (name: string) => void;
}

export function RemoteEdgeTable({ graph, format, measure, onSelect }: RemoteEdgeTableProps) {
  const edges = graph.edges.source.map((from, i) => ({
    from: graph.nodes.ip[from] ?? '',
    to: graph.nodes.ip[graph.edges.target[i] ?? -1] ?? '',
    weight: graph.edges.weight[i] ?? 0,
  }));
  edges.sort((a, b) => b.weight - a.weight);
  return (
    <details className="panel remote-edge-list">
      <summary data-testid="remote-edge-count">
        {`${formatCount(edges.length)} of ${formatCount(graph.matchedEdges)} pairs, ${formatCount(graph.nodes.ip.length)} addresses`}
      </summary>
      <div className="table-wrap">
        <table data-testid="remote-edges">
          <thead>
            <tr>
              <th>Source</th>
              <th>Destination</th>
              <th>{measure}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((edge) => (
              <tr key={`${edge.from}>${edge.to}`}>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(edge.from)}>
                    {edge.from}
                  </button>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(edge.to)}>
                    {edge.to}
                  </button>
                </td>
                <td>{format(edge.weight)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
