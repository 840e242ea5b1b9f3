// One side of the dense-network benchmark, in its own process because the tfjs backend
// (chosen by VIGIL_TF_BACKEND) is process-global:
// `node dense-epochs.mjs BUNDLE_DIR ROWS FEATURES EPOCHS SEED`. Prints the timings as JSON.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classificationData } from './forest-data.mjs';

const [dir, rowsArg, featuresArg, epochsArg, seedArg] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(path.join(dir, `${name}.mjs`)).href);
const [nn, { Rng }] = await Promise.all([load('nn'), load('random')]);
const rows = Number(rowsArg);
const features = Number(featuresArg);
const seed = Number(seedArg);

const { data: x, labels: y } = classificationData(rows, features, new Rng(seed));
const sourceKey = new Int32Array(rows);
const backend = await nn.activeBackend();
// Wall time is what a user waits; CPU time of this single-threaded process is the same figure
// without the noise of other processes competing for the cores.
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const stamps = [{ wall: performance.now() / 1000, cpu: cpuSeconds() }];
const net = await nn.trainNetwork(
  'dense',
  { x, y, rows, features, sourceKey },
  // Every row trains (no validation pass), so an epoch is exactly one pass of gradient steps.
  { epochs: Number(epochsArg), validationSplit: 0, seed },
  { onEpoch: () => stamps.push({ wall: performance.now() / 1000, cpu: cpuSeconds() }) },
);
const epochSeconds = stamps.slice(1).map((t, i) => t.wall - stamps[i].wall);
const epochCpuSeconds = stamps.slice(1).map((t, i) => t.cpu - stamps[i].cpu);
// The first epoch also compiles the wasm module and warms the JIT: leave it out when we can.
const median = (values) => {
  const steady = [...(values.length > 1 ? values.slice(1) : values)].sort((a, b) => a - b);
  return steady[Math.floor(steady.length / 2)];
};
console.log(
  JSON.stringify({
    backend,
    epochSeconds,
    medianEpochSeconds: median(epochSeconds),
    medianEpochCpuSeconds: median(epochCpuSeconds),
    loss: net.history.loss,
    hidden: nn.DEFAULT_PARAMS.hidden,
    batchSize: nn.defaultBatchSize(rows),
  }),
);
net.dispose();
