import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package; .ci/run installs it when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless run that talks to no Google service. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the HTML report tests need Chromium (apt-get install -y chromium, as .ci/run does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

export interface LoadedPage {
  readonly page: Page;
  /** Every URL the page requested, itself included. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/** Opens a local file and records what the page requests and what goes wrong in it. */
export async function openFile(browser: Browser, file: string): Promise<LoadedPage> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, errors };
}

/**
 * Runs in the page (as source text: the test's own transpiled functions do not survive the trip):
 * for each `.chart` element, its id, the painted pixels of its canvas, and how many of them have
 * about one of the colours of that chart's series.
 */
const CHART_PIXELS = `() => {
  const data = JSON.parse(document.getElementById('fleetsim-data').textContent);
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Array.from(document.querySelectorAll('.chart')).map((chart) => {
    const spec = data.charts.find((c) => 'chart-' + c.id === chart.id);
    const colors = spec ? spec.series.map((s) => rgb(s.color)) : [];
    const canvas = chart.querySelector('canvas');
    if (!canvas) return { id: chart.id, painted: 0, inSeriesColors: 0 };
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let inSeriesColors = 0;
    for (let p = 0; p < pixels.length; p += 4) {
      if (pixels[p + 3] === 0) continue;
      painted++;
      const close = ([r, g, b]) => Math.abs(pixels[p] - r) + Math.abs(pixels[p + 1] - g) + Math.abs(pixels[p + 2] - b) < 40;
      if (pixels[p + 3] > 200 && colors.some(close)) inSeriesColors++;
    }
    return { id: chart.id, painted, inSeriesColors };
  });
}`;

export interface ChartPixels {
  /** The chart element's id. */
  readonly id: string;
  /** Pixels of its canvas that are not transparent. */
  readonly painted: number;
  /** Opaque pixels of about the colour of one of its series: the lines themselves. */
  readonly inSeriesColors: number;
}

export async function chartPixels(page: Page): Promise<ChartPixels[]> {
  return page.evaluate(`(${CHART_PIXELS})()`);
}

/**
 * Runs in the page: for every element matching the selector, the pairs of its `text` descendants
 * whose painted boxes intersect, as "first / second" (their contents).
 */
const OVERLAPPING_TEXTS = `(selector) => {
  const pairs = [];
  for (const root of document.querySelectorAll(selector)) {
    const texts = Array.from(root.querySelectorAll('text')).map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box;
        const b = texts[j].box;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(texts[i].text + ' / ' + texts[j].text);
      }
    }
  }
  return pairs;
}`;

/** Labels drawn over one another in any element matching `selector`: none in a readable chart. */
export async function overlappingTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(${OVERLAPPING_TEXTS})(${JSON.stringify(selector)})`);
}
