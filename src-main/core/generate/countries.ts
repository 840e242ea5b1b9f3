// Where synthetic clients come from. Each /16 prefix below was checked against the GeoIP database
// the app ships (@ip-location-db/geo-whois-asn-country): the whole block maps to that country, so
// an IP drawn from it geolocates to the code written beside it and enrichment agrees with the log.

export interface Country {
  code: string;
  /** Share of benign traffic (relative; a skewed, Zipf-like mix for a global web site). */
  weight: number;
  /** Hours from UTC, roughly the populated part of the country, for the diurnal pattern. */
  utcOffset: number;
  /** Rare for this site: sources of `rare_country_odd_hours` come from these. */
  rare: boolean;
  /** First two octets of /16 blocks allocated to the country. */
  prefixes: readonly (readonly [number, number])[];
}

const table: [string, number, number, string][] = [
  ['US', 30, -6, '22.98 50.113 74.104 136.87 165.238 2.0'],
  ['DE', 7, 1, '2.28 53.29 77.7 87.164 109.45 149.243'],
  ['GB', 6, 0, '1.186 25.159 51.126 82.171 107.34 149.254'],
  ['CA', 5, -5, '3.96 70.24 99.249 142.27 142.183 167.92'],
  ['NL', 4, 1, '2.153 80.57 89.220 144.119 145.107 146.106'],
  ['FR', 4, 1, '2.3 78.235 86.193 90.43 93.6 159.217'],
  ['IN', 4, 5.5, '1.6 47.15 101.217 117.96 122.162 171.49'],
  ['JP', 3.5, 9, '1.5 81.203 124.212 133.134 158.209 218.128'],
  ['BR', 3, -3, '4.160 177.119 179.147 187.22 189.102 200.17'],
  ['AU', 2.5, 10, '1.40 42.241 101.162 120.156 136.186 155.71'],
  ['SG', 2.5, 8, '3.0 8.177 43.6 43.62 43.118 119.234'],
  ['AE', 2, 4, '2.48 5.192 31.215 86.96 92.97 94.204'],
  ['AT', 2, 1, '46.74 80.109 85.124 129.27 146.108 178.189'],
  ['IL', 2, 2, '2.52 51.58 80.178 85.250 132.64 147.235'],
  ['CN', 2, 8, '1.3 49.223 110.243 116.210 123.169 183.157'],
  ['SE', 1.5, 1, '2.64 62.247 83.209 95.193 143.118 178.30'],
  ['ES', 1.5, 1, '2.136 62.175 81.40 85.52 89.129 155.210'],
  ['IT', 1.5, 1, '2.32 51.118 81.126 88.61 95.252 151.67'],
  ['KR', 1.2, 9, '1.11 42.38 112.160 121.156 175.211 211.189'],
  ['PL', 1.2, 1, '5.173 77.65 82.177 83.31 89.229 178.37'],
  ['RU', 1, 3, '2.60 37.146 83.239 95.26 158.250 178.186'],
  ['MX', 1, -6, '68.155 177.229 187.178 187.253 189.195 200.92'],
  ['CH', 1, 1, '4.163 57.53 84.72 138.187 152.96 165.222'],
  ['IE', 1, 0, '3.248 34.245 52.51 54.229 86.42 99.80'],
  ['HK', 1, 8, '1.36 49.130 65.72 119.247 177.211 218.250'],
  ['ZA', 0.8, 2, '4.167 41.117 105.11 146.230 165.148 196.255'],
  ['TR', 0.7, 3, '5.24 78.166 85.99 88.246 95.13 176.235'],
  ['AR', 0.6, -3, '24.232 181.14 181.100 186.58 186.191 190.226'],
  ['ID', 0.6, 7, '9.154 39.193 39.231 114.1 120.169 140.0'],
  ['VN', 0.5, 7, '1.52 14.225 27.68 113.173 116.106 171.225'],
  ['UA', 0.4, 2, '5.58 37.55 46.119 88.154 109.87 176.37'],
  ['NG', 0.3, 1, '41.58 102.91 105.112 105.117 105.122 105.127'],
  // Rare for this site: a trickle of benign traffic, so country alone does not give attacks away.
  ['IS', 0.05, 0, '82.221 130.208 157.157 160.210 193.4 194.144'],
  ['PY', 0.05, -4, '177.250 181.40 181.121 181.123 181.125 181.127'],
  ['MD', 0.04, 2, '92.115 93.116 109.185 188.237'],
  ['KZ', 0.06, 5, '2.72 2.77 2.134 37.151 95.57 164.0'],
  ['LK', 0.04, 5.5, '112.134 112.135 124.43 175.157'],
];

export const COUNTRIES: readonly Country[] = table.map(([code, weight, utcOffset, prefixes]) => ({
  code,
  weight,
  utcOffset,
  rare: weight < 0.1,
  prefixes: prefixes.split(' ').map((p) => {
    const [a, b] = p.split('.').map(Number);
    return [a!, b!] as const;
  }),
}));

export const RARE_COUNTRIES: readonly number[] = COUNTRIES.flatMap((c, i) => (c.rare ? [i] : []));
