// The edge suggestion service (examples/edge) in workerd on loopback: one workerd for the file,
// Durable Objects in memory. A GP study driven over HTTP must equal, bit for bit, the same
// ask/tell sequence run in-process in Node; concurrent clients never share a trial; bad requests
// get a 4xx JSON error naming the field.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdge, freePort, startEdge, type RunningEdge } from '../../examples/edge/build.js';
import { createStudy } from '../../src/study/create.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { TPESampler } from '../../src/samplers/tpe/sampler.js';

let dir: string;
let edge: RunningEdge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bonito-edge-'));
  edge = await startEdge(await buildEdge(dir, { memory: true }), await freePort());
});

afterAll(async () => {
  await edge?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A JSON answer of the service, loosely typed: the tests compare it whole. */
// biome-ignore lint/suspicious/noExplicitAny: answers are compared with toEqual, field access needs no casts
type Answer = any;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; type: string | null; json: Answer }> {
  const response = await fetch(`${edge.url}${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), json: await response.json() };
}

const PARAMS = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  units: { type: 'int', low: 4, high: 64 },
  act: { type: 'categorical', choices: ['relu', 'tanh', 'gelu'] },
  x: { type: 'float', low: -2, high: 2 },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.05 },
} as const;

// Only + − × ÷ so the client's arithmetic is the same everywhere; the value is what is told.
function objective(p: Record<string, unknown>): number {
  const lr = p.lr as number;
  const units = p.units as number;
  const x = p.x as number;
  return (
    ((lr - 0.003) * 100) ** 2 +
    ((units - 30) / 20) ** 2 +
    (p.act === 'tanh' ? 0 : 0.7) +
    x * x * (x - 1) * (x + 1.5) +
    (p.dropout as number)
  );
}

describe('edge suggestion service in workerd', () => {
  it('serves a 30-trial GP study over HTTP that equals the same study run in-process, bit for bit', async () => {
    const created = await call('POST', '/studies', { name: 'gp-30', direction: 'minimize', params: PARAMS, seed: 2026, sampler: 'gp' });
    expect(created.status).toBe(201);
    expect(created.json.seed).toBe('2026');

    const reference = await createStudy({ seed: 2026, sampler: new GPSampler(), onWarning: () => {} });
    for (let i = 0; i < 30; i++) {
      const asked = await call('POST', '/studies/gp-30/ask');
      expect(asked.status).toBe(200);
      const trial = await reference.ask();
      const params = {
        lr: trial.suggestFloat('lr', 1e-4, 1, { log: true }),
        units: trial.suggestInt('units', 4, 64),
        act: trial.suggestCategorical('act', ['relu', 'tanh', 'gelu']),
        x: trial.suggestFloat('x', -2, 2),
        dropout: trial.suggestFloat('dropout', 0, 0.5, { step: 0.05 }),
      };
      // JSON carries doubles exactly (shortest round-trip form), so toEqual is bit equality here.
      expect(asked.json).toEqual({ number: trial.number, params });
      const told = await call('POST', '/studies/gp-30/tell', { number: asked.json.number, value: objective(asked.json.params) });
      expect(told.status).toBe(200);
      await reference.tell(trial, objective(params));
    }
    const served = await call('GET', '/studies/gp-30');
    expect(served.status).toBe(200);
    const expected = reference.trials.map((t) => ({ number: t.number, state: t.state, params: t.params, values: t.values }));
    expect(served.json).toEqual({ name: 'gp-30', directions: ['minimize'], trials: expected });
    expect(expected.filter((t) => t.state === 'COMPLETE')).toHaveLength(30);
    // The GP took over from its Sobol start-up: later trials are not all Sobol points.
    expect(new Set(expected.map((t) => t.params.act)).size).toBeGreaterThan(1);
  });

  it('never gives two concurrent clients the same trial', async () => {
    expect(
      (await call('POST', '/studies', { name: 'race', params: { x: { type: 'float', low: 0, high: 1 } }, seed: 1, sampler: 'tpe' })).status,
    ).toBe(201);
    const client = async () => {
      const numbers: number[] = [];
      for (let i = 0; i < 10; i++) {
        const asked = await call('POST', '/studies/race/ask');
        expect(asked.status).toBe(200);
        numbers.push(asked.json.number);
        expect((await call('POST', '/studies/race/tell', { number: asked.json.number, value: asked.json.params.x })).status).toBe(200);
      }
      return numbers;
    };
    // Two clients, and a burst of asks in flight at once on top.
    const [a, b, burst] = await Promise.all([
      client(),
      client(),
      Promise.all(Array.from({ length: 10 }, () => call('POST', '/studies/race/ask'))),
    ]);
    const all = [...a, ...b, ...burst.map((r) => r.json.number as number)];
    expect(new Set(all).size).toBe(30);
    expect([...all].sort((p, q) => p - q)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const served = await call('GET', '/studies/race');
    expect(served.json.trials.filter((t: { state: string }) => t.state === 'COMPLETE')).toHaveLength(20);
    expect(served.json.trials.filter((t: { state: string }) => t.state === 'RUNNING')).toHaveLength(10);
  });

  it('answers bad requests with a 4xx JSON error naming the field', async () => {
    const space = { x: { type: 'float', low: 0, high: 1 } };
    expect((await call('POST', '/studies', { name: 'bad', params: space })).status).toBe(201);
    const asked = await call('POST', '/studies/bad/ask');
    const cases: [string, string, unknown, number, string | undefined, string][] = [
      [
        'POST',
        '/studies',
        { name: 's1', params: { lr: { type: 'float', low: 'a', high: 1 } } },
        400,
        'params.lr.low',
        "`params.lr.low` must be a number but got 'a' (a string).",
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { lr: { type: 'float', low: 1, high: 0 } } },
        400,
        'params.lr.high',
        "`params.lr.high` is invalid: suggestFloat('lr'): `high` must be at least low = 1 but got 0.",
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { lr: { type: 'float', low: 0, high: 1, log: true } } },
        400,
        'params.lr.low',
        '`params.lr.low` is invalid',
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { c: { type: 'categorical', choices: ['a', 'a'] } } },
        400,
        'params.c.choices[1]',
        '`params.c.choices[1]` is invalid',
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { n: { type: 'integer', low: 0, high: 1 } } },
        400,
        'params.n.type',
        "must be 'float', 'int' or 'categorical' but got 'integer' (a string).",
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { c: { type: 'categorical', choices: ['a', {}] } } },
        400,
        'params.c.choices[1]',
        'must be a string, a finite number, a boolean or null',
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: { x: { type: 'float', low: 0, high: 1, lg: true } } },
        400,
        'params.x.lg',
        '`params.x.lg` is not a field of this request',
      ],
      ['POST', '/studies', { name: 's1', params: {} }, 400, 'params', '`params` must be an object declaring at least one parameter'],
      [
        'POST',
        '/studies',
        { name: 's1', direction: 'down', params: space },
        400,
        'direction',
        "`direction` must be 'minimize' or 'maximize' but got 'down' (a string).",
      ],
      [
        'POST',
        '/studies',
        { name: 's1', params: space, sampler: 'bayes' },
        400,
        'sampler',
        '`sampler` must be one of gp, tpe, random, sobol, cmaes, nsga2',
      ],
      ['POST', '/studies', { name: 's1', params: space, seed: -1 }, 400, 'seed', '`seed` must be a non-negative safe integer but got -1.'],
      ['POST', '/studies', { name: 'a b', params: space }, 400, 'name', '`name` must be 1 to 100 characters'],
      ['POST', '/studies', '{"name": "s1", ', 400, 'body', '`body` must be JSON'],
      ['POST', '/studies', [1], 400, 'body', '`body` must be a JSON object'],
      ['POST', '/studies', { name: 'bad', params: space }, 409, 'name', "`name` must be new but got 'bad', which exists."],
      ['POST', '/studies/nope/ask', undefined, 404, 'name', 'no such study'],
      [
        'POST',
        '/studies/bad/tell',
        { number: 'x', value: 1 },
        400,
        'number',
        "`number` must be a non-negative integer but got 'x' (a string).",
      ],
      ['POST', '/studies/bad/tell', { number: 0 }, 400, 'value', '`value` must be a number but got undefined.'],
      ['POST', '/studies/bad/tell', { number: 0, values: [1, 2] }, 400, 'values', '`values` must be absent for a study of one objective'],
      ['POST', '/studies/bad/tell', { number: 99, value: 1 }, 404, 'number', '`number` must be a trial of study'],
      ['GET', '/studies', undefined, 405, undefined, 'only POST creates a study'],
      ['GET', '/studies/bad/ask', undefined, 405, undefined, 'use POST'],
      ['POST', '/elsewhere', undefined, 404, undefined, 'no route /elsewhere'],
    ];
    for (const [method, path, body, status, field, message] of cases) {
      const got = await call(method, path, body);
      expect({ method, path, status: got.status, type: got.type, field: got.json.field }).toEqual({
        method,
        path,
        status,
        type: 'application/json; charset=utf-8',
        field,
      });
      expect(got.json.error).toContain(message);
    }
    // A trial told twice: the second is a conflict, and the first value stays.
    expect((await call('POST', '/studies/bad/tell', { number: asked.json.number, value: 0.5 })).status).toBe(200);
    const again = await call('POST', '/studies/bad/tell', { number: asked.json.number, value: 0.7 });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      error: 'POST /studies/:name/tell: `number` must be a RUNNING trial but got 0, which is COMPLETE.',
      field: 'number',
    });
    expect((await call('GET', '/studies/bad')).json.trials).toEqual([
      { number: 0, state: 'COMPLETE', params: asked.json.params, values: [0.5] },
    ]);
  });

  it('keeps a study on disk across a workerd restart and goes on with the declared sampler', async () => {
    const data = join(dir, 'journals');
    const config = await buildEdge(join(dir, 'disk'), { directory: data });
    const space = { x: { type: 'float', low: -3, high: 3 }, k: { type: 'int', low: 1, high: 8, log: true } };
    const reference = await createStudy({ seed: 9, sampler: new TPESampler(), onWarning: () => {} });
    const referenceAsk = async () => {
      const trial = await reference.ask();
      return { trial, params: { x: trial.suggestFloat('x', -3, 3), k: trial.suggestInt('k', 1, 8, { log: true }) } };
    };
    let disk = await startEdge(config, await freePort());
    try {
      const post = async (path: string, body?: unknown) =>
        (await fetch(`${disk.url}${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
      await post('/studies', { name: 'kept', params: space, seed: 9, sampler: 'tpe' });
      for (let i = 0; i < 13; i++) {
        const asked = await post('/studies/kept/ask');
        const { trial, params } = await referenceAsk();
        expect(asked).toEqual({ number: trial.number, params });
        await post('/studies/kept/tell', { number: asked.number, value: asked.params.x * asked.params.x + asked.params.k });
        await reference.tell(trial, params.x * params.x + params.k);
        if (i === 10) {
          // A new process once TPE's 10 start-up trials are done: the Durable Object reopens the
          // study from its journal and takes the sampler from the declaration stored in it.
          await disk.stop();
          disk = await startEdge(config, await freePort());
        }
      }
    } finally {
      await disk.stop();
    }
  });
});
