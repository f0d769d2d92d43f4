// What a client declares when it creates a study, checked field by field: every bad request is
// answered with the path of the offending field (`params.lr.low`) in bonito's house error form.
import {
  badInput,
  categoricalDistribution,
  CmaEsSampler,
  floatDistribution,
  GPSampler,
  intDistribution,
  NSGAIISampler,
  RandomSampler,
  SobolSampler,
  TPESampler,
  type CategoricalChoice,
  type Direction,
  type Sampler,
  type SuggestingTrial,
  type ParamValue,
} from 'bonito';

/** A 4xx answer: the HTTP status, the offending field and the message sent as `{ error, field }`. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One declared parameter, as the client sent it (after checking). */
export type ParamSpec =
  | { type: 'float'; low: number; high: number; log?: boolean; step?: number }
  | { type: 'int'; low: number; high: number; log?: boolean; step?: number }
  | { type: 'categorical'; choices: CategoricalChoice[] };

/** A study as declared by `POST /studies`; stored in the study's user attribute `edge:spec`. */
export interface StudySpec {
  name: string;
  directions: Direction[];
  params: Record<string, ParamSpec>;
  seed?: number;
  sampler?: SamplerName;
}

/** Samplers a client may name; each with bonito's defaults, following the study seed. */
const SAMPLERS = {
  gp: () => new GPSampler(),
  tpe: () => new TPESampler(),
  random: () => new RandomSampler(),
  sobol: () => new SobolSampler(),
  cmaes: () => new CmaEsSampler(),
  nsga2: () => new NSGAIISampler(),
} satisfies Record<string, () => Sampler>;
export type SamplerName = keyof typeof SAMPLERS;

/** The sampler a spec names, or undefined for bonito's default (the GP, for one objective or several). */
export function samplerOf(spec: StudySpec): Sampler | undefined {
  return spec.sampler === undefined ? undefined : SAMPLERS[spec.sampler]();
}

const WHERE = 'POST /studies';

function fail(where: string, field: string, constraint: string, got: unknown): never {
  throw new RequestError(400, badInput(where, field, constraint, got), field);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fields a body may not carry: a typo (`dirction`) must not be silently ignored. */
function checkKeys(where: string, prefix: string, body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new RequestError(
        400,
        `${where}: \`${prefix}${key}\` is not a field of this request (its fields: ${allowed.join(', ')}).`,
        `${prefix}${key}`,
      );
    }
  }
}

function checkDirection(field: string, v: unknown): Direction {
  if (v !== 'minimize' && v !== 'maximize') fail(WHERE, field, "must be 'minimize' or 'maximize'", v);
  return v;
}

function checkParam(name: string, raw: unknown): ParamSpec {
  const at = `params.${name}`;
  if (!isObject(raw)) fail(WHERE, at, 'must be an object with a `type`', raw);
  const { type } = raw;
  if (type === 'categorical') {
    checkKeys(WHERE, `${at}.`, raw, ['type', 'choices']);
    if (!Array.isArray(raw.choices)) fail(WHERE, `${at}.choices`, 'must be an array', raw.choices);
    const choices = raw.choices as unknown[];
    choices.forEach((c, i) => {
      const ok = c === null || typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && Number.isFinite(c));
      if (!ok) fail(WHERE, `${at}.choices[${i}]`, 'must be a string, a finite number, a boolean or null', c);
    });
    semantic(at, () => categoricalDistribution(name, choices as CategoricalChoice[]));
    return { type, choices: choices as CategoricalChoice[] };
  }
  if (type !== 'float' && type !== 'int') fail(WHERE, `${at}.type`, "must be 'float', 'int' or 'categorical'", type);
  checkKeys(WHERE, `${at}.`, raw, ['type', 'low', 'high', 'log', 'step']);
  for (const key of ['low', 'high'] as const) {
    if (typeof raw[key] !== 'number') fail(WHERE, `${at}.${key}`, 'must be a number', raw[key]);
  }
  if (raw.log !== undefined && typeof raw.log !== 'boolean') fail(WHERE, `${at}.log`, 'must be a boolean', raw.log);
  if (raw.step !== undefined && typeof raw.step !== 'number') fail(WHERE, `${at}.step`, 'must be a number', raw.step);
  const spec = {
    type: type as 'float' | 'int',
    low: raw.low as number,
    high: raw.high as number,
    log: raw.log as boolean | undefined,
    step: raw.step as number | undefined,
  };
  // bonito's own checks (low <= high, log with positive low, step dividing the range...) name
  // the option; the field path tells the client which parameter it was.
  const opts = { log: spec.log, step: spec.step };
  semantic(at, () =>
    type === 'float' ? floatDistribution(name, spec.low, spec.high, opts) : intDistribution(name, spec.low, spec.high, opts),
  );
  return spec;
}

function semantic(param: string, check: () => unknown): void {
  try {
    check();
  } catch (err) {
    // bonito names the option it refused first ("suggestFloat('lr'): `high` must be..."): point
    // the client at that field of the parameter.
    const message = (err as Error).message;
    const option = /`(low|high|log|step|choices(?:\[\d+\])?)`/.exec(message)?.[1];
    const field = option === undefined ? param : `${param}.${option}`;
    throw new RequestError(400, `${WHERE}: \`${field}\` is invalid: ${message}`, field);
  }
}

/**
 * Checks a `POST /studies` body.
 * @throws RequestError (400) naming the first bad field.
 */
export function parseStudySpec(body: unknown): StudySpec {
  if (!isObject(body)) fail(WHERE, 'body', 'must be a JSON object', body);
  checkKeys(WHERE, '', body, ['name', 'direction', 'directions', 'params', 'seed', 'sampler']);
  const { name, seed, sampler } = body;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    fail(WHERE, 'name', 'must be 1 to 100 characters of A-Z, a-z, 0-9, ".", "_" or "-"', name);
  }
  if (body.direction !== undefined && body.directions !== undefined) {
    fail(WHERE, 'directions', 'must not be given together with `direction`', body.directions);
  }
  let directions: Direction[] = ['minimize'];
  if (body.direction !== undefined) directions = [checkDirection('direction', body.direction)];
  if (body.directions !== undefined) {
    if (!Array.isArray(body.directions) || body.directions.length === 0)
      fail(WHERE, 'directions', 'must be a non-empty array', body.directions);
    directions = (body.directions as unknown[]).map((d, i) => checkDirection(`directions[${i}]`, d));
  }
  if (!isObject(body.params) || Object.keys(body.params).length === 0)
    fail(WHERE, 'params', 'must be an object declaring at least one parameter', body.params);
  const params: Record<string, ParamSpec> = {};
  for (const [key, raw] of Object.entries(body.params)) params[key] = checkParam(key, raw);
  if (seed !== undefined && !(typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0)) {
    fail(WHERE, 'seed', 'must be a non-negative safe integer', seed);
  }
  if (sampler !== undefined && !(typeof sampler === 'string' && Object.hasOwn(SAMPLERS, sampler))) {
    fail(WHERE, 'sampler', `must be one of ${Object.keys(SAMPLERS).join(', ')}`, sampler);
  }
  return { name, directions, params, seed: seed as number | undefined, sampler: sampler as SamplerName | undefined };
}

/** The trial's values for the declared space, suggested in declaration order (which the journal keeps). */
export function suggestDeclared(trial: SuggestingTrial, params: StudySpec['params']): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, p] of Object.entries(params)) {
    if (p.type === 'categorical') out[name] = trial.suggestCategorical(name, p.choices);
    else if (p.type === 'float') out[name] = trial.suggestFloat(name, p.low, p.high, { log: p.log, step: p.step });
    else out[name] = trial.suggestInt(name, p.low, p.high, { log: p.log, step: p.step });
  }
  return out;
}

/** A `POST /studies/:name/tell` body: the trial number and its value (or `values`, one per objective). */
export interface TellBody {
  number: number;
  values: number[];
}

/**
 * Checks a tell body against the study's number of objectives.
 * @throws RequestError (400) naming the first bad field.
 */
export function parseTell(body: unknown, objectives: number): TellBody {
  const where = 'POST /studies/:name/tell';
  if (!isObject(body)) fail(where, 'body', 'must be a JSON object', body);
  checkKeys(where, '', body, ['number', 'value', 'values']);
  const { number } = body;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0)
    fail(where, 'number', 'must be a non-negative integer', number);
  let values: unknown[];
  if (objectives === 1) {
    if (body.values !== undefined) fail(where, 'values', 'must be absent for a study of one objective (send `value`)', body.values);
    values = [body.value];
    if (typeof body.value !== 'number') fail(where, 'value', 'must be a number', body.value);
  } else {
    if (!Array.isArray(body.values) || body.values.length !== objectives)
      fail(where, 'values', `must be an array of ${objectives} numbers`, body.values);
    values = body.values as unknown[];
    values.forEach((v, i) => {
      if (typeof v !== 'number') fail(where, `values[${i}]`, 'must be a number', v);
    });
  }
  return { number, values: values as number[] };
}
