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
  },
});
