// Flake hunting: with VIGIL_E2E_JITTER_MS set, every API call a test page makes waits a random time
// (0 to that many ms) before it is sent, so answers come back in orders a slower machine (CI) can
// produce. A test that waits for the state it reads passes under it; one that reads a value right
// after an action, before the answer that sets it arrived, fails here instead of once in fifty on CI.
import type { Browser, BrowserContext } from 'playwright-core';

/** The most a call is held back, from the environment; 0 (the default) leaves every call alone. */
export function jitterMs(): number {
  const value = Number(process.env.VIGIL_E2E_JITTER_MS ?? 0);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`VIGIL_E2E_JITTER_MS must be ms ≥ 0, got ${value}`);
  return value;
}

/** Holds back the API calls of every context the browser opens (`browser.newPage` opens one too). */
export function jitterApiCalls(browser: Browser, most: number): void {
  if (most <= 0) return;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options): Promise<BrowserContext> => {
    const context = await newContext(options);
    // The event stream stays as it is: a held-back connection would only delay every event alike.
    await context.route(/\/api\/(?!events)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * most));
      await route.continue();
    });
    return context;
  };
}
