import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPruned } from '../../../src/errors.js';
import { studyReportHtml, writeStudyReport } from '../../../src/node/report/html.js';
import { MedianPruner } from '../../../src/pruners/median.js';
import { RandomSampler } from '../../../src/samplers/random.js';
import { createStudy } from '../../../src/study/create.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tuned() {
  const study = await createStudy({
    name: 'a<b & "c"',
    seed: 2,
    sampler: new RandomSampler(),
    pruner: new MedianPruner({ nStartupTrials: 3 }),
  });
  await study.optimize(
    (t) => {
      const x = t.suggestFloat('x', -2, 2);
      const units = t.suggestInt('units', 4, 64, { log: true });
      for (let step = 0; step < 3; step++) {
        t.report(x * x + 1 / (step + 1), step);
        if (t.shouldPrune()) throw new TrialPruned();
      }
      return x * x + units / 100;
    },
    { nTrials: 12 },
  );
  return study;
}

describe('studyReportHtml', () => {
  it('is one self-contained page: the best parameters, a table of the top trials, and one inline SVG per plot', async () => {
    const study = await tuned();
    const html = await studyReportHtml(study, { top: 5 });
    // history + two parameters + learning curves + parallel coordinates
    expect(html.match(/<svg[\s>]/g)).toHaveLength(6);
    expect(html).toContain('<h2>Parameter importances</h2>');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/(?:src|href)=/g)).toBeNull();
    const urls = html.match(/https?:\/\/[^"'\s)]*/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u === 'http://www.w3.org/2000/svg' || u === 'http://www.w3.org/1999/xlink')).toBe(true);
    expect(html).toContain('Study “a&lt;b &amp; &quot;c&quot;”');
    const best = study.bestTrial!;
    expect(html).toContain(`Best trial: #${best.number}`);
    expect(html).toContain(`<tr><td>x</td><td>${Number((best.params.x as number).toPrecision(6))}</td></tr>`);
    expect(html.match(/<tr>/g)?.length).toBe(1 + 2 + 1 + Math.min(5, study.getTrials(['COMPLETE']).length));
  });

  it('reports a study with no completed trial, and rejects a bad `top`', async () => {
    const study = await createStudy({ name: 'empty', seed: 1, sampler: new RandomSampler() });
    await study.ask();
    const html = await studyReportHtml(study);
    expect(html).toContain('No trial has completed yet.');
    expect(html.match(/<svg[\s>]/g)).toHaveLength(1);
    await expect(studyReportHtml(study, { top: 0 })).rejects.toThrow(
      new RangeError('studyReportHtml: `top` must be a positive integer but got 0.'),
    );
  });

  it('writes the page to a file, from a Study or from its JSON export alike', async () => {
    const study = await tuned();
    const file = join(dir, 'report.html');
    await writeStudyReport(study, file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    const fromJson = await studyReportHtml(JSON.parse(study.export('json')));
    // Same tables; the plots may differ only where the JSON lacks distributions (axis types).
    const tables = (page: string) => page.match(/<table>.*?<\/table>/gs);
    expect(tables(fromJson)).toEqual(tables(html));
    expect(fromJson.match(/<svg[\s>]/g)).toHaveLength(5);
  });
});
