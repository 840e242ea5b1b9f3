// Threat-type Random Forest vs scikit-learn 1.2 (Debian's python3-sklearn), same rows, same run:
// fit on 80 k × 20 with 6 classes (benign and five kinds), predict the class of a held-out 20 k,
// against RandomForestClassifier(n_estimators=100, n_jobs=1). Targets: ours ≥ 1× sklearn's speed
// (fit + predict, wall and CPU), macro F1 within 0.01. Both F1s are computed by the same function
// from the classes each side wrote. Options: --rf-rows N (default 100 000), --seed N.
import { bundleForests, compare, writeData } from './forest-compare.mjs';
import { multiclassData } from './forest-data.mjs';
import { option } from './measure.mjs';

const COLS = 20;
const CLASSES = 6;

export async function run(args) {
  const seed = Number(option(args, 'seed', '7'));
  const rows = Number(option(args, 'rf-rows', '100000'));
  const trainRows = Math.round(rows * 0.8);
  const bundle = await bundleForests();
  const forest = await import(`${bundle}?t=${Date.now()}`);
  const data = multiclassData(rows, COLS, new forest.Rng(seed + 2));
  const prefix = writeData('rf-multi', data, { rows, cols: COLS, trainRows, seed, classes: CLASSES });
  const { ours, sklearn } = compare(bundle, 'rf-multi', prefix, (s) => Uint8Array.from(s));
  const truth = data.labels.subarray(trainRows);
  const f1 = { ours: macroF1(ours.ranked, truth), sklearn: macroF1(sklearn.ranked, truth) };

  const shares = new Array(CLASSES).fill(0);
  for (const y of data.labels) shares[y]++;
  console.log(
    `\nrandom forest, 6 classes: ${fmt(trainRows)} × ${COLS} train, ${fmt(rows - trainRows)} held out, 100 trees, fit + predict`,
  );
  console.log(`  class shares: ${shares.map((n) => `${((100 * n) / rows).toFixed(1)} %`).join(', ')}`);
  const total = (r) => r.fitSeconds + r.scoreSeconds;
  const cell = (v, digits = 2) => v.toFixed(digits).padStart(8);
  console.log('                 fit predict   total     CPU  process macro F1  peak RSS');
  for (const [name, r, f] of [
    ['vigil', ours, f1.ours],
    ['sklearn', sklearn, f1.sklearn],
  ]) {
    console.log(
      `  ${name.padEnd(10)}${cell(r.fitSeconds)}${cell(r.scoreSeconds)}${cell(total(r))}${cell(r.cpuSeconds)}${cell(r.seconds)}${cell(f, 4)}${r.peakRssMb.toFixed(0).padStart(7)} MB`,
    );
  }
  const speed = total(sklearn) / total(ours);
  const cpuSpeed = sklearn.cpuSeconds / ours.cpuSeconds;
  const gap = f1.ours - f1.sklearn;
  console.log(
    `  speed, sklearn / ours: ${speed.toFixed(2)}× wall (fit + predict), ${cpuSpeed.toFixed(2)}× CPU;  target ≥ 1  ${Math.min(speed, cpuSpeed) >= 1 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  macro F1 ours − sklearn: ${gap >= 0 ? '+' : ''}${gap.toFixed(4)}  target |gap| ≤ 0.01  ${Math.abs(gap) <= 0.01 ? 'met' : 'MISSED'}`,
  );
}

/** Unweighted mean over the classes present in the truth of each class's F1 (sklearn's f1_score average='macro'). */
function macroF1(predicted, truth) {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < CLASSES; c++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === c && truth[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (truth[i] === c) fn++;
    }
    if (tp + fn === 0 && tp + fp === 0) continue;
    present++;
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / present;
}

function fmt(n) {
  return n.toLocaleString('en-US');
}
