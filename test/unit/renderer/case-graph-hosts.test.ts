// The case's mini graph names its nodes as the Graph view does: a request without a server IP ends
// at its host or at "server of FILE", a host that is an address is its own node "ADDRESS (host)"
// (never the IP's node), a line the server answered without a request ("-", a TLS probe) still
// draws its client's edge, one address in two text forms is one node, and a session with neither
// a destination nor anything a server logged draws nothing.
import { describe, expect, it } from 'vitest';
import { buildCaseGraph } from '../../../src-renderer/views/cases/case-graph-layout.js';
import { ipEdges } from '../../../src-renderer/views/cases/case-series.js';
import type { CaseSession } from '../../../src-shared/cases.js';
import type { Session } from '../../../src-shared/domain.js';
import { fakeSession } from '../../dom/fake-session.js';

const session = (id: number, patch: Partial<Session>): CaseSession => ({
  ...fakeSession(id, { dstIp: null, ...patch }),
  verdict: null,
  score: null,
});

const SESSIONS = [
  // A scanner probing for an open proxy asks for http://10.0.0.1/, itself a client of the log.
  session(1, { srcIp: '10.0.0.5', method: 'GET', path: '/', host: '10.0.0.1' }),
  session(2, { srcIp: '10.0.0.1', method: 'GET', path: '/' }),
  // The same client written by a dual-stack server.
  session(3, { srcIp: '::ffff:10.0.0.1', method: 'GET', path: '/b' }),
  // No request at all: the server answered 400.
  session(4, { srcIp: '198.51.100.7', responseCode: 400 }),
  // Garbage sent to the server, kept as its raw line.
  session(5, { srcIp: '198.51.100.8', responseCode: 400, requestLine: '\\x16\\x03\\x01' }),
  // A flow record without a destination: nothing a server logged, no edge.
  session(6, { srcIp: '198.51.100.9', responseCode: null }),
];
const FILES = new Map([[1, 'access.log']]);

describe('the case mini graph', () => {
  it('pairs sessions as the Graph view does', () => {
    expect(ipEdges(SESSIONS, FILES).map((e) => `${e.src} -> ${e.dst} ${e.sessions}`)).toEqual([
      '10.0.0.1 -> server of access.log 2',
      '10.0.0.5 -> 10.0.0.1 (host) 1',
      '198.51.100.7 -> server of access.log 1',
      '198.51.100.8 -> server of access.log 1',
    ]);
  });

  it('keeps a host apart from the IP of the same address, and labels hosts as hosts', () => {
    const graph = buildCaseGraph(ipEdges(SESSIONS, FILES), new Set(['::FFFF:10.0.0.1']));
    expect(graph.hasNode('10.0.0.1')).toBe(true);
    expect(graph.getNodeAttribute('10.0.0.1 (host)', 'label')).toBe('10.0.0.1 (host)');
    expect(graph.getNodeAttribute('server of access.log', 'label')).toBe('server of access.log (host)');
    expect(graph.getNodeAttribute('10.0.0.1', 'label')).toBe('10.0.0.1');
    // The indicator, listed in another text form, marks the IP's node and not the host's.
    expect(graph.getNodeAttribute('10.0.0.1', 'forceLabel')).toBe(true);
    expect(graph.getNodeAttribute('10.0.0.1 (host)', 'forceLabel')).toBe(false);
    expect(graph.order).toBe(6);
  });
});
