// Verdicts as an analyst gives them on a first look: the three busiest attacking sources marked
// malicious as a whole (vigil verdict --ip), and a dozen benign spot checks spread over the benign
// sessions. Labels on a few percent of the sessions, mostly attacks.
import type { Db } from '../../../src-main/core/db/open.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';

/** Gives those verdicts; returns how many sessions there are and how many got a verdict. */
export function giveFewVerdicts(db: Db): { sessions: number; labelled: number } {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const attackers = db
    .prepare(
      `SELECT src_ip AS ip FROM sessions WHERE lower(label) NOT IN ('benign', 'normal')
       GROUP BY src_ip ORDER BY count(*) DESC LIMIT 3`,
    )
    .all() as { ip: string }[];
  for (const { ip } of attackers) setVerdict(db, 'qa', { target: { srcIp: ip }, verdict: 'malicious' });
  const benign = (
    db.prepare("SELECT id FROM sessions WHERE lower(label) IN ('benign', 'normal') ORDER BY id").all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  const spot = Array.from({ length: 12 }, (_, i) => benign[Math.floor((i * benign.length) / 12)] as number);
  setVerdict(db, 'qa', { target: { sessionIds: spot }, verdict: 'benign' });
  return {
    sessions: count('SELECT count(*) AS n FROM sessions'),
    labelled: count("SELECT count(*) AS n FROM verdicts WHERE verdict IN ('malicious', 'benign')"),
  };
}
