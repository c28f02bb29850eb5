import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The desk: built to dist/renderer and served by the hub (headless) or loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:4870',
      '/health': 'http://127.0.0.1:4870',
      '/socket.io': { target: 'ws://127.0.0.1:4870', ws: true },
    },
  },
});
