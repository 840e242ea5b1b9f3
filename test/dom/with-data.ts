// Views that ask the core need the page's query store (src-renderer/data/DataProvider.tsx): each
// render gets a fresh one, as each test starts from nothing, subscribed to the fake transport's events.
import { notifyManager } from '@tanstack/react-query';
import { DataProvider } from '../../src-renderer/data/DataProvider.js';

// The store tells React of an answer on a timer in the app; here on a microtask, so that act()
// (which waits for microtasks, not timers) sees the answer, as it sees a component's own setState.
notifyManager.setScheduler(queueMicrotask);

export const withData = { wrapper: DataProvider };
