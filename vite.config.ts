import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The renderer is built once and served by Electron (file protocol) or by the
// loopback browser-mode server; relative base keeps both working.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // Two pages: the app, and the print page the PNG map export captures.
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'renderer', 'index.html'),
        print: resolve(import.meta.dirname, 'renderer', 'print.html'),
      },
    },
  },
});
