import { defineConfig } from 'vite';

// The renderer build. `base: './'` makes asset URLs relative, so the same build loads from
// file:// in Electron and from the serve-mode HTTP server.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for server-component bundlers; this page is all
      // client, so the directive means nothing here and its warning is noise.
      onLog(level, log, handle) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use client"')) return;
        handle(level, log);
      },
    },
  },
});
