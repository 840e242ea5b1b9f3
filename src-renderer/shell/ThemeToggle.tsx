import { setTheme, useTheme } from '../state/theme.js';

export function ThemeToggle() {
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="small theme-toggle"
      data-testid="theme-toggle"
      aria-label={`Switch to the ${next} theme`}
      onClick={() => setTheme(next)}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
