import { useEffect } from 'react';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** `/` focuses the filter and `?` opens the shortcuts, unless the analyst is typing somewhere. */
export function useShortcuts(focusFilter: () => void, showHelp: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        focusFilter();
      } else if (event.key === '?') {
        event.preventDefault();
        showHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusFilter, showHelp]);
}
