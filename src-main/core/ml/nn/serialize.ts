// One Uint8Array per trained network, for the model registry: "VGNN", a little-endian u32 header
// length, a JSON header (format version, kind, tfjs topology and weight specs), then the raw
// weight bytes exactly as tfjs encodes them.
import type { io, LayersModel } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { NetKind } from './types.js';

const MAGIC = 'VGNN';
export const NN_FORMAT_VERSION = 1;

interface Header {
  version: number;
  kind: NetKind;
  modelTopology: io.ModelArtifacts['modelTopology'];
  weightSpecs: io.WeightsManifestEntry[];
}

export async function serializeModel(tf: Tf, kind: NetKind, model: LayersModel): Promise<Uint8Array> {
  let artifacts: io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
    }),
  );
  if (!artifacts?.weightSpecs || !artifacts.weightData) throw new Error('tfjs saved no weights');
  const header: Header = {
    version: NN_FORMAT_VERSION,
    kind,
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const bytes = new Uint8Array(8 + json.length + weights.length);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  bytes.set(weights, 8 + json.length);
  return bytes;
}

export async function deserializeModel(tf: Tf, kind: NetKind, bytes: Uint8Array): Promise<LayersModel> {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error('not a Vigil neural-network model (bad magic)');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error('truncated neural-network model header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  if (header.version !== NN_FORMAT_VERSION) {
    throw new Error(
      `neural-network model format ${header.version} is not supported (expected ${NN_FORMAT_VERSION})`,
    );
  }
  if (header.kind !== kind) throw new Error(`the saved network is a ${header.kind} model, not ${kind}`);
  // slice() copies into a fresh, exactly sized ArrayBuffer, as tfjs expects.
  const weightData = bytes.slice(8 + length).buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: header.modelTopology, weightSpecs: header.weightSpecs, weightData }),
  );
}
