// IPv6 addresses for some clients. Each /32 below was checked against the GeoIP database the app
// ships (as countries.ts did for IPv4): addresses in it geolocate to the country beside it, so
// enrichment agrees with the client's country. Countries without a checked block stay IPv4.
import { mixKey } from '../writers/format-writer.js';

const PREFIXES: Record<string, readonly string[]> = {
  US: ['2601:1c0', '2603:6000', '2600:1700', '2607:fb90'],
  DE: ['2003:e0', '2a02:8108', '2a01:598'],
  GB: ['2a00:23c5', '2a02:c7c', '2a01:4b00'],
  CA: ['2607:fea8', '2001:56a'],
  NL: ['2a02:a440', '2001:1c00'],
  FR: ['2a01:cb00', '2a01:e0a', '2001:861'],
  IN: ['2409:4050', '2401:4900', '2405:201'],
  JP: ['240b:10', '2400:4050'],
  BR: ['2804:14c', '2804:7f0'],
  AU: ['2001:8003', '2403:5800'],
  SG: ['2406:3003'],
  IT: ['2a01:e11', '2001:b07'],
  ES: ['2a0c:5a80'],
  PL: ['2a01:110f'],
  SE: ['2001:2043'],
  MX: ['2806:101e'],
  CN: ['240e:3b0', '2408:8207'],
};

/** Countries with a checked IPv6 block. */
export function hasIpv6(country: string): boolean {
  return country in PREFIXES;
}

/**
 * The stable IPv6 address of source `key` in `country` (a checked /32, then six groups from the
 * key, as a privacy address looks), or null when the country has no checked block.
 */
export function ipv6For(country: string, key: number): string | null {
  const prefixes = PREFIXES[country];
  if (!prefixes) return null;
  const prefix = prefixes[mixKey(key, 0x61) % prefixes.length];
  const a = mixKey(key, 0x62);
  const b = mixKey(key, 0x63);
  const c = mixKey(key, 0x64);
  const groups = [a >>> 16, a & 0xffff, b >>> 16, b & 0xffff, c >>> 16, (c & 0xffff) | 1];
  return `${prefix}:${groups.map((g) => g.toString(16)).join(':')}`;
}
