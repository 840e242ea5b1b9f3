// A command's database, opened as a core exactly as the app and serve mode open it, and its
// operations called through `callOperation`: the CLI is a face of the service, like IPC and HTTP,
// limited by the contract to the operations offered to it.
import type { ArgsOf, OperationFor, ResultOf } from '../../src-shared/api.js';
import { callOperation } from '../../src-shared/call.js';
import { type Core, type CoreOptions, createCore } from '../core/service.js';
import type { CommonOptions } from './options.js';

/** A command's options as a workspace reads them (--analyst, on commands that sign, signs its changes). */
export type WorkspaceOptions = CommonOptions;

/**
 * An operation's arguments as a command line gives them: any string where the contract wants one of
 * a few (a severity, a format), since checking those is the contract's job, not the command's.
 */
export type CommandLineArgs<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? CommandLineArgs<U>[]
    : T extends object
      ? { [P in keyof T]: CommandLineArgs<T[P]> }
      : T;

/** Where an operation's argument came from on the command line, when not `--<its name>`. */
export type OptionNames = Record<string, string>;

export interface Workspace {
  core: Core;
  /** Calls an operation offered to the CLI; invalid arguments and refusals throw their message. */
  call<K extends OperationFor<'cli'>>(
    name: K,
    args: CommandLineArgs<ArgsOf<K>>,
    options?: OptionNames,
  ): Promise<ResultOf<K>>;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** An argument's issue in the words of the command line: `--severity "urgent": Invalid option: …`. */
function optionIssue(
  path: readonly PropertyKey[],
  message: string,
  names: OptionNames,
  args: unknown,
): string {
  const named = path.filter((key) => typeof key === 'string').join('.');
  const option = names[named] ?? names[String(path[0])] ?? (path.length ? `--${kebab(String(path[0]))}` : '');
  const value = path.reduce<unknown>(
    (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key],
    args,
  );
  const given = typeof value === 'string' || typeof value === 'number' ? ` ${JSON.stringify(value)}` : '';
  return option ? `${option}${given}: ${message}` : message;
}

export async function withWorkspace<T>(
  options: WorkspaceOptions,
  use: (workspace: Workspace) => Promise<T> | T,
  coreOptions: Partial<CoreOptions> = {},
): Promise<T> {
  // Queries answer on this thread: a command asks a few and exits, worker start-up would dominate.
  const core = createCore({ dbPath: options.db, readWorkers: 0, analyst: options.analyst, ...coreOptions });
  const workspace: Workspace = {
    core,
    async call(name, args, names = {}) {
      const outcome = await callOperation(core.service, name, args);
      if (outcome.ok) return outcome.value as ResultOf<typeof name>;
      if (outcome.invalid)
        throw new Error(
          outcome.issues.map((issue) => optionIssue(issue.path, issue.message, names, args)).join('; '),
        );
      throw new Error(outcome.error);
    },
  };
  try {
    return await use(workspace);
  } finally {
    await core.close();
  }
}
