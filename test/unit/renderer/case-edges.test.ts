// The case's IP graph draws the pairs the Graph view draws: a request whose log names no server IP
// (an access log) is an edge from its client to the host it asked for, or to the server of the log.
import { describe, expect, it } from 'vitest';
import { ipEdges } from '../../../src-renderer/views/cases/case-series.js';
import type { CaseSession } from '../../../src-shared/cases.js';
import { serverOfLog } from '../../../src-shared/graph.js';
import { fakeSession } from '../../dom/fake-session.js';

const session = (id: number, patch: Partial<CaseSession>): CaseSession => ({
  ...fakeSession(id),
  verdict: null,
  score: null,
  ...patch,
});

describe('the case graph edges', () => {
  it('draw a request without a server IP to its host, or to the server of its log', () => {
    const files = new Map([[3, 'access.log']]);
    const edges = ipEdges(
      [
        session(1, {
          srcIp: '198.51.100.7',
          dstIp: null,
          importId: 3,
          method: 'GET',
          path: '/a',
          host: 'shop.example',
        }),
        session(2, { srcIp: '198.51.100.7', dstIp: null, importId: 3, method: 'GET', path: '/b' }),
        session(3, { srcIp: '198.51.100.7', dstIp: null, importId: 3, method: 'GET', path: '/c' }),
        session(4, { srcIp: '198.51.100.8', dstIp: '10.0.0.1', importId: 1 }),
        // No destination and nothing a server logs (a flow without its peer): still no edge.
        session(5, { srcIp: '198.51.100.9', dstIp: null, importId: 1, responseCode: null }),
      ],
      files,
    );
    expect(edges).toEqual([
      { src: '198.51.100.7', dst: serverOfLog('access.log'), sessions: 2, toHost: true },
      { src: '198.51.100.7', dst: 'shop.example', sessions: 1, toHost: true },
      { src: '198.51.100.8', dst: '10.0.0.1', sessions: 1 },
    ]);
  });

  it('name the server by its import while the file names are not known', () => {
    const edges = ipEdges([session(1, { srcIp: '198.51.100.7', dstIp: null, importId: 3, path: '/' })]);
    expect(edges).toEqual([{ src: '198.51.100.7', dst: serverOfLog('import 3'), sessions: 1, toHost: true }]);
  });
});
