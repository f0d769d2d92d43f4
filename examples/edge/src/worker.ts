// The edge suggestion service: ask/tell over HTTP for studies whose journals live in Durable
// Objects (one per study). Routes:
//   POST /studies                  create a study ({ name, direction(s), params, seed?, sampler? })
//   POST /studies/:name/ask        -> { number, params }
//   POST /studies/:name/tell       { number, value } or { number, values }
//   GET  /studies/:name            -> { name, directions, trials }
import { json, StudyObject } from './study-object.js';
import { parseStudySpec, RequestError } from './spec.js';

export { StudyObject };

/** The part of a Durable Object namespace binding the worker uses. */
export interface StudyNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

/** The worker's bindings (see the `bindings` of the workerd config). */
export interface Env {
  STUDIES: StudyNamespace;
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(
      400,
      `${request.method} ${new URL(request.url).pathname}: \`body\` must be JSON but got ${JSON.stringify(text.slice(0, 80))}.`,
      'body',
    );
  }
}

function forward(env: Env, name: string, method: string, path: string, body?: unknown): Promise<Response> {
  const stub = env.STUDIES.get(env.STUDIES.idFromName(name));
  return stub.fetch(new Request(`https://study${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }));
}

async function route(request: Request, env: Env): Promise<Response> {
  const path = new URL(request.url).pathname;
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] !== 'studies' || parts.length > 3) return json({ error: `no route ${path}` }, 404);
  if (parts.length === 1) {
    if (request.method !== 'POST') return json({ error: `${request.method} ${path}: only POST creates a study` }, 405);
    const spec = parseStudySpec(await readJson(request));
    return forward(env, spec.name, 'POST', '/create', spec);
  }
  const name = decodeURIComponent(parts[1]);
  if (!NAME.test(name))
    throw new RequestError(
      404,
      `${path}: \`name\` must be a study name (A-Z, a-z, 0-9, ".", "_", "-") but got ${JSON.stringify(name)}.`,
      'name',
    );
  const action = parts[2];
  if (action === undefined) {
    if (request.method !== 'GET') return json({ error: `${request.method} ${path}: use GET` }, 405);
    return forward(env, name, 'GET', '/trials');
  }
  if (action !== 'ask' && action !== 'tell') return json({ error: `no route ${path}` }, 404);
  if (request.method !== 'POST') return json({ error: `${request.method} ${path}: use POST` }, 405);
  return forward(env, name, 'POST', `/${action}`, action === 'tell' ? await readJson(request) : undefined);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await route(request, env);
    } catch (err) {
      if (err instanceof RequestError) return json({ error: err.message, field: err.field }, err.status);
      return json({ error: err instanceof Error ? err.message : String(err) }, 500);
    }
  },
};
