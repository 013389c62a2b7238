/**
 * Builds the settings window (renderer/) into renderer/dist. `base: './'` makes every asset
 * URL relative, so the same build loads from file:// in Electron and from `/` over HTTP
 * (`aime serve`).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const API_ORIGIN = 'http://127.0.0.1:8000';

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npx vite` serves the window with hot reload against a running `aime serve` on the
    // default port. The API refuses other origins, so the dev proxy presents the API's own.
    proxy: {
      '/api': { target: API_ORIGIN, changeOrigin: true, headers: { origin: API_ORIGIN } },
    },
  },
});
