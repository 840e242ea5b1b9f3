// Our side of the forest benchmark, run in its own process so its peak RSS is its own:
// `node forest-ours.mjs BUNDLE iforest|rf|rf-multi DATA_PREFIX`. Reads the raw files forest-data.mjs wrote,
// times fit and score (wall and CPU), writes the scores as float64 next to the data and prints the timings as JSON.

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, task, prefix] = process.argv.slice(2);
const forest = await import(pathToFileURL(bundle).href);
const meta = JSON.parse(fs.readFileSync(`${prefix}.json`, 'utf8'));
const bytes = fs.readFileSync(`${prefix}.f32`);
const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const { rows, cols, trainRows, seed } = meta;

let fitSeconds;
let scoreSeconds;
let scores;
const clock = () => performance.now() / 1000;
// CPU time as well as wall time: other work on a shared machine inflates only the latter.
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const cpuStart = cpu();
if (task === 'iforest') {
  const matrix = { data, rows, cols };
  const t0 = clock();
  const model = forest.fitIsolationForest(matrix, { nEstimators: 100, maxSamples: 256, seed });
  const t1 = clock();
  scores = forest.scoreSamples(model, matrix);
  fitSeconds = t1 - t0;
  scoreSeconds = clock() - t1;
} else if (task === 'rf') {
  const labels = new Uint8Array(fs.readFileSync(`${prefix}.labels`));
  const train = { data: data.subarray(0, trainRows * cols), rows: trainRows, cols };
  const test = { data: data.subarray(trainRows * cols), rows: rows - trainRows, cols };
  const t0 = clock();
  const model = forest.fitRandomForest(train, labels.subarray(0, trainRows), { nEstimators: 100, seed });
  const t1 = clock();
  scores = forest.predictProba(model, test);
  fitSeconds = t1 - t0;
  scoreSeconds = clock() - t1;
} else if (task === 'rf-multi') {
  // Threat types: the predicted class of each held-out row (argmax of the class probabilities).
  const labels = new Uint8Array(fs.readFileSync(`${prefix}.labels`));
  const train = { data: data.subarray(0, trainRows * cols), rows: trainRows, cols };
  const test = { data: data.subarray(trainRows * cols), rows: rows - trainRows, cols };
  const t0 = clock();
  const model = forest.fitMulticlassForest(train, labels.subarray(0, trainRows), meta.classes, {
    nEstimators: 100,
    seed,
  });
  const t1 = clock();
  scores = Float64Array.from(forest.argmaxClasses(forest.predictClassProba(model, test), meta.classes));
  fitSeconds = t1 - t0;
  scoreSeconds = clock() - t1;
} else {
  throw new Error(`unknown task ${task}`);
}
fs.writeFileSync(`${prefix}.ours.f64`, new Uint8Array(scores.buffer, 0, scores.length * 8));
const cpuSeconds = cpu() - cpuStart;
console.log(JSON.stringify({ fitSeconds, scoreSeconds, cpuSeconds }));
