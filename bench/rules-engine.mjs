// `npm run bench -- rules-engine [--rows N] [--naive-rows N] [--batch N] [--seed N]`: the shipped Sigma
// rule pack (resources/rules) over N generated web requests (default 1 M), in batches as the
// import pipeline and a `rules run` job hand them over, and the plain per-rule evaluator
// (core/rules/reference.ts: every rule its own predicate, no shared field reading, no
// multi-pattern scan) over the first --naive-rows of them (default 100 000; it is far slower), in
// the same run. Prints requests/s and rule evaluations/s for both and the ratio; the hits of the
// two are compared on the rows both saw. Target (issue 17 §5): the pack over 1 M stored requests
// in under 5 s, and cheap enough at import that 1 M Combined lines still ingest at ≥ 4× GoAccess
// (about 21 s per 1 M lines here, so ≤ 5.25 s for the whole import).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { option } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const clock = () => performance.now() / 1000;
// CPU time beside wall time: other work on a shared machine inflates only the latter.
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export async function run(args) {
  const rows = Number(option(args, 'rows', '1000000'));
  const naiveRows = Math.min(rows, Number(option(args, 'naive-rows', '100000')));
  const batchSize = Number(option(args, 'batch', '20000'));
  const seed = Number(option(args, 'seed', '7'));

  // The engine is not a CLI entry point of its own: bundle it (with the request generator the
  // tests use) with the same esbuild settings as scripts/build.mjs, so the code measured is the
  // code the app ships.
  const bundle = path.join(here, 'out', 'rules.bundle.mjs');
  await build({
    stdin: {
      contents: [
        "export * from './src-main/core/rules/index.ts';",
        "export { compileReference } from './src-main/core/rules/reference.ts';",
        "export { generateRequests } from './test/helpers/web-requests.ts';",
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'rules-bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  const rules = await import(`${bundle}?t=${Date.now()}`);

  const pack = rules.loadRulePack();
  if (pack.refused.length) throw new Error(`the shipped pack refused rules: ${JSON.stringify(pack.refused)}`);
  const t = clock();
  const compiled = rules.compileRules(pack.rules);
  const compileMs = (clock() - t) * 1000;

  const requests = rules.generateRequests(rows, seed);
  const slices = [];
  for (let at = 0; at < rows; at += batchSize) slices.push(requests.slice(at, at + batchSize));
  // The pipeline's encoded batches carry texts as codes into one dictionary per batch: build them
  // here, outside the timing (that encoding is the importer's work, done whether rules run or not).
  const encoded = slices.map(encodeBatch);

  // Warm-up on a tenth, so the timed pass measures compiled code.
  for (const batch of encoded.slice(0, Math.max(1, encoded.length / 10)))
    rules.evaluateColumns(compiled, batch);
  for (const slice of slices.slice(0, Math.max(1, slices.length / 10)))
    rules.evaluateRecords(compiled, slice);

  const timed = (work) => {
    const wall0 = clock();
    const cpu0 = cpu();
    const hits = work();
    return { hits, wall: clock() - wall0, cpu: cpu() - cpu0 };
  };
  const columns = timed(() =>
    encoded.reduce((sum, batch) => sum + rules.evaluateColumns(compiled, batch).length, 0),
  );
  const records = timed(() =>
    slices.reduce((sum, slice) => sum + rules.evaluateRecords(compiled, slice).length, 0),
  );

  const reference = rules.compileReference(pack.rules);
  const naiveSet = requests.slice(0, naiveRows);
  const naive = timed(() => {
    const hits = [];
    naiveSet.forEach((request, sessionIndex) => {
      for (const rule of reference) if (rule.holds(request)) hits.push(`${sessionIndex} ${rule.id}`);
    });
    return hits;
  });
  const ours = [];
  for (let at = 0; at < naiveRows; at += batchSize)
    for (const hit of rules.evaluateRecords(
      compiled,
      requests.slice(at, Math.min(at + batchSize, naiveRows)),
    ))
      ours.push(`${hit.sessionIndex + at} ${hit.ruleId}`);
  if (ours.join('\n') !== naive.hits.join('\n'))
    throw new Error(
      `the engine and the reference disagree: ${ours.length} against ${naive.hits.length} hits`,
    );

  const ruleCount = pack.rules.length;
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const line = (name, n, result) =>
    console.log(
      `  ${name.padEnd(28)} ${fmt(n).padStart(10)} ${result.wall.toFixed(2).padStart(8)} ${result.cpu.toFixed(2).padStart(8)} ${fmt(n / result.cpu).padStart(12)} ${fmt((n * ruleCount) / result.cpu).padStart(14)}`,
    );
  console.log(
    `\nrules: the shipped pack (${ruleCount} rules, ${compiled.atoms.length} distinct field tests, compiled in ${compileMs.toFixed(0)} ms) over generated web requests, batches of ${fmt(batchSize)}`,
  );
  console.log(
    '                                  requests   wall s    CPU s   requests/s    rule evals/s   (rates per CPU second)',
  );
  line('engine, encoded columns', rows, columns);
  line('engine, session records', rows, records);
  line('naive per-rule reference', naiveRows, naive);
  const ratio = rows / columns.cpu / (naiveRows / naive.cpu);
  console.log(`  ratio (engine on columns / naive, requests per CPU second): ${ratio.toFixed(1)}×`);
  console.log(
    `  hits: ${fmt(columns.hits)} of ${fmt(rows)} requests (${((100 * columns.hits) / rows).toFixed(2)} %); the same as the reference's on the ${fmt(naiveRows)} both evaluated`,
  );
  const perMillion = (columns.cpu / rows) * 1e6;
  console.log(
    `  per 1 M requests: ${perMillion.toFixed(2)} s of CPU   target: rules run over 1 M stored requests < 5 s; at import this is added to the ≤ 5.25 s that 4× GoAccess (≈ 21 s / 1 M lines) leaves`,
  );
  if (records.hits !== columns.hits)
    throw new Error(`records gave ${records.hits} hits, columns ${columns.hits}`);
}

/** A slice of requests as the import pipeline's encoded batch has them: codes into one dictionary. */
function encodeBatch(slice) {
  const dict = [];
  const index = new Map();
  const code = (value) => {
    if (value === null || value === undefined) return -1;
    let at = index.get(value);
    if (at === undefined) {
      at = dict.length;
      dict.push(value);
      index.set(value, at);
    }
    return at;
  };
  const texts = {};
  for (const field of [
    'method',
    'host',
    'path',
    'query',
    'httpVersion',
    'userAgent',
    'referrer',
    'srcIp',
    'dstIp',
  ])
    texts[field] = { codes: Int32Array.from(slice, (request) => code(request[field])), dict };
  const numbers = {};
  for (const field of ['responseCode', 'bytesIn', 'bytesOut', 'srcPort', 'dstPort'])
    numbers[field] = Float64Array.from(slice, (request) => request[field] ?? Number.NaN);
  return { rows: slice.length, texts, numbers };
}
