// Every test file starts with the core loaded from the freshly built wasm, so tests exercise
// the same bytes that ship. The default-location path of init() is tested against dist/.
import { readFileSync } from 'node:fs';
import { init } from '../../src/core/loader.js';

await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
