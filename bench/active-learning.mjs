// `npm run bench -- active-learning [--rows N] [--rounds R] [--per-round K]`: does "Label next"
// teach the model faster than labelling at random? On generated traffic whose labels stay hidden
// from the models, a simulated analyst labels K sessions per round for R rounds, answering each
// from the hidden label; after every round a Random Forest is retrained on the verdicts (through
// the real API: setVerdict, train with labels = verdicts, scoreSessions, labelNext) and its ROC-AUC
// is measured on every session the analyst has not labelled. Both strategies start from the same
// seed round (half from the top of the Isolation Forest queue, half at random) on copies of one
// database, so the only difference is how the next sessions are chosen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { option } from './measure.mjs';
import { apiCaller, serve, vigil } from './vigil-process.mjs';

/** `vigil serve` on `db`, with one function per API call. */
async function apiServer(db) {
  const { url, stop } = await serve(db);
  return { call: apiCaller(url), stop };
}

/** Waits for a job's end by asking for its status (a bench may poll; the app listens to events). */
async function finished(call, jobId) {
  for (;;) {
    const job = await call('jobStatus', { jobId });
    if (job.state === 'done') return job;
    if (job.state === 'failed' || job.state === 'cancelled') throw new Error(job.error ?? job.message);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** ROC-AUC as the Mann–Whitney statistic, ties counted half. */
export function rocAuc(scores, labels) {
  const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (!order[k][1]) continue;
      positives++;
      rankSum += rank;
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The analyst's answers, read from the hidden label column. */
async function label(call, hidden, ids) {
  for (const verdict of ['malicious', 'benign']) {
    const sessionIds = ids.filter((id) => (hidden.get(id) ? 'malicious' : 'benign') === verdict);
    if (sessionIds.length) await call('setVerdict', { target: { sessionIds }, verdict });
  }
}

async function retrain(call) {
  const { jobId } = await call('train', {
    kind: 'rf',
    labels: { type: 'verdicts' },
    split: 'random',
    params: { seed: 1 },
  });
  const trained = await finished(call, jobId);
  const scoring = await call('scoreSessions', { runId: trained.runId });
  await finished(call, scoring.jobId);
  return trained.runId;
}

function measureAuc(dbFile, runId, hidden) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db
    .prepare(
      `SELECT session_id AS id, score FROM scores WHERE run_id = ?
       AND session_id NOT IN (SELECT session_id FROM verdicts)`,
    )
    .all(runId);
  db.close();
  return rocAuc(
    rows.map((r) => r.score),
    rows.map((r) => hidden.get(r.id)),
  );
}

function unlabelled(dbFile) {
  const db = new Database(dbFile, { readonly: true });
  const ids = db
    .prepare('SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM verdicts) ORDER BY id')
    .pluck()
    .all();
  db.close();
  return ids;
}

function pickRandom(ids, count, random) {
  const pool = [...ids];
  for (let i = 0; i < count && i < pool.length; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

function copyDb(from, to) {
  for (const suffix of ['', '-wal', '-shm'])
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
}

async function strategy(name, dbFile, hidden, { rounds, perRound, seedRun }) {
  const server = await apiServer(dbFile);
  const random = seededRandom(97);
  const aucs = [measureAuc(dbFile, seedRun, hidden)];
  let runId = seedRun;
  try {
    for (let round = 1; round <= rounds; round++) {
      const ids =
        name === 'suggested'
          ? (await server.call('labelNext', { runId, count: perRound, perSourceIp: 2 })).items.map(
              (i) => i.session.id,
            )
          : pickRandom(unlabelled(dbFile), perRound, random);
      await label(server.call, hidden, ids);
      runId = await retrain(server.call);
      aucs.push(measureAuc(dbFile, runId, hidden));
    }
  } finally {
    await server.stop();
  }
  return aucs;
}

export async function run(args) {
  const rows = Number(option(args, 'rows', '20000'));
  const rounds = Number(option(args, 'rounds', '5'));
  const perRound = Number(option(args, 'per-round', '50'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-al-'));
  try {
    const csv = path.join(dir, 'traffic.csv');
    const base = path.join(dir, 'base.db');
    await vigil(
      'generate',
      '--rows',
      String(rows),
      '--seed',
      '5',
      '--days',
      '3',
      '--attack-rate',
      '0.05',
      '--out',
      csv,
    );
    await vigil('ingest', csv, '--db', base);
    await vigil('train', '--model', 'iforest', '--split', 'random', '--seed', '1', '--db', base);
    await vigil('score', '--db', base);
    const db = new Database(base, { readonly: true });
    const hidden = new Map(
      db
        .prepare('SELECT id, label FROM sessions')
        .all()
        .map((r) => [r.id, r.label !== null && r.label !== 'benign' ? 1 : 0]),
    );
    db.close();
    const attacks = [...hidden.values()].filter(Boolean).length;

    // The seed round, shared: half from the top of the Isolation Forest's queue, half at random.
    const server = await apiServer(base);
    let seedRun;
    try {
      const queue = await server.call('flagQueue', { limit: perRound / 2 });
      const top = queue.items.map((i) => i.session.id);
      const rest = pickRandom(
        unlabelled(base).filter((id) => !top.includes(id)),
        perRound - top.length,
        seededRandom(7),
      );
      await label(server.call, hidden, [...top, ...rest]);
      seedRun = await retrain(server.call);
    } finally {
      await server.stop();
    }

    const results = {};
    for (const name of ['suggested', 'random']) {
      const file = path.join(dir, `${name}.db`);
      copyDb(base, file);
      results[name] = await strategy(name, file, hidden, { rounds, perRound, seedRun });
    }
    console.log(
      `\nactive learning: ${rows} generated sessions (${attacks} attacks, labels hidden), Random Forest retrained on verdicts;`,
    );
    console.log(
      `seed round of ${perRound} (half Isolation Forest top, half random), then ${perRound} per round.`,
    );
    console.log('ROC-AUC on every session not yet labelled:');
    console.log('round  labels  label next  random');
    for (let r = 0; r <= rounds; r++)
      console.log(
        `${String(r).padStart(5)}  ${String(perRound * (r + 1)).padStart(6)}  ${results.suggested[r].toFixed(4).padStart(10)}  ${results.random[r].toFixed(4).padStart(6)}`,
      );
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
