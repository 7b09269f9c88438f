import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const serverPort = Number(process.env.PORT ?? 8080);

/** Vite builds the client from client/ into dist/client; in dev it proxies the API and the sync socket. */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: {
    // `@shared/model/...` instead of `../../../../shared/model/...` (also in tsconfig and vitest).
    alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/collab': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
});
