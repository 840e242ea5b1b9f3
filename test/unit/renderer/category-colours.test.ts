import { describe, expect, it } from 'vitest';
import { typeStacks } from '../../../src-renderer/views/overview/type-stacks.js';
import { TEST_THEME } from '../../helpers/chart-theme.js';

const theme = TEST_THEME;

const colourOf = (cells: Parameters<typeof typeStacks>[0], name: string) => {
  const stack = typeStacks(cells).stacks.find((s) => s.name === name);
  const colour = stack?.color;
  return typeof colour === 'function' ? colour(theme) : colour;
};

describe('detection-type colours', () => {
  const all = [
    { country: 'US', detectionType: 'waf_rule', sessions: 900 },
    { country: 'US', detectionType: 'sqli', sessions: 50 },
    { country: 'DE', detectionType: 'xss', sessions: 20 },
  ];

  it('keep a type its colour when a filter removes the types ranked before it', () => {
    const before = colourOf(all, 'xss');
    const filtered = all.filter((c) => c.detectionType === 'xss');
    expect(before).toBeDefined();
    expect(colourOf(filtered, 'xss')).toBe(before);
    expect(colourOf([...all].reverse(), 'sqli')).toBe(colourOf(all, 'sqli'));
  });

  it('give the types of one chart distinct colours while the palette has room', () => {
    const types = ['waf_rule', 'flow_log', 'threat_intel', 'auth_log', ''];
    const cells = types.map((t) => ({ country: 'US', detectionType: t, sessions: 1 }));
    const colours = typeStacks(cells).stacks.map((s) =>
      typeof s.color === 'function' ? s.color(theme) : s.color,
    );
    expect(new Set(colours).size).toBe(types.length);
  });

  it('never paint a type in the red that means flagged', () => {
    const names = Array.from({ length: 200 }, (_, i) => `type-${i}`);
    const cells = names.map((n) => ({ country: 'US', detectionType: n, sessions: 1 }));
    for (const n of names) expect(colourOf(cells, n)).not.toBe(theme.danger);
  });
});
