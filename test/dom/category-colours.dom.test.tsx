// Category colours are remembered in the page's storage: a reload (a fresh module) asked for the
// same types in another order gives each its colour from before.
import { describe, expect, it, vi } from 'vitest';
import { TEST_THEME } from '../helpers/chart-theme.js';

const load = async () => {
  vi.resetModules();
  return (await import('../../src-renderer/charts/category-colours.js')).categoryColour;
};

describe('category colours across reloads', () => {
  it('keep each type its colour whatever order the next page asks in', async () => {
    localStorage.clear();
    const first = await load();
    const before = ['waf_rule', 'flow_log', 'auth_log'].map((t) => first(TEST_THEME, 'type', t));
    const second = await load();
    const after = ['auth_log', 'flow_log', 'waf_rule'].map((t) => second(TEST_THEME, 'type', t)).reverse();
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(3);
  });

  it('start afresh from a damaged entry', async () => {
    localStorage.setItem('vigil.categoryColours', '{not json');
    const colour = await load();
    expect(colour(TEST_THEME, 'type', 'waf_rule')).toBe(TEST_THEME.series[0]);
  });
});
