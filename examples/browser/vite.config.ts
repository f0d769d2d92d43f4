// The example imports the built package (dist/, made by `npm run build`), as an app would, so
// the wasm file is found beside the module and bundled as an asset.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^bonito$/, replacement: `${dist}index.js` },
      { find: /^bonito\/browser$/, replacement: `${dist}browser/index.js` },
      { find: /^bonito\/bench$/, replacement: `${dist}bench/index.js` },
    ],
  },
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
});
