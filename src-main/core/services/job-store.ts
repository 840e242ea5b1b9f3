// The database calls that the main side's job control makes (none is an API operation): the preset
// an import or pull maps with, the run a scoring job uses, a training run whose worker died, and a
// pull's saved positions. The app answers them on its writer thread (jobs/writer.ts), like every
// other write, so the thread serving the window never waits for SQLite's write lock.

import type { MappingPreset } from '../../../src-shared/domain.js';
import type { ModelKind, ModelRun } from '../../../src-shared/models.js';
import type { SourceInfo } from '../../../src-shared/sources.js';
import type { PulledByGroup } from '../connectors/cloudwatch-logs/list-log-groups.js';
import { type PullPosition, positionsIn } from '../connectors/cloudwatch-logs/positions.js';
import type { PullKey, PullState } from '../db/cloudwatch-pulls.js';
import { pullSummariesByGroup } from '../db/cloudwatch-pulls.js';
import { endRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { getPreset } from '../db/presets.js';
import {
  addSource,
  getSource,
  listSources,
  recordSourceWatermark,
  removeSource,
  sourceWatermark,
} from '../db/sources.js';
import { runToScore } from './models.js';

export interface JobStore {
  /** The saved preset of that name; refused with what to do when there is none. */
  presetNamed(name: string): Promise<MappingPreset>;
  runToScore(args: { runId?: number; kind?: ModelKind }): Promise<ModelRun>;
  /** Marks a training run failed whose worker died, so none stays "training". */
  failRun(args: { runId: number; message: string }): Promise<void>;
  pullPosition(key: PullKey): Promise<PullState | null>;
  recordPullPosition(args: { key: PullKey; position: PullPosition }): Promise<void>;
  pulledByGroup(place: { region: string; endpoint: string }): Promise<PulledByGroup>;
  // Remote sources (services/sources.ts) and their pulls' watermarks.
  sourceNamed(name: string): Promise<SourceInfo | null>;
  sourcesList(): Promise<SourceInfo[]>;
  saveSource(source: SourceInfo): Promise<SourceInfo>;
  deleteSource(name: string): Promise<boolean>;
  sourceWatermark(key: { source: string; selector: string }): Promise<number | null>;
  recordSourceWatermark(args: { key: { source: string; selector: string }; ts: number }): Promise<void>;
}

// Every call, once: the writer's stand-in on the main side is built from this (a missing or extra
// name fails to compile).
const CALLS: { [K in keyof JobStore]: true } = {
  presetNamed: true,
  runToScore: true,
  failRun: true,
  pullPosition: true,
  recordPullPosition: true,
  pulledByGroup: true,
  sourceNamed: true,
  sourcesList: true,
  saveSource: true,
  deleteSource: true,
  sourceWatermark: true,
  recordSourceWatermark: true,
};
export type JobStoreCall = keyof JobStore;
export const JOB_STORE_CALLS = Object.keys(CALLS) as JobStoreCall[];

export function jobStore(db: Db): JobStore {
  const positions = positionsIn(db);
  return {
    async presetNamed(name) {
      const preset = getPreset(db, name);
      if (!preset)
        throw new Error(
          `No mapping preset named "${name}". Save one first (vigil preset save, or the Import view).`,
        );
      return preset;
    },
    async runToScore(args) {
      return runToScore(db, args);
    },
    async failRun({ runId, message }) {
      endRun(db, runId, 'failed', message);
    },
    pullPosition: (key) => positions.get(key),
    recordPullPosition: ({ key, position }) => positions.record(key, position),
    async pulledByGroup({ region, endpoint }) {
      return pullSummariesByGroup(db, region, endpoint);
    },
    sourceNamed: async (name) => getSource(db, name),
    sourcesList: async () => listSources(db),
    saveSource: async ({ createdAt, lastPulledTs: _, ...source }) => addSource(db, source, createdAt),
    deleteSource: async (name) => removeSource(db, name),
    sourceWatermark: async (key) => sourceWatermark(db, key),
    recordSourceWatermark: async ({ key, ts }) => recordSourceWatermark(db, key, ts),
  };
}
