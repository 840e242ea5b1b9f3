import type { Command } from 'commander';
import { registerAudit } from './audit.js';
import { registerCase } from './case.js';
import { registerDemo } from './demo.js';
import { registerGenerate } from './generate.js';
import { registerImports } from './imports.js';
import { registerIngest } from './ingest.js';
import { registerIoc } from './ioc.js';
import { registerLogGroups } from './log-groups.js';
import { registerModels } from './models.js';
import { registerPreset } from './preset.js';
import { registerPull } from './pull.js';
import { registerReport } from './report.js';
import { registerScore } from './score.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';
import { registerTrain } from './train.js';
import { registerVerdict } from './verdict.js';

export function registerCommands(program: Command): void {
  registerIngest(program);
  registerImports(program);
  registerStats(program);
  registerDemo(program);
  registerGenerate(program);
  registerPreset(program);
  registerServe(program);
  registerPull(program);
  registerLogGroups(program);
  registerVerdict(program);
  registerCase(program);
  registerIoc(program);
  registerAudit(program);
  registerReport(program);
  registerTrain(program);
  registerScore(program);
  registerModels(program);
}
