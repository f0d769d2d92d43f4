// `npm run example:edge [-- --port N]`: builds the edge service and serves it with workerd on
// loopback, journals on disk in examples/edge/.data (kept between runs). Ctrl-C stops it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEdge, freePort, startEdge } from './build.js';

const at = process.argv.indexOf('--port');
const port = at > 0 ? Number(process.argv[at + 1]) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`example:edge: \`--port\` must be an integer in [0, 65535] but got ${process.argv[at + 1]}.`);
  process.exit(2);
}
const HERE = fileURLToPath(new URL('.', import.meta.url));
const out = join(HERE, '.build');
const config = await buildEdge(out, { directory: join(HERE, '.data') });
const edge = await startEdge(config, port === 0 ? await freePort() : port);
console.log(edge.url);
console.log(`bonito edge suggestion service (workerd), journals in examples/edge/.data. Try:
  curl -X POST ${edge.url}/studies -d '{"name":"demo","sampler":"gp","seed":1,"params":{"x":{"type":"float","low":-5,"high":5}}}'
  curl -X POST ${edge.url}/studies/demo/ask
  curl -X POST ${edge.url}/studies/demo/tell -d '{"number":0,"value":1.5}'
  curl ${edge.url}/studies/demo`);
edge.process.stdout?.pipe(process.stdout);
edge.process.stderr?.pipe(process.stderr);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void edge.stop().then(() => process.exit(0)));
}
