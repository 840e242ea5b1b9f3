import type { ChartTheme } from '../../src-renderer/charts/palette.js';

/** The dark theme's chart colours, as chartTheme() reads them from the page's CSS. */
export const TEST_THEME: ChartTheme = {
  text: '#d6dde6',
  muted: '#8a96a6',
  border: '#29313c',
  surface: '#161b22',
  accent: '#6cb6d9',
  danger: '#e07474',
  low: '#1d3b4d',
  series: ['#6cb6d9', '#d8a54a', '#67b98f', '#b48ead', '#e07474', '#88c0d0', '#ebcb8b', '#a3be8c'],
};
