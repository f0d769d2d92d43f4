// Ships the binary assets beside the compiled JavaScript: dist/core/loader.js looks for
// ../bonito.wasm and dist/core/sobol-directions.js for ../sobol-directions.bin.
import { copyFileSync, mkdirSync } from 'node:fs';
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(new URL('../build/bonito.wasm', import.meta.url), new URL('../dist/bonito.wasm', import.meta.url));
copyFileSync(new URL('../assets/sobol-directions.bin', import.meta.url), new URL('../dist/sobol-directions.bin', import.meta.url));
