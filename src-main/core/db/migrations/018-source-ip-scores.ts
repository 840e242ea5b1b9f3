import type { Migration } from './index.js';

/**
 * The graph colours an IP by the sessions it originated, no longer by every session at either end
 * (db/graph.ts maxScoreQuery): the per-IP scores stored by earlier scoring passes are computed again
 * that way, so a victim server stops wearing its attackers' colour. One pass per stored run.
 */
export const sourceIpScores: Migration = {
  name: 'graph: stored per-IP scores from the sessions each IP originated',
  sql: '',
  run(db) {
    const runs = db.prepare('SELECT DISTINCT run_id FROM ip_scores').pluck().all() as number[];
    const clear = db.prepare('DELETE FROM ip_scores WHERE run_id = ?');
    const store = db.prepare(
      `INSERT INTO ip_scores (run_id, ip, score)
       SELECT @runId, src_ip, max(scores.score)
       FROM sessions CROSS JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id
       GROUP BY src_ip`,
    );
    for (const runId of runs) {
      clear.run(runId);
      store.run({ runId });
    }
  },
};
