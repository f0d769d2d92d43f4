// Ships the core beside the compiled JavaScript: dist/core/loader.js looks for ../bonito.wasm.
import { copyFileSync, mkdirSync } from 'node:fs';
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(new URL('../build/bonito.wasm', import.meta.url), new URL('../dist/bonito.wasm', import.meta.url));
