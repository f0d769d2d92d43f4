import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../../src/errors.js';
import { paramImportances } from '../../../src/importance/param-importances.js';
import { DashboardSource } from '../../../src/node/dashboard/source.js';
import { startDashboard, type Dashboard } from '../../../src/node/dashboard/server.js';
import { parseStorageSpec } from '../../../src/node/storage-spec.js';
import { HOSTILE, HOSTILE_PARAM, HOSTILE_STUDY, openHostileStudy, runHostileTrials } from '../../helpers/dashboard-study.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-dashboard-'));
const open: Dashboard[] = [];
afterAll(async () => {
  await Promise.all(open.map((d) => d.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(path: string, pollMs = 50): Promise<Dashboard> {
  const problems: string[] = [];
  const dashboard = await startDashboard({ storage: path, port: 0, pollMs, onProblem: (m) => problems.push(m) });
  open.push(dashboard);
  return dashboard;
}

/** The next `version` event of a server-sent event stream after the first (initial) one. */
async function nextVersion(url: string, after: number): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(new URL('/api/events', url), { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      text += value;
      const versions = [...text.matchAll(/event: version\ndata: (\d+)\n\n/g)].map((m) => Number(m[1]));
      const newer = versions.find((v) => v > after);
      if (newer !== undefined) return newer;
    }
  } finally {
    controller.abort();
  }
}

describe('bonito dashboard HTTP API', () => {
  it('lists studies and serves a study as toJSON data with plot specs and tables', async () => {
    const path = join(dir, 'api.jsonl');
    const study = await openHostileStudy(path);
    await runHostileTrials(study, 6);
    const dashboard = await start(path);
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const list = await fetch(new URL('/api/studies', dashboard.url));
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const listText = await list.text();
    expect(listText).not.toContain('<'); // JSON that stays inert even if a page inlined it
    const { studies } = JSON.parse(listText) as {
      studies: { name: string; counts: Record<string, number>; total: number; best: number | null }[];
    };
    expect(studies).toHaveLength(1);
    expect(studies[0].name).toBe(HOSTILE_STUDY);
    expect(studies[0].total).toBe(6);
    expect(studies[0].counts).toEqual({ COMPLETE: 4, PRUNED: 1, FAIL: 1, RUNNING: 0, WAITING: 0 });
    const completed = study.trials.filter((t) => t.state === 'COMPLETE').map((t) => t.value as number);
    expect(studies[0].best).toBe(Math.min(...completed));

    const res = await fetch(new URL(`/api/study?name=${encodeURIComponent(HOSTILE_STUDY)}`, dashboard.url));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('<');
    const detail = JSON.parse(text);
    expect(detail.study).toEqual(JSON.parse(JSON.stringify(study.toJSON())));
    expect(detail.study.trials[0].params[HOSTILE_PARAM]).toBe(study.trials[0].params[HOSTILE_PARAM]);
    expect(detail.study.trials[0].userAttrs[HOSTILE]).toBe(`${HOSTILE}-0`);
    expect(detail.tables.best.number).toBe(study.bestTrial!.number);
    expect(detail.tables.counts.PRUNED).toBe(1);
    expect(detail.plots.history.data.values.length).toBeGreaterThan(0);
    expect(detail.plots.curves).not.toBeNull(); // every trial reported intermediate values
    expect(detail.plots.slices.map((s: { name: string }) => s.name).sort()).toEqual([HOSTILE_PARAM, 'kind'].sort());
    // The importance chart: one bar per parameter, its shares those of paramImportances.
    const bars = detail.importances.data.values as { parameter: string; importance: number }[];
    expect(bars.map((b) => b.parameter).sort()).toEqual([HOSTILE_PARAM, 'kind'].sort());
    expect(bars.map((b) => b.importance)).toEqual(paramImportances(study).map((p) => p.importance));
  });

  it('answers a missing or unknown study with a JSON error, and serves the page with escaped storage text', async () => {
    const path = join(dir, `${HOSTILE.replace(/[/"]/g, '_')}.jsonl`);
    await runHostileTrials(await openHostileStudy(path), 1);
    const dashboard = await start(path);
    const missing = await fetch(new URL('/api/study', dashboard.url));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toContain('`name` must be given');
    const unknown = await fetch(new URL(`/api/study?name=${encodeURIComponent(HOSTILE)}`, dashboard.url));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toContain(JSON.stringify(HOSTILE));

    const page = await fetch(dashboard.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toContain('<img'); // the file name is shown as text
    expect(html).toContain('&lt;img src=x');
    for (const script of ['/app.js', '/vendor/vega.min.js', '/vendor/vega-lite.min.js', '/vendor/vega-embed.min.js']) {
      expect(html).toContain(`src="${script}"`);
      const js = await fetch(new URL(script, dashboard.url));
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    }
    expect((await fetch(new URL('/nope', dashboard.url))).status).toBe(404);
    expect((await fetch(new URL('/api/studies', dashboard.url), { method: 'POST' })).status).toBe(405);
  });

  it('sees trials that another writer appends after start, and announces them as server-sent events', async () => {
    const path = join(dir, 'live.jsonl');
    const writer = await openHostileStudy(path);
    await runHostileTrials(writer, 3);
    const dashboard = await start(path);
    const before = (await (await fetch(new URL('/api/studies', dashboard.url))).json()) as {
      version: number;
      studies: { total: number }[];
    };
    expect(before.studies[0].total).toBe(3);
    const announced = nextVersion(dashboard.url, before.version);
    await runHostileTrials(writer, 2);
    expect(await announced).toBeGreaterThan(before.version);
    const after = (await (await fetch(new URL('/api/studies', dashboard.url))).json()) as { studies: { total: number }[] };
    expect(after.studies[0].total).toBe(5);
  });

  it('rejects a bad port, and a journal it cannot read fails at start', async () => {
    await expect(startDashboard({ storage: join(dir, 'api.jsonl'), port: 70000 })).rejects.toThrow(
      'startDashboard: `port` must be an integer in [0, 65535] but got 70000.',
    );
    await expect(startDashboard({ storage: dir, port: 0 })).rejects.toThrow(StorageError);
  });

  it('closes cleanly with an event stream open', async () => {
    const path = join(dir, 'api.jsonl');
    const dashboard = await start(path);
    const res = await fetch(new URL('/api/events', dashboard.url));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    await dashboard.close();
    await expect(fetch(dashboard.url)).rejects.toThrow();
  });
});

describe('the dashboard without its optional peers', () => {
  it('fails at once with MissingDependencyError naming the npm i command', async () => {
    const { loadVendorScripts } = await import('../../../src/node/dashboard/assets.js');
    const { MissingDependencyError } = await import('../../../src/errors.js');
    expect(() => loadVendorScripts(dir)).toThrow(MissingDependencyError);
    expect(() => loadVendorScripts(dir)).toThrow(
      'bonito dashboard needs vega and vega-lite and vega-embed, which are not installed: run `npm i vega@^6.4.0 vega-lite@^6.4.3 vega-embed@^7.3.0`.',
    );
    expect([...loadVendorScripts().keys()]).toEqual(['/vendor/vega.min.js', '/vendor/vega-lite.min.js', '/vendor/vega-embed.min.js']);
  });
});

describe('DashboardSource importances', () => {
  it('recomputes the importance chart once the COMPLETE trials grew by 2 %, and keeps it meanwhile', async () => {
    const path = join(dir, 'importances.jsonl');
    const writer = await openHostileStudy(path);
    const source = new DashboardSource(parseStorageSpec(path), () => undefined);
    const subtitle = () => (source.study(HOSTILE_STUDY)?.importances?.title as { subtitle: string } | undefined)?.subtitle ?? '';
    try {
      await runHostileTrials(writer, 3); // trials 0 (COMPLETE), 1 (PRUNED), 2 (FAIL)
      await source.sync();
      expect(source.study(HOSTILE_STUDY)?.importances).toBeNull(); // one COMPLETE trial
      await runHostileTrials(writer, 1);
      await source.sync();
      expect(subtitle()).toContain('over 2 COMPLETE trials');
      await runHostileTrials(writer, 50);
      await source.sync();
      expect(subtitle()).toContain('over 52 COMPLETE trials');
      await runHostileTrials(writer, 1); // 53 < 52 + ceil(52 / 50): the chart of 52 stays
      await source.sync();
      expect(subtitle()).toContain('over 52 COMPLETE trials');
      await runHostileTrials(writer, 1);
      await source.sync();
      expect(subtitle()).toContain('over 54 COMPLETE trials');
      const again = source.study(HOSTILE_STUDY)?.importances;
      expect(source.study(HOSTILE_STUDY)?.importances).toBe(again); // the same object: not recomputed
    } finally {
      await source.close();
    }
  });
});
