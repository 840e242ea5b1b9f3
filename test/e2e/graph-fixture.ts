// The database the graph's focus and layout tests draw: generated traffic with more than 5 000
// IP pairs (the default edge limit), an IPv6 client of the busiest server, and a source judged
// malicious. Returns the IPs the tests look for.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src-main/core/db/open.js';
import { generateTraffic } from '../../src-main/core/generate/generate.js';
import { runImport } from '../../src-main/core/ingest/pipeline.js';
import { setVerdict } from '../../src-main/core/triage/verdict-actions.js';

const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';
/** The longest form an IPv6 address takes: eight full groups. */
export const IPV6_CLIENT = '2001:0db8:85a3:1234:5678:8a2e:0370:7334';

export interface GraphFixture {
  /** The destination of the most sessions: a victim, originating few or none. */
  server: string;
  /** The source of the most sessions that originates more than it receives. */
  attacker: string;
  /** The attacker's sessions carry a malicious verdict. */
  judged: string;
  pairs: number;
}

export async function buildGraphDatabase(dir: string, dbPath: string): Promise<GraphFixture> {
  const generated = await generateTraffic({
    rows: 40_000,
    seed: 18,
    out: path.join(dir, 'traffic.csv'),
    format: 'cloudwatch-csv',
    start: Date.UTC(2024, 3, 25),
    days: 7,
    attackRate: 0.1,
  });
  const db = openDatabase(dbPath);
  try {
    await runImport(db, { file: generated.out, enrich: false });
    const server = (
      db.prepare('SELECT dst_ip AS ip FROM sessions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').get() as {
        ip: string;
      }
    ).ip;
    const rows = [1, 2, 3].map(
      (hour) =>
        `10,20,2024-04-26T0${hour}:00:00Z,2024-04-26T0${hour}:05:00Z,${IPV6_CLIENT},US,HTTPS,200,443,${server},,o,m,n,2024-04-26T0${hour}:00:00Z,`,
    );
    const extra = path.join(dir, 'ipv6.csv');
    fs.writeFileSync(extra, `${HEADER}\n${rows.join('\n')}\n`);
    await runImport(db, { file: extra, enrich: false });
    const attacker = (
      db
        .prepare(
          `SELECT src_ip AS ip FROM sessions GROUP BY 1
           HAVING count(*) > 2 * (SELECT count(*) FROM sessions AS s WHERE s.dst_ip = sessions.src_ip)
           ORDER BY count(*) DESC LIMIT 1`,
        )
        .get() as { ip: string }
    ).ip;
    setVerdict(db, 'e2e', { target: { srcIp: attacker }, verdict: 'malicious' });
    const pairs = (
      db
        .prepare(
          "SELECT count(*) AS n FROM (SELECT 1 FROM sessions WHERE dst_ip != '' GROUP BY src_ip, dst_ip)",
        )
        .get() as {
        n: number;
      }
    ).n;
    return { server, attacker, judged: attacker, pairs };
  } finally {
    db.close();
  }
}
