import path from 'node:path';
import type { Command } from 'commander';
import { AwsConnection } from '../../../src-shared/cloudwatch.js';
import { appRoot } from '../../core/paths.js';
import { chromiumPrinter } from '../../core/reports/pdf.js';
import { createCore } from '../../core/service.js';
import { startServer } from '../../server/index.js';
import { isLoopbackHost } from '../../server/origin-check.js';
import { type CommonOptions, printJson, withCommonOptions } from '../options.js';
import { say, warn } from '../terminal-text.js';

interface ServeOptions extends CommonOptions {
  port: string;
  host: string;
  allowRemote?: boolean;
  sample: boolean;
  chromium?: string;
  cloudwatchEndpoint?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${value}"`);
  return port;
}

export function registerServe(program: Command): void {
  withCommonOptions(
    program
      .command('serve')
      .description('Open Vigil in your browser: serves the interface and API on this machine')
      .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option('--allow-remote', 'permit a --host that other machines can reach')
      .option('--no-sample', 'do not import the embedded sample into an empty database')
      .option(
        '--chromium <path>',
        'Chromium that prints PDF reports (default VIGIL_CHROMIUM, else /usr/bin/chromium)',
      )
      .option(
        '--cloudwatch-endpoint <url>',
        "where the page's CloudWatch Logs calls go instead of AWS's own endpoint (an emulator, a VPC endpoint)",
      ),
    // The page records verdicts, cases and IOC lists: a name given here signs them all, over the
    // "Signed as" setting (which the page can change, but not past this name).
    { signs: true },
  )
    .addHelpText(
      'after',
      '\nPrints a link holding a one-time access token; open it in a browser. Ctrl+C stops.',
    )
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      // The page cannot choose an endpoint (it could send the AWS credentials anywhere): only this flag.
      const endpoint = AwsConnection.shape.endpoint.safeParse(options.cloudwatchEndpoint);
      if (!endpoint.success)
        throw new Error(`--cloudwatch-endpoint must be an http(s) URL, not "${options.cloudwatchEndpoint}"`);
      if (!isLoopbackHost(options.host)) {
        if (!options.allowRemote)
          throw new Error(
            `--host ${options.host} lets other machines reach Vigil; add --allow-remote if that is what you want`,
          );
        warn(
          `vigil: warning: listening on ${options.host}. Anyone who can reach it and has the link can read and change your data, and the traffic is not encrypted.`,
        );
      }
      // Listening for the stop signals before anything starts: whoever reads the URL may send
      // SIGTERM the moment it is printed, and a signal that came before the listener ended the
      // process on the spot (killed by it, not exiting 0, its database and threads not closed).
      const stopAsked = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const core = createCore({
        dbPath: options.db,
        analyst: options.analyst,
        sampleOnFirstStart: options.sample,
        printToPdf: chromiumPrinter(options.chromium),
        cloudWatchEndpoint: endpoint.data,
      });
      const server = await startServer({
        core,
        host: options.host,
        port,
        rendererDir: path.join(appRoot(), 'dist', 'renderer'),
      }).catch(async (error: Error) => {
        await core.close();
        throw error;
      });
      if (options.json) printJson({ url: server.url, port: server.port, db: path.resolve(options.db) });
      else
        say(
          `Vigil is serving at ${server.url}\nDatabase: ${path.resolve(options.db)}\nPress Ctrl+C to stop.`,
        );
      // The first start of an empty database loads the sample: say so once it is in.
      if (core.sampleJob && !options.json)
        void core.jobs
          .wait(core.sampleJob)
          .then((record) =>
            say(
              record?.status === 'done'
                ? `Loaded the embedded sample into the empty database: ${record.stored} sessions.`
                : 'The embedded sample could not be loaded: see Import in the app.',
            ),
          );
      await stopAsked;
      await server.close();
      await core.close();
      warn('vigil: stopped.');
    });
}
