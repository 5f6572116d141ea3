import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/experiment/compare-result.ts';
import type { SweepResult } from '../../src/experiment/sweep-result.ts';
import { compareHtml } from '../../src/experiment/compare-html.ts';
import { runScenario } from '../helpers/run-cli.ts';
import { chartPixels, launchChromium, openFile, overlappingTexts } from './browser.ts';
import { desiredChanges, reportScenario, runCompare } from './report-scenario.ts';
import { runSweep } from './sweep-scenario.ts';

describe('HTML reports in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('report.html: draws every chart, requests nothing but itself, logs no error, and shows each scaling activity with its cause on hover', async () => {
    const s = await runScenario(reportScenario());
    const file = join(s.out, 'report.html');
    const { page, requests, errors } = await openFile(browser, file);

    const charts = await chartPixels(page);
    expect(charts.map((c) => c.id)).toEqual(['chart-traffic', 'chart-latency', 'chart-errors', 'chart-cost', 'chart-groups']);
    for (const c of charts) {
      expect(c.painted, c.id).toBeGreaterThan(0);
      // Axes and grid alone are grey and black: these pixels are the series' lines.
      expect(c.inSeriesColors, c.id).toBeGreaterThan(100);
    }

    const changes = desiredChanges(s.out);
    expect(changes.length).toBeGreaterThan(1);
    const markers = page.locator('#chart-traffic .marker');
    await expect.poll(() => markers.count()).toBe(changes.length);
    const tip = page.locator('#chart-traffic .marker-tip');
    for (let i = 0; i < changes.length; i++) {
      await markers.nth(i).hover();
      expect(await tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toContain(changes[i].cause);
    }

    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compare.html: every overlay and interval chart drawn, no label over another, nothing requested, no error', async () => {
    const out = await runCompare();
    const file = join(out, 'compare.html');
    const { page, requests, errors } = await openFile(browser, file);
    const charts = await chartPixels(page);
    expect(charts.map((c) => c.id)).toEqual(['chart-latency-p99', 'chart-capacity', 'chart-cost']);
    for (const c of charts) {
      expect(c.painted, c.id).toBeGreaterThan(0);
      expect(c.inSeriesColors, c.id).toBeGreaterThan(100);
    }
    const intervals = page.locator('figure.interval svg');
    expect(await intervals.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const box = await intervals.nth(i).boundingBox();
      expect(box!.width * box!.height).toBeGreaterThan(0);
      expect(await intervals.nth(i).locator('rect').count()).toBe(2);
      expect(await intervals.nth(i).locator('path').count()).toBeGreaterThan(2);
    }
    expect(await overlappingTexts(page, 'figure.interval svg')).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();

    // The same comparison had no request failed: every error-rate bar and bound is 0.
    const result = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    const none = { n: result.seeds.length, mean: 0, half_width: 0, low: 0, high: 0 };
    const noErrors = { ...result, variants: result.variants.map((v) => ({ ...v, estimates: { ...v.estimates, error_rate: none } })) };
    const noErrorsFile = join(out, 'no-errors.html');
    writeFileSync(noErrorsFile, compareHtml(noErrors));
    const second = await openFile(browser, noErrorsFile);
    expect(await overlappingTexts(second.page, 'figure.interval svg')).toEqual([]);
    await second.page.close();
  });

  it('sweep.html: a mark per grid point, the front joined by its step line, the trend charts, nothing requested, no error', async () => {
    const out = await runSweep();
    const result = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepResult;
    const file = join(out, 'sweep.html');
    const { page, requests, errors } = await openFile(browser, file);
    const scatter = page.locator('svg.scatter');
    const area = async (l: typeof scatter) => {
      const box = await l.boundingBox();
      return box ? box.width * box.height : 0;
    };
    expect(await area(scatter)).toBeGreaterThan(0);
    const marks = scatter.locator('g.point');
    expect(await marks.count()).toBe(result.points.length);
    for (let i = 0; i < result.points.length; i++) expect(await area(marks.nth(i).locator('circle')), `mark ${i}`).toBeGreaterThan(0);
    const front = result.points.filter((p) => p.pareto);
    expect(await scatter.locator('g.point[data-front="true"]').count()).toBe(front.length);
    expect(front.length).toBeGreaterThan(1);
    expect(await area(scatter.locator('path.front'))).toBeGreaterThan(0);
    // p99 and cost against the instance count: one line per instance type in each.
    expect(await page.locator('figure.interval svg g.line').count()).toBe(2 * 2);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
