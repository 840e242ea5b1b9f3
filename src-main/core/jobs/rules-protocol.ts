import type { RulesRunOutcome, RulesRunProgress } from '../rule-hits/rules-run.js';

/** What the rules-run worker is started with. */
export interface RulesWorkerInput {
  dbPath: string;
}

export type RulesWorkerMessage =
  | { type: 'progress'; progress: RulesRunProgress }
  | { type: 'done'; outcome: RulesRunOutcome }
  | { type: 'error'; message: string };

export type RulesWorkerCommand = { type: 'cancel' };
