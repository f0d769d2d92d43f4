// The examples import the built package (dist/, made by `npm run build`), as an app would, so
// the wasm file is found beside the module and bundled as an asset. Two pages: the tuning app
// (index.html) and the small Branin study (branin.html).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const alias = [
  { find: /^bonito$/, replacement: `${dist}index.js` },
  { find: /^bonito\/browser$/, replacement: `${dist}browser/index.js` },
  { find: /^bonito\/bench$/, replacement: `${dist}bench/index.js` },
  { find: /^bonito\/tfjs$/, replacement: `${dist}tfjs/guard.js` },
];

export default defineConfig({
  root: here('.'),
  resolve: { alias },
  // Module workers: bonito/tfjs waits for its optional peers with top-level await.
  worker: { format: 'es' },
  // Pre-bundled when the dev server starts: found later (tfjs is first imported by a worker on
  // Start), vite would bundle them then and reload the page, cutting the first run short.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'vega-embed'] },
  build: { target: 'es2022', rollupOptions: { input: { app: here('index.html'), branin: here('branin.html') } } },
  server: { host: '127.0.0.1' },
});
