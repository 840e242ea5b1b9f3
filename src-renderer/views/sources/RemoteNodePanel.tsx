// A clicked node of a remote source's graph: its sessions live on the engine, so the panel offers
// the two ways to them — narrow the global filter to it (every remote view follows), or pull its
// sessions into the workspace, where the local graph's drill-down works.
import { addFilterTerm } from '../../state/filter.js';
import { nodeLabel } from '../graph/graph-model.js';
import { ipTerm } from '../graph/open-in-sessions.js';

interface RemoteNodePanelProps {
  name: string;
  /** A host node (requests without a server IP) is a site, not an address: no src: term for it. */
  host: boolean;
  onPull: () => void;
  onClose: () => void;
}

export function RemoteNodePanel({ name, host, onPull, onClose }: RemoteNodePanelProps) {
  const narrow = () => addFilterTerm(ipTerm('src', name));
  return (
    <aside
      className="graph-panel remote-node-panel"
      aria-label={`Node ${name}`}
      data-testid="remote-node-panel"
    >
      <header className="graph-panel-head">
        {/* As the Graph labels it: a host that is an address is already "10.0.0.1 (host)". */}
        <h2>{nodeLabel(name, host ? 'host' : 'ip')}</h2>
        <button type="button" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </header>
      <p className="muted">
        Its sessions are on the remote source: pull them to see them, expand the node and score them.
      </p>
      <div className="graph-panel-actions">
        {!host && (
          <button type="button" onClick={narrow} data-testid="remote-node-filter">
            Filter src:{name}
          </button>
        )}
        {!host && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              narrow();
              onPull();
            }}
            data-testid="remote-node-pull"
          >
            Pull this IP's sessions…
          </button>
        )}
      </div>
    </aside>
  );
}
