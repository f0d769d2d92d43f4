// Worker entry used only when bonito runs from its TypeScript sources (its own tests, tsx):
// Node 20 ignores `--import` loaders in worker threads, so the worker registers tsx itself before
// loading worker.ts. The published package runs dist/node/pool/worker.js and never loads this.
import { register } from 'tsx/esm/api';

register();
const { default: runTrial } = await import('./worker.ts');
export default runTrial;
