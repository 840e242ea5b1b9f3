// Dark by default, light on request; the choice is remembered on this machine.
import { createStore, useStore } from './store.js';

export type Theme = 'dark' | 'light';
const KEY = 'vigil.theme';

function stored(): Theme {
  try {
    return localStorage.getItem(KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export const themeStore = createStore<Theme>(stored());

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this session only.
  }
  applyTheme(theme);
  themeStore.set(theme);
}

export function useTheme(): Theme {
  return useStore(themeStore);
}

// Applied when the module loads, before the first render, so the page never flashes the other theme.
applyTheme(themeStore.get());
