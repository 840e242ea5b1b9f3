// `vigil rules add|list|remove|run`: detection rules (Sigma) through the service, like the app.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { levelText, type RuleRefusalInfo, type RuleSetInfo } from '../../../src-shared/rules.js';
import { followJob } from '../follow-job.js';
import { reportUnfinished } from '../model-job.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say, warn } from '../terminal-text.js';
import { type Workspace, type WorkspaceOptions, withWorkspace } from '../workspace.js';

const RULES_HELP = `
Vigil ships a rule pack for web attacks (SQL injection, XSS, traversal, command injection, SSTI,
Log4Shell, web shells, scanners, sensitive files, admin panels, shellshock, SSRF) and runs it, with
every folder you add, on each import's new sessions. Suricata alerts in an eve.json become hits too.
After adding, changing or removing a set, \`vigil rules run\` recomputes the hits of stored sessions.
Filter hits with sigma:TITLE-OR-ID and level:high (or level:>=medium). README: "Detection rules".`;

function state(set: RuleSetInfo): string {
  if (!set.enabled) return 'off';
  return set.stale ? 'changed: run `vigil rules run`' : 'current';
}

function describeRefusal(refusal: RuleRefusalInfo): string {
  const rule = refusal.title ?? refusal.ruleId;
  return `${refusal.file}:${refusal.line}: ${rule ? `${rule}: ` : ''}${refusal.reason}`;
}

/** A set by id, or by source (`pack`, `suricata`, a folder's path as given to `add`, relative or not). */
async function setNamed(call: Workspace['call'], name: string): Promise<RuleSetInfo> {
  const sets = await call('listRuleSets', {});
  const folder = path.resolve(name);
  const names = new Set([
    name.replace(/\/+$/, ''),
    folder,
    fs.existsSync(folder) ? fs.realpathSync(folder) : folder,
  ]);
  const found = /^\d+$/.test(name)
    ? sets.find((set) => set.id === Number(name))
    : sets.find((set) => names.has(set.source.replace(/\/+$/, '')));
  if (!found)
    throw new Error(
      `No rule set "${name}". Sets: ${sets.map((set) => `${set.id} (${set.source})`).join(', ') || 'none'}`,
    );
  return found;
}

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description('Detection rules (Sigma): the shipped pack and folders you add, run on sessions')
    .addHelpText('after', RULES_HELP);

  withCommonOptions(
    rules
      .command('add <dir>')
      .description(
        'Load every rule file (.yml, .yaml) under a folder as one set; reloading a folder replaces it',
      )
      .addHelpText(
        'after',
        '\nSays how many rules loaded and, for each refused one, its file, line and the reason. The new\nrules run on future imports; `vigil rules run` runs them on the sessions already stored.\n' +
          'A rule needs a title, a logsource and a detection. Without an id it gets one derived from its\n' +
          'file (within DIR) and title, listed as "(derived)". Without a level, it and its hits read "no level"\n' +
          '(level null in JSON exports) and its hits rank with informational (level:informational finds\n' +
          'them, level:>=low does not).\n' +
          'A rule another set holds already (same id and definition: a copied file) is refused, as it would\n' +
          'run twice. A folder in which no rule loads is refused: exit code 1, nothing stored.',
      ),
  ).action((dir: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const result = await call('addRuleFolder', { path: dir }, { path: '<dir>' });
      if (options.json) return printJson(result);
      say(
        `${result.set.source}: ${result.loaded} rule(s) loaded from ${result.set.files} file(s), ${result.refused.length} refused.`,
      );
      for (const refusal of result.refused) warn(`refused ${describeRefusal(refusal)}`);
      if (result.set.stale && result.loaded > 0)
        say('Run `vigil rules run` to apply them to the sessions already stored.');
    }),
  );

  withCommonOptions(
    rules
      .command('list')
      .description('The rule sets, their rules and hits, and whether the hits are current')
      .option('--rules', 'list each rule of each set with its level, hits and ATT&CK techniques'),
  ).action((options: WorkspaceOptions & { rules?: boolean }) =>
    withWorkspace(options, async ({ call }) => {
      const sets = await call('listRuleSets', {});
      if (options.json) return printJson(sets);
      say(
        table([
          ['id', 'source', 'kind', 'rules', 'refused', 'hits', 'state'],
          ...sets.map((set) => [
            set.id,
            set.source,
            set.kind,
            set.rules.length,
            set.refused.length,
            set.hits,
            state(set),
          ]),
        ]),
      );
      if (!options.rules) return;
      for (const set of sets) {
        if (set.rules.length === 0) continue;
        say(`\n${set.source}`);
        say(
          table([
            ['level', 'hits', 'technique', 'title', 'id'],
            ...set.rules.map((rule) => [
              levelText(rule.level),
              rule.hits,
              rule.techniques.join(', ') || '-',
              rule.title,
              rule.derivedId ? `${rule.ruleId} (derived)` : rule.ruleId,
            ]),
          ]),
        );
      }
    }),
  );

  withCommonOptions(
    rules
      .command('remove <set>')
      .description('Turn a set off (by id, or by source: pack, suricata, a folder) and remove its hits'),
  ).action((name: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const set = await setNamed(call, name);
      const removed = await call('removeRuleSet', { id: set.id });
      if (options.json) return printJson(removed);
      const again =
        removed.kind === 'folder'
          ? `\`vigil rules add ${removed.source}\` turns it on again`
          : removed.kind === 'pack'
            ? '`vigil rules add pack` turns it on again'
            : `\`vigil rules add ${removed.source}\` turns it on again for new imports`;
      say(`Rule set ${removed.id} (${removed.source}) is off; its hits were removed. ${again}.`);
    }),
  );

  withCommonOptions(
    rules
      .command('run')
      .description('Run the enabled rule sets over every stored session, replacing their hits')
      .addHelpText('after', '\nCtrl-C or SIGTERM cancels: the hits stay as they were before the run.'),
  ).action((options: WorkspaceOptions) =>
    withWorkspace(options, async ({ core, call }) => {
      const { jobId } = await call('runRules', {});
      const job = await followJob(core, jobId, { label: 'rules', showProgress: !options.json });
      if (reportUnfinished(job, 'Rules run', 'the hits stay as they were before it')) return;
      if (options.json) return printJson({ ...job.rulesRun, message: job.message });
      say(job.message);
    }),
  );
}
