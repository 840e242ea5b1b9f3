// IP address syntax check usable in the renderer too (no node:net there).
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(text: string): boolean {
  return V4.test(text);
}

/** IPv6 in its text forms: full, "::"-compressed, with an embedded IPv4 tail. No zone ids. */
export function isIPv6(text: string): boolean {
  if (text.length > 45 || !text.includes(':')) return false;
  let body = text;
  let extra = 0;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    if (!isIPv4(body.slice(lastColon + 1))) return false;
    body = `${body.slice(0, lastColon + 1)}0`;
    extra = 1;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((list) => list.every((g) => V6_GROUP.test(g)))) return false;
  const count = groups.reduce((n, list) => n + list.length, 0) + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}
