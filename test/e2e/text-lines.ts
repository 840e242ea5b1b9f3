// The lines a browser laid an element's text out on, to check where it breaks (an address only
// after a colon, a time never inside itself).
import type { Locator } from 'playwright-core';

/** The element's text, one string per line box, top to bottom (characters grouped by their top). */
export function renderedLines(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const byTop = new Map<number, string>();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        byTop.set(top, (byTop.get(top) ?? '') + text[i]);
      }
    }
    return [...byTop.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
  });
}
