// Strings that would run code, load something or start a formula if any output used them raw.
export const HOSTILE = {
  img: `<img src=x onerror="window.__pwned='img'">`,
  script: `</script><script>window.__pwned='script'</script>`,
  js: `javascript:window.__pwned='href'`,
  svg: `<svg onload="window.__pwned='svg'"></svg>`,
  link: `<a href="javascript:window.__pwned='a'">x</a><link rel=stylesheet href="http://198.51.100.1/x.css">`,
  css: `<style>@import url(http://198.51.100.1/y.css); body{background:url(http://198.51.100.1/z.png)}</style>`,
  formula: `=HYPERLINK("http://198.51.100.1/","click")`,
};

/** A hostile tag name (tags are 1 to 60 characters). */
export const HOSTILE_TAG = `<img src=x onerror="window.__pwned='tag'">`;

/** One string carrying all of them. */
export const ALL_HOSTILE = Object.values(HOSTILE).join(' ');

/** Cell prefixes that spreadsheets treat as formulas. */
export const FORMULA_CELLS = ['=1+2', '+cmd|x', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
