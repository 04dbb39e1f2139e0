import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web UI. `npm run build:web` writes web/dist, which the Concord server serves at `/`.
 * During development, `npx vite --config web/vite.config.ts` proxies the API to a server on
 * port 8090 (`PORT=8090 npm start`).
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  // React's automatic JSX runtime through esbuild (no React plugin needed).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // The CSP allows no inline script: keep everything in files.
    assetsInlineLimit: 0,
    rollupOptions: {
      // Libraries mark modules "use client" for React Server Components; meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks: (id) => {
          if (id.includes('node_modules/@mantine') || id.includes('node_modules/@tabler')) return 'ui';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 8091,
    proxy: {
      '/api': 'http://127.0.0.1:8090',
      // The public notices API, which the public pages read.
      '/notices/v1': 'http://127.0.0.1:8090',
      '/openapi.json': 'http://127.0.0.1:8090',
    },
  },
});
