// The remote graph's edges as a list, heaviest first, folded under the drawing: the exact figures
// the drawing shows as widths, each address a way to select its node.
import type { IpGraph } from '../../../src-shared/graph.js';
import { countOf, formatCount } from '../../format.js';
import { nodeLabel } from '../graph/graph-model.js';

interface RemoteEdgeTableProps {
  graph: IpGraph;
  format: (value: number) => string;
  measure: string;
  /** An address clicked in the list is selected in the drawing, as a click on its node would. */
  onSelect: (name: string) => void;
}

export function RemoteEdgeTable({ graph, format, measure, onSelect }: RemoteEdgeTableProps) {
  // A node by its name (what selects it) and its label (a host as "NAME (host)", as drawn).
  const node = (index: number | undefined) => {
    const name = graph.nodes.ip[index ?? -1] ?? '';
    return { name, label: nodeLabel(name, graph.nodes.kind?.[index ?? -1] ?? 'ip') };
  };
  const edges = graph.edges.source.map((from, i) => ({
    from: node(from),
    to: node(graph.edges.target[i]),
    weight: graph.edges.weight[i] ?? 0,
  }));
  edges.sort((a, b) => b.weight - a.weight);
  // Hosts are no addresses: counted apart, as the Graph's heading counts them.
  const hosts = graph.nodes.kind?.filter((kind) => kind === 'host').length ?? 0;
  const ips = graph.nodes.ip.length - hosts;
  return (
    <details className="panel remote-edge-list">
      <summary data-testid="remote-edge-count">
        {`${formatCount(edges.length)} of ${formatCount(graph.matchedEdges)} pairs, ${countOf(ips, 'IP')}` +
          (hosts > 0 ? ` · ${countOf(hosts, 'host')}` : '')}
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
              <tr key={`${edge.from.name}>${edge.to.name}`}>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(edge.from.name)}>
                    {edge.from.label}
                  </button>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(edge.to.name)}>
                    {edge.to.label}
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
