// A throwaway ClickHouse server for the tests and `npm run bench -- clickhouse`: Debian's clickhouse-server started as a
// plain process on loopback with a minimal config in a temp folder (data, tmp and logs there, free
// ports), ready when it answers /ping (about 0.15–1 s), stopped by its PID.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CLICKHOUSE_BINARY = '/usr/sbin/clickhouse-server';
export const TEST_PASSWORD = 'vigil-test-secret';

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

const USERS_XML = `<yandex>
  <profiles><default></default></profiles>
  <users><default><password>${TEST_PASSWORD}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

/** Starts a server; resolves once it answers /ping (see clickhouse-server.d.mts for its handle). */
export async function startClickHouse() {
  if (!fs.existsSync(CLICKHOUSE_BINARY))
    throw new Error(`${CLICKHOUSE_BINARY} is missing: apt-get install clickhouse-server (see .ci/run)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-clickhouse-'));
  fs.mkdirSync(path.join(dir, 'log'));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  fs.writeFileSync(path.join(dir, 'config.xml'), configXml(dir, httpPort, tcpPort));
  fs.writeFileSync(path.join(dir, 'users.xml'), USERS_XML);
  const child = spawn(CLICKHOUSE_BINARY, [`--config-file=${path.join(dir, 'config.xml')}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${httpPort}`;
  const sql = async (query) => {
    const response = await fetch(`${url}/?user=default&password=${TEST_PASSWORD}`, {
      method: 'POST',
      body: query,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    return text;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`clickhouse-server exited (${child.exitCode}): ${stderr}${readLog(dir)}`);
    try {
      if ((await fetch(`${url}/ping`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clickhouse-server did not answer /ping in 20 s: ${readLog(dir)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dir,
    password: TEST_PASSWORD,
    process: child,
    sql,
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
  };
}

function readLog(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'log', 'error.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
