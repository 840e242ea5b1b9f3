import fs from 'node:fs';
import type { Command } from 'commander';
import { ColumnPreset, LogFormatPreset, type MappingPreset } from '../../../src-shared/domain.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

export function registerPreset(program: Command): void {
  const preset = program
    .command('preset')
    .description(
      'Presets for vigil ingest --map NAME: column mappings for mapped-csv / mapped-jsonl imports, and web server log formats',
    );

  withCommonOptions(
    preset
      .command('save')
      .description('Validate a preset JSON file and save it under its name (replacing one of the same name)')
      .argument(
        '<file>',
        'preset JSON: {"name", "format": "mapped-csv"|"mapped-jsonl", "timestampFormat", "columns": {...}} or {"name", "format": "log-format", "logFormat"}; any other key is refused (README: Preset files)',
      ),
  ).action((file: string, options: WorkspaceOptions) => {
    const value = readPresetFile(file);
    return withWorkspace(options, async ({ call }) => {
      await call('savePreset', value);
      if (options.json) return printJson(value);
      say(
        `Saved mapping preset "${value.name}" (${value.format}). Import with: vigil ingest --map "${value.name}" FILE`,
      );
    });
  });

  withCommonOptions(
    preset
      .command('log-format')
      .description(
        "Save a web server's log format (an nginx log_format or Apache LogFormat string) as a preset, checked first",
      )
      .argument('<name>', 'preset name')
      .argument('<format>', `the format string, or a stock nickname (common, combined, vhost_combined, …)`),
  ).action((name: string, logFormat: string, options: WorkspaceOptions) => {
    const parsed = LogFormatPreset.safeParse({ name, format: 'log-format', logFormat });
    if (!parsed.success)
      throw new Error(`Invalid preset: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return withWorkspace(options, async ({ call }) => {
      await call('savePreset', parsed.data);
      if (options.json) return printJson(parsed.data);
      say(`Saved log format preset "${name}". Import with: vigil ingest --map "${name}" FILE`);
    });
  });

  withCommonOptions(preset.command('list').description('List the saved presets')).action(
    (options: WorkspaceOptions) =>
      withWorkspace(options, async ({ call }) => {
        const presets = await call('listPresets', {});
        if (options.json) return printJson(presets);
        if (presets.length === 0)
          return say('No mapping presets yet. Save one with: vigil preset save FILE.json');
        say(
          table([
            ['name', 'format', 'timestamps', 'columns (field=source) / log format'],
            ...presets.map((p) =>
              p.format === 'log-format'
                ? [p.name, p.format, '-', p.logFormat]
                : [
                    p.name,
                    p.format,
                    p.timestampFormat,
                    Object.entries(p.columns)
                      .map(([field, column]) => `${field}=${column}`)
                      .join(' '),
                  ],
            ),
          ]),
        );
      }),
  );
}

/** Reads and validates a preset file; the error names the file and every invalid field. */
export function readPresetFile(file: string): MappingPreset {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read preset ${file}: ${(error as Error).message}`);
  }
  // Checked against the schema its format names, so every bad field of it is reported.
  const format = (json as { format?: unknown } | null)?.format;
  const parsed = (format === 'log-format' ? LogFormatPreset : ColumnPreset).safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new Error(`Invalid preset ${file}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}
