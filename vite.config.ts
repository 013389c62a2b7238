/**
 * Builds the settings window (renderer/) into renderer/dist. `base: './'` makes every asset
 * URL relative, so the same build loads from file:// in Electron and from `/` over HTTP
 * (`aime serve`).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

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
    // `vite` alone serves the UI against a running `aime serve` on the default port.
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
});
