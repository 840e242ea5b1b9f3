// The organisation holding an AS number, for the analyst's eye (the IP drill-down shows "AS15169
// Google LLC"): the fourth column of @ip-location-db/asn's range lists (IPv4, then IPv6 for AS
// numbers only they name). Read on the first question in a process (about 0.4 s, some 80 000
// names): only the drill-down asks, and imports never load it.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let names: Map<number, string> | null = null;

/** The name the package gives AS `asn`, or null for a number it does not list. */
export function asName(asn: number): string | null {
  names ??= readNames();
  return names.get(asn) ?? null;
}

function readNames(): Map<number, string> {
  const byAsn = new Map<number, string>();
  for (const list of ['asn-ipv4.csv', 'asn-ipv6.csv']) {
    const text = fs.readFileSync(require.resolve(`@ip-location-db/asn/${list}`), 'utf8');
    for (const line of text.split('\n')) {
      // first,last,asn,name: the name may be quoted, with commas and doubled quotes inside.
      const a = line.indexOf(',');
      const b = line.indexOf(',', a + 1);
      const c = line.indexOf(',', b + 1);
      if (a < 0 || b < 0 || c < 0) continue;
      const asn = Number(line.slice(b + 1, c));
      if (!Number.isInteger(asn) || byAsn.has(asn)) continue;
      const raw = line.slice(c + 1).trim();
      const name = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
      // Some rows name the AS by its own number: no name then.
      if (name !== '' && name !== `AS${asn}`) byAsn.set(asn, name);
    }
  }
  return byAsn;
}
