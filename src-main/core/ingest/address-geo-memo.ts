// Country and ASN of client addresses that the string dictionary does not keep (a column coded
// once per row, batch-codec.ts): a public server's log brings hundreds of thousands of clients,
// each a few times, so a lookup per row (a MaxMind tree walk and a binary search) cost the parser
// about 2.5 s per million lines. Keyed by the IPv4 address as a number in typed arrays: a Map
// keyed by the text would hash and copy a string per address, the work this saves.
import { ipv4ToNumber } from '../../../src-shared/filter/ipv4.js';
import type { GeoIp } from '../enrich/geoip.js';

const PLACES = 1 << 19;
const SHIFT = 32 - 19;
// Past this many addresses the memo starts over: load ≤ 1/2, memory flat (5 MB).
const MAX_ADDRESSES = PLACES >> 1;
const EMPTY = -1;
const NO_COUNTRY = -2;
// An ASN is a 32-bit number: kept in 4 bytes, not a double's 8 (2 MB of the memo's 7). The last
// one, AS4294967295, is reserved (RFC 7300) and never in the ASN table, so it stands for none.
const NO_ASN = 0xffff_ffff;

/** The address `text` as a number when it is a dotted quad written the one plain way, else -1. */
export function plainIpv4(text: string): number {
  return ipv4ToNumber(text) ?? -1;
}

export class AddressGeoMemo {
  private readonly keys = new Int32Array(PLACES);
  /** Per place: EMPTY, NO_COUNTRY or an index into `names`. */
  private readonly countries = new Int16Array(PLACES).fill(EMPTY);
  private readonly asns = new Uint32Array(PLACES);
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  private size = 0;

  constructor(private readonly geo: GeoIp) {}

  /** Sets the row's missing country and ASN from its client address `ip`. */
  enrich(row: { country: string | null; asn: number | null }, ip: string): void {
    const address = plainIpv4(ip);
    if (address < 0) {
      if (row.country === null) row.country = this.geo.country(ip);
      if (row.asn === null) row.asn = this.geo.asn(ip);
      return;
    }
    const key = address | 0;
    let at = Math.imul(key, 0x9e3779b1) >>> SHIFT;
    while (this.countries[at] !== EMPTY && this.keys[at] !== key) at = (at + 1) & (PLACES - 1);
    if (this.countries[at] === EMPTY) at = this.add(at, key, ip);
    if (row.country === null) {
      const country = this.countries[at]!;
      row.country = country === NO_COUNTRY ? null : this.names[country]!;
    }
    if (row.asn === null) {
      const asn = this.asns[at]!;
      row.asn = asn === NO_ASN ? null : asn;
    }
  }

  private add(at: number, key: number, ip: string): number {
    if (this.size === MAX_ADDRESSES) {
      this.countries.fill(EMPTY);
      this.size = 0;
      at = Math.imul(key, 0x9e3779b1) >>> SHIFT;
    }
    this.size++;
    const country = this.geo.country(ip);
    let index = NO_COUNTRY;
    if (country !== null) {
      index = this.nameIndex.get(country) ?? this.names.length;
      if (index === this.names.length) {
        this.names.push(country);
        this.nameIndex.set(country, index);
      }
    }
    this.keys[at] = key;
    this.countries[at] = index;
    this.asns[at] = this.geo.asn(ip) ?? NO_ASN;
    return at;
  }
}
