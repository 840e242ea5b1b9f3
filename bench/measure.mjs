// Runs a command and reports its wall time and peak RSS. Peak RSS comes from getrusage of the
// children, read by Debian's python3, so ours and the reference are measured the same way.
import { spawnSync } from 'node:child_process';

const PEAK = `import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
sys.stderr.buffer.write(p.stderr)
sys.stdout.buffer.write(p.stdout)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("\\n@@measure", p.returncode, wall, u.ru_maxrss, u.ru_utime + u.ru_stime)`;

export function measure(command, args, env = {}) {
  const result = spawnSync('/usr/bin/python3', ['-c', PEAK, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const marker = result.stdout.lastIndexOf('@@measure');
  if (marker < 0) throw new Error(`measure failed: ${result.stderr}`);
  const [, code, wall, rssKb, cpu] = result.stdout.slice(marker).trim().split(/\s+/);
  if (Number(code) !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${code}: ${result.stderr.slice(-500)}`);
  return {
    seconds: Number(wall),
    peakRssMb: Number(rssKb) / 1024,
    // User + system CPU of the command and its threads: on a busy machine wall time also counts
    // the time others had the cores, CPU time does not.
    cpuSeconds: Number(cpu),
    stdout: result.stdout.slice(0, marker),
    stderr: result.stderr,
  };
}

export function option(args, name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
}
