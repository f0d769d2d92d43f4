// One Durable Object per study: it owns the study's journal and answers ask, tell and reads one
// request at a time, so two clients asking at once get two different trials.
import { BonitoError, createStudy, loadStudy, type Study } from 'bonito';
import { DurableObjectJournal, type DurableStorageLike } from './durable-journal.js';
import { parseTell, RequestError, samplerOf, suggestDeclared, type StudySpec } from './spec.js';
import { ensureBonito } from './wasm.js';

/** The study's declaration, kept with its journal so any later instance can reopen it. */
const SPEC_ATTR = 'edge:spec';

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** What the runtime hands a Durable Object's constructor (only the storage is used). */
export interface DurableObjectStateLike {
  storage: DurableStorageLike;
}

/**
 * The Durable Object class behind `/studies/:name`. The outer worker forwards to it:
 * `POST /create` (a checked `StudySpec`), `POST /ask`, `POST /tell`, `GET /trials`.
 */
export class StudyObject {
  readonly #journal: DurableObjectJournal;
  /** The promise chain that runs one request at a time (storage awaits would otherwise interleave them). */
  #queue: Promise<unknown> = Promise.resolve();
  #study: { study: Study; spec: StudySpec } | undefined;

  constructor(state: DurableObjectStateLike) {
    this.#journal = new DurableObjectJournal(state.storage);
  }

  fetch(request: Request): Promise<Response> {
    const run = this.#queue.then(() => this.#handle(request));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #handle(request: Request): Promise<Response> {
    try {
      await ensureBonito();
      const route = `${request.method} ${new URL(request.url).pathname}`;
      switch (route) {
        case 'POST /create':
          return await this.#create((await request.json()) as StudySpec);
        case 'POST /ask':
          return await this.#ask();
        case 'POST /tell':
          return await this.#tell(await request.json());
        case 'GET /trials':
          return await this.#trials();
        default:
          return json({ error: `no route ${route} in a study object` }, 404);
      }
    } catch (err) {
      if (err instanceof RequestError) return json({ error: err.message, field: err.field }, err.status);
      return json({ error: err instanceof Error ? err.message : String(err) }, 500);
    }
  }

  async #create(spec: StudySpec): Promise<Response> {
    if ((await this.#open()) !== undefined) {
      throw new RequestError(409, `POST /studies: \`name\` must be new but got '${spec.name}', which exists.`, 'name');
    }
    const study = await createStudy({
      name: spec.name,
      storage: this.#journal,
      directions: spec.directions,
      seed: spec.seed,
      sampler: samplerOf(spec),
    });
    await study.setUserAttr(SPEC_ATTR, spec);
    this.#study = { study, spec };
    return json({ name: spec.name, directions: study.directions, seed: study.seed.toString(), params: spec.params }, 201);
  }

  async #ask(): Promise<Response> {
    const { study, spec } = await this.#required();
    const trial = await study.ask();
    try {
      const params = suggestDeclared(trial, spec.params);
      return json({ number: trial.number, params });
    } catch (err) {
      await study.tell(trial, { state: 'FAIL' });
      throw err;
    }
  }

  async #tell(body: unknown): Promise<Response> {
    const { study } = await this.#required();
    const { number, values } = parseTell(body, study.directions.length);
    await study.refresh();
    const known = study.trials[number];
    if (known === undefined) {
      throw new RequestError(
        404,
        `POST /studies/:name/tell: \`number\` must be a trial of study '${study.name}' (0 to ${study.trials.length - 1}) but got ${number}.`,
        'number',
      );
    }
    if (known.state !== 'RUNNING') {
      throw new RequestError(
        409,
        `POST /studies/:name/tell: \`number\` must be a RUNNING trial but got ${number}, which is ${known.state}.`,
        'number',
      );
    }
    try {
      const recorded = await study.tell(number, values.length === 1 ? values[0] : values);
      return json({ number: recorded.number, state: recorded.state, values: recorded.values });
    } catch (err) {
      if (err instanceof BonitoError || err instanceof RangeError || err instanceof TypeError)
        throw new RequestError(400, err.message, 'value');
      throw err;
    }
  }

  async #trials(): Promise<Response> {
    const { study } = await this.#required();
    await study.refresh();
    const trials = study.trials.map((t) => ({ number: t.number, state: t.state, params: t.params, values: t.values }));
    return json({ name: study.name, directions: study.directions, trials });
  }

  async #required(): Promise<{ study: Study; spec: StudySpec }> {
    const found = await this.#open();
    if (found === undefined) throw new RequestError(404, 'no such study: create it with POST /studies first', 'name');
    return found;
  }

  /** The study of this object: the cached one, or reopened from the journal (after an eviction), or none yet. */
  async #open(): Promise<{ study: Study; spec: StudySpec } | undefined> {
    if (this.#study !== undefined || (await this.#journal.isEmpty())) return this.#study;
    const first = await loadStudy({ storage: this.#journal });
    const spec = first.userAttrs[SPEC_ATTR] as StudySpec;
    // The sampler is not in the journal: load again with the one the declaration names.
    const sampler = samplerOf(spec);
    const study = sampler === undefined ? first : await loadStudy({ storage: this.#journal, sampler });
    this.#study = { study, spec };
    return this.#study;
  }
}
