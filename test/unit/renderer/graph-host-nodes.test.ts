// Host nodes (requests without a server IP end at the host they asked for: db/host-edges.ts) are
// drawn apart from IPs: one colour in every colour mode, a label that says "host"; IP nodes of the
// same answer keep their score colours and plain addresses.
import { describe, expect, it } from 'vitest';
import { HOST_COLOUR, scoreColour, verdictColour } from '../../../src-renderer/views/graph/colors.js';
import { createGraphModel, mergeGraph, recolour } from '../../../src-renderer/views/graph/graph-model.js';
import type { IpGraph } from '../../../src-shared/graph.js';

const graph: IpGraph = {
  nodes: {
    ip: ['10.0.0.1', 'shop.example.com', '10.0.0.9'],
    volume: [3, 3, 1],
    originated: [3, 0, 1],
    score: [0.95, null, 0.2],
    verdict: ['malicious', null, null],
    kind: ['ip', 'host', 'ip'],
  },
  edges: { source: [0, 2], target: [1, 1], weight: [3, 1] },
  weight: 'sessions',
  matchedEdges: 2,
  scoreSource: { runId: 1, kind: 'iforest', threshold: 0.9 },
  source: 'sessions',
};

describe('host nodes in the graph model', () => {
  it('are labelled as hosts and keep the host colour in both colour modes', () => {
    const model = createGraphModel();
    mergeGraph(model, graph, 'score', 'originated');
    expect(model.getNodeAttribute('shop.example.com', 'label')).toBe('shop.example.com (host)');
    expect(model.getNodeAttribute('shop.example.com', 'color')).toBe(HOST_COLOUR);
    expect(model.getNodeAttribute('10.0.0.1', 'label')).toBe('10.0.0.1');
    expect(model.getNodeAttribute('10.0.0.1', 'color')).toBe(scoreColour(0.95));
    recolour(model, 'verdict');
    expect(model.getNodeAttribute('shop.example.com', 'color')).toBe(HOST_COLOUR);
    expect(model.getNodeAttribute('10.0.0.9', 'color')).toBe(verdictColour(null));
    expect(model.edges()).toEqual(['10.0.0.1>shop.example.com', '10.0.0.9>shop.example.com']);
  });

  it('an answer without kinds (IP-only data) draws every node as an IP', () => {
    const model = createGraphModel();
    const { kind: _, ...nodes } = graph.nodes;
    mergeGraph(model, { ...graph, nodes }, 'score', 'originated');
    expect(model.getNodeAttribute('shop.example.com', 'label')).toBe('shop.example.com');
    expect(model.getNodeAttribute('shop.example.com', 'color')).toBe(scoreColour(null));
  });

  it('a host that is an address (its node named "10.0.0.1 (host)") says "host" once', () => {
    const model = createGraphModel();
    mergeGraph(
      model,
      {
        ...graph,
        nodes: { ...graph.nodes, ip: ['10.0.0.1', '10.0.0.1 (host)', '10.0.0.9'] },
      },
      'score',
      'originated',
    );
    expect(model.getNodeAttribute('10.0.0.1 (host)', 'label')).toBe('10.0.0.1 (host)');
    expect(model.getNodeAttribute('10.0.0.1', 'label')).toBe('10.0.0.1');
  });
});
