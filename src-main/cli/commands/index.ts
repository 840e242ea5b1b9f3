import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerGenerate } from './generate.js';
import { registerImports } from './imports.js';
import { registerIngest } from './ingest.js';
import { registerLogGroups } from './log-groups.js';
import { registerPreset } from './preset.js';
import { registerPull } from './pull.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';

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
}
