import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isDottedQuad } from '../../../src-main/core/ingest/values.js';

describe('isDottedQuad (the IPv4 fast path before node:net isIP)', () => {
  it('accepts exactly what isIP accepts as IPv4, on valid, edge and hostile strings', () => {
    const cases = [
      '0.0.0.0',
      '255.255.255.255',
      '10.138.69.97',
      '1.2.3.4',
      '01.2.3.4',
      '1.2.3.04',
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.4.',
      '.1.2.3.4',
      '1..2.3',
      '1.2.3.1000',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1.2.3.a',
      '１.2.3.4',
      '::1',
      '2001:db8::1',
      '',
      '1.2.3.-4',
      '999.999.999.999',
      '0.0.0.00',
    ];
    let seed = 5;
    for (let i = 0; i < 5_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const parts = [
        seed % 300,
        (seed >>> 8) % 260,
        (seed >>> 16) % 256,
        seed % 7 === 0 ? `0${seed % 10}` : seed % 256,
      ];
      cases.push(parts.slice(0, 3 + (seed % 5 === 0 ? 0 : 1)).join('.'));
    }
    for (const value of cases) expect(isDottedQuad(value), value).toBe(isIP(value) === 4);
  });
});
