import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundle } from './bundle.js';
import { constrainedStudyProbe, multiObjectiveStudyProbe, probe, studyProbe } from './probe.js';

const run = promisify(execFile);
const WORKERD = new URL('../../node_modules/.bin/workerd', import.meta.url).pathname;

// workerd forbids compiling wasm from bytes, so the worker imports bonito.wasm as a module
// (workerd hands it over as a compiled WebAssembly.Module) and passes that to init().
const WORKER = `
import wasm from 'bonito.wasm';
import { init, probe, studyProbe, constrainedStudyProbe, multiObjectiveStudyProbe } from 'bonito.js';
export default {
  async test() {
    if (!(wasm instanceof WebAssembly.Module)) throw new Error('bonito.wasm did not arrive as a Module');
    await init(wasm);
    const got = JSON.stringify({ probe: probe(), study: await studyProbe(), constrained: await constrainedStudyProbe(), multiObjective: await multiObjectiveStudyProbe() });
    if (got !== EXPECTED) throw new Error('workerd computed ' + got + ' but Node computed ' + EXPECTED);
    console.log('bonito probe ok in workerd');
  },
};
`;

const CONFIG = `
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .probe) ],
);
const probe :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "bonito.js", esModule = embed "bonito.js"),
    (name = "bonito.wasm", wasm = embed "bonito.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
`;

describe('bonito in workerd (Cloudflare Workers runtime)', () => {
  it('init(module) with a statically imported WebAssembly.Module computes the same bits and GP study as Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonito-workerd-'));
    try {
      writeFileSync(join(dir, 'bonito.js'), await bundle(new URL('./entry.ts', import.meta.url).pathname));
      const expected = JSON.stringify({
        probe: probe(),
        study: await studyProbe(),
        constrained: await constrainedStudyProbe(),
        multiObjective: await multiObjectiveStudyProbe(),
      });
      writeFileSync(join(dir, 'worker.js'), `const EXPECTED = ${JSON.stringify(expected)};\n${WORKER}`);
      copyFileSync(new URL('../../build/bonito.wasm', import.meta.url), join(dir, 'bonito.wasm'));
      writeFileSync(join(dir, 'config.capnp'), CONFIG);
      const { stdout, stderr } = await run(WORKERD, ['test', join(dir, 'config.capnp')], { timeout: 60_000 });
      const output = stdout + stderr;
      expect(output).toContain('bonito probe ok in workerd');
      expect(output).toMatch(/\[ PASS \]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
