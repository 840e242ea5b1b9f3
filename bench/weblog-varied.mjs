// The weblog bench's "varied" log: the generated Combined log rewritten line by line, the same
// requests, times, statuses and sizes, with what a public server's log has and the generator's
// does not: many more distinct clients, a per-request id in the query string, and many user-agent
// versions. The generated log repeats its texts (about 6 k clients, 172 user agents and 35 k
// request lines in 1 M lines), which favours any importer that caches by value; this one holds us
// to the data analysts bring. Deterministic (a fixed-seed generator, one draw sequence per line),
// streaming (a 10 M-line log is never read whole), and written next to its source in bench/out.
//
// Per line: the client becomes one of 240 000 addresses in 10.0.0.0/8; the target gets `v=N`
// (N < 200 000) as a query parameter (after `&` when it has a query already); `Chrome/121` becomes
// `Chrome/90`…`Chrome/129` and a closing `Safari/537.36` becomes `Safari/537.0`…`Safari/537.59`.

import { once } from 'node:events';
import fs from 'node:fs';

const CLIENTS = 240_000;
const REQUEST_IDS = 200_000;

/** `bench/out/combined-varied-<rows>.log` made from `source` on first use, and kept. */
export async function variedLog(source) {
  const target = source.replace(/combined-(\d+)\.log$/, 'combined-varied-$1.log');
  if (target === source) throw new Error(`weblog bench: not a generated log name: ${source}`);
  if (fs.existsSync(target)) return target;
  console.log(`deriving the varied log from ${source}…`);
  const partial = `${target}.partial`;
  await rewrite(source, partial);
  fs.renameSync(partial, target);
  return target;
}

async function rewrite(source, target) {
  // A 31-bit linear congruential generator: fixed seed, so every run writes the same file.
  let seed = 3;
  const draw = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return Math.floor((seed / 0x80000000) * n);
  };
  const out = fs.createWriteStream(target);
  let carry = '';
  for await (const chunk of fs.createReadStream(source, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop();
    const text = lines.map((line) => varied(line, draw)).join('\n');
    if (!out.write(`${text}\n`, 'latin1')) await once(out, 'drain');
  }
  if (carry !== '') out.write(`${varied(carry, draw)}\n`, 'latin1');
  out.end();
  await once(out, 'finish');
}

function varied(line, draw) {
  const space = line.indexOf(' ');
  if (space <= 0) return line;
  const client = draw(CLIENTS);
  let rest = line.slice(space);
  // The target is the request line's second word: ` HTTP/` closes it on every generated line.
  const version = rest.indexOf(' HTTP/');
  const quote = rest.indexOf('"');
  if (version > quote && quote !== -1) {
    const target = rest.slice(quote, version);
    const id = `${target.includes('?') ? '&' : '?'}v=${draw(REQUEST_IDS)}`;
    rest = rest.slice(0, version) + id + rest.slice(version);
  }
  rest = rest.replace('Chrome/121', `Chrome/${90 + draw(40)}`);
  if (rest.endsWith('Safari/537.36"')) rest = `${rest.slice(0, -3)}${draw(60)}"`;
  return `10.${client >> 12}.${(client >> 4) & 255}.${client & 15}${rest}`;
}
