import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Electron runtime cannot be downloaded here: the Electron layer is tested against a fake.
  resolve: { alias: { electron: fileURLToPath(new URL('./test/fakes/electron.ts', import.meta.url)) } },
  test: {
    // Component tests (*.dom.test.tsx) run in happy-dom; everything else in plain Node.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/**/*.dom.test.tsx', '**/node_modules/**'],
          environment: 'node',
        },
      },
      { extends: true, test: { name: 'dom', include: ['test/**/*.dom.test.tsx'], environment: 'happy-dom' } },
    ],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
