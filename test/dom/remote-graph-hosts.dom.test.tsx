// A remote source's graph names host nodes as the local Graph does: its node panel and its edge
// list say "NAME (host)" once, for a host that is an address too ("10.0.0.1 (host)" read
// "10.0.0.1 (host) (host)"), and its counts take hosts apart from the IPs, as the local heading does.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCount } from '../../src-renderer/format.js';
import { RemoteEdgeTable } from '../../src-renderer/views/sources/RemoteEdgeTable.js';
import { RemoteNodePanel } from '../../src-renderer/views/sources/RemoteNodePanel.js';
import type { IpGraph } from '../../src-shared/graph.js';

afterEach(cleanup);

// Two clients; one asked for shop.example.com, the other for http://10.0.0.1/ (a host that is an address).
const GRAPH: IpGraph = {
  nodes: {
    ip: ['10.0.0.5', 'shop.example.com', '10.0.0.6', '10.0.0.1 (host)'],
    volume: [1, 1, 2, 2],
    originated: [1, 0, 2, 0],
    score: [null, null, null, null],
    verdict: [null, null, null, null],
    kind: ['ip', 'host', 'ip', 'host'],
  },
  edges: { source: [0, 2], target: [1, 3], weight: [1, 2] },
  weight: 'sessions',
  matchedEdges: 2,
  scoreSource: null,
  source: 'sessions',
};

describe("a remote source's graph", () => {
  it('heads a host node that is an address with its name once', () => {
    const noop = () => undefined;
    render(<RemoteNodePanel name="10.0.0.1 (host)" host onPull={noop} onClose={noop} />);
    expect(screen.getByRole('heading').textContent).toBe('10.0.0.1 (host)');
    cleanup();
    render(<RemoteNodePanel name="shop.example.com" host onPull={noop} onClose={noop} />);
    expect(screen.getByRole('heading').textContent).toBe('shop.example.com (host)');
  });

  it('lists hosts as hosts and counts them apart from the IPs', () => {
    render(
      <RemoteEdgeTable graph={GRAPH} format={formatCount} measure="Sessions" onSelect={() => undefined} />,
    );
    expect(screen.getByTestId('remote-edge-count').textContent).toBe('2 of 2 pairs, 2 IPs · 2 hosts');
    const cells = [...document.querySelectorAll('[data-testid="remote-edges"] tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent).join(' | '),
    );
    expect(cells).toEqual(['10.0.0.6 | 10.0.0.1 (host) | 2', '10.0.0.5 | shop.example.com (host) | 1']);
  });
});
