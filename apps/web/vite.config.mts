import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The claimant pages' script and stylesheet and the staff console's stylesheet, built once into dist/web (hashed names under
 * assets/, immutable; the API reads .vite/manifest.json at boot to link them). No dev server:
 * the pages are rendered by the API and work without the script.
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    manifest: true,
    // Phones from about 2021: iOS 14 Safari/WKWebView, Android WebView (KakaoTalk's in-app browser).
    target: 'es2020',
    // One chunk per entry and no dynamic imports: nothing to preload, so no polyfill for it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      // The stylesheet is its own entry: the pages are styled whether or not the script runs.
      input: [resolve(import.meta.dirname, 'src/claimant.ts'), resolve(import.meta.dirname, 'src/styles/claimant.css'), resolve(import.meta.dirname, 'src/styles/staff.css')],
    },
  },
});
