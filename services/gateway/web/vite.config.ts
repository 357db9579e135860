// Builds the portal into the folder the gateway serves (HELPDESK_WEB_ROOT).
// The output directory comes from the command line (`vite build --outDir`),
// so each CMake build tree gets its own copy. Hashed file names under
// assets/ let the gateway cache them forever; index.html is revalidated.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    // No inline scripts or styles anywhere: the gateway's CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    emptyOutDir: true,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
