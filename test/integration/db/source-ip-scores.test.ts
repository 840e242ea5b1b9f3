// Migration 018: per-IP scores stored before it counted a session for both ends; it computes them
// again from the sessions each IP originated, so a server no longer wears its attackers' score.
import { describe, expect, it } from 'vitest';
import { sourceIpScores } from '../../../src-main/core/db/migrations/018-source-ip-scores.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from '../triage/harness.js';

describe('migration 018', () => {
  it('recomputes each stored run from the sessions its IPs originated', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.5', dstIp: '10.0.0.1', start: '2024-04-25T23:01:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.9', dstIp: '10.0.0.1', start: '2024-04-25T23:02:00Z' }),
    ]);
    const run = addScoredRun(ws.db, 'iforest', [
      [ids[0]!, 0.97],
      [ids[1]!, 0.2],
    ]);
    // As stored before: the server took the highest score of any session it took part in.
    ws.db
      .prepare(
        `INSERT INTO ip_scores (run_id, ip, score) VALUES (@run, '203.0.113.5', 0.97), (@run, '198.51.100.9', 0.2), (@run, '10.0.0.1', 0.97)`,
      )
      .run({ run });
    ws.db.transaction(() => sourceIpScores.run?.(ws.db))();
    expect(ws.db.prepare('SELECT ip, score FROM ip_scores WHERE run_id = ? ORDER BY ip').all(run)).toEqual([
      { ip: '198.51.100.9', score: 0.2 },
      { ip: '203.0.113.5', score: 0.97 },
    ]);
  });
});
