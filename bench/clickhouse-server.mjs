// A throwaway ClickHouse server for the tests and `npm run bench -- clickhouse`: Debian's clickhouse-server started as a
// plain process on loopback with a minimal config in a temp folder (data, tmp and logs there, free
// ports), ready when it answers a query as ours (about 0.15–1 s), stopped by its PID.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CLICKHOUSE_BINARY = '/usr/sbin/clickhouse-server';
// Ports are chosen free and then handed to another process, so another process can take one in
// between (a parallel test's server or any outgoing connection): a start that finds its port taken
// tries again on new ports, this many times.
const START_ATTEMPTS = 4;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function configXml(dir, httpPort, tcpPort) {
  return `<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <keep_alive_timeout>1</keep_alive_timeout>
  <mark_cache_size>53687091</mark_cache_size>
</yandex>
`;
}

// Each server gets its own password: /ping answers for whichever server holds the port, but only
// ours accepts this password, so a start never mistakes another server for its own.
const usersXml = (password) => `<yandex>
  <profiles><default></default></profiles>
  <users><default><password>${password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

/**
 * Starts a server; resolves once it answers as ours (see clickhouse-server.d.mts for its handle).
 * `ports` lists [http, tcp] pairs to try before free ones are chosen: the tests give a taken port.
 */
export async function startClickHouse({ ports = [] } = {}) {
  if (!fs.existsSync(CLICKHOUSE_BINARY))
    throw new Error(`${CLICKHOUSE_BINARY} is missing: apt-get install clickhouse-server (see .ci/run)`);
  let lastTaken = '';
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const [httpPort, tcpPort] = ports[attempt] ?? [await freePort(), await freePort()];
    const started = await startOn(httpPort, tcpPort);
    if (started.server) return started.server;
    if (!started.portTaken) throw started.error;
    lastTaken = started.error.message;
  }
  throw new Error(`clickhouse-server found its ports taken ${START_ATTEMPTS} times; the last: ${lastTaken}`);
}

async function startOn(httpPort, tcpPort) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-clickhouse-'));
  fs.mkdirSync(path.join(dir, 'log'));
  const password = `vigil-test-${crypto.randomBytes(9).toString('hex')}`;
  fs.writeFileSync(path.join(dir, 'config.xml'), configXml(dir, httpPort, tcpPort));
  fs.writeFileSync(path.join(dir, 'users.xml'), usersXml(password));
  const child = spawn(CLICKHOUSE_BINARY, [`--config-file=${path.join(dir, 'config.xml')}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${httpPort}`;
  const sql = async (query, signal) => {
    const response = await fetch(`${url}/?user=default&password=${password}`, {
      method: 'POST',
      body: query,
      signal,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    return text;
  };
  const giveUp = async (message) => {
    child.kill('SIGKILL');
    await exited;
    const log = `${stderr}${readLog(dir)}`;
    fs.rmSync(dir, { recursive: true, force: true });
    return { error: new Error(`${message}: ${log}`), portTaken: /Address already in use/i.test(log) };
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) return giveUp(`clickhouse-server exited (${child.exitCode})`);
    // A server that cannot bind may log it and linger rather than exit.
    if (/Address already in use/i.test(readLog(dir)))
      return giveUp('clickhouse-server could not bind its ports');
    try {
      // Our password, so only our server says yes; bounded, as whoever holds the port may never answer.
      if ((await sql('SELECT 1', AbortSignal.timeout(1000))).trim() === '1') break;
    } catch {
      // Not listening yet, or not ours.
    }
    if (Date.now() > deadline) return giveUp('clickhouse-server did not answer in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    server: {
      url,
      dir,
      password,
      process: child,
      sql: (query) => sql(query),
      kill: () => child.kill('SIGKILL'),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

function readLog(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'log', 'error.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
