import type { ChartSpec } from './chart-spec.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { pageAssets } from './page-assets.ts';

export interface PageContent {
  /** Plain text: the window title. */
  readonly title: string;
  /** The page's HTML, every piece of text in it already escaped. */
  readonly body: string;
  /** Drawn into the elements `chart-<id>` of the body. */
  readonly charts: readonly ChartSpec[];
}

/**
 * One self-contained HTML document: styles, uPlot, the data and the script that draws it are
 * all inline (uPlot and the script only in pages that have uPlot charts). The content security
 * policy lets the page load nothing at all, so it opens the same offline, from a mail attachment
 * or a CI artifact.
 */
export function htmlPage(content: PageContent): string {
  const charted = content.charts.length > 0;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${escapeHtml(content.title)}</title>
${charted ? `<style>${inlineable(pageAssets().uplotCss, 'style')}</style>\n` : ''}<style>${inlineable(pageAssets().css, 'style')}</style>
</head>
<body>
<main>
${content.body}
</main>
${charted ? scripts(content.charts) : ''}</body>
</html>
`;
}

/** The charts' data, uPlot and the script that draws them; a page of SVG alone needs none of it. */
function scripts(charts: readonly ChartSpec[]): string {
  return `<script type="application/json" id="fleetsim-data">${jsonForScript({ charts })}</script>
<script>${inlineable(pageAssets().uplotJs, 'script')}</script>
<script>${inlineable(pageAssets().script, 'script')}</script>
`;
}

/**
 * Code safe inside its element: `</script` (or `</style`) can only occur in a string or regular
 * expression literal, where `<\/` means the same.
 */
function inlineable(code: string, element: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}

/** A chart's heading, caption and the element it is drawn into. */
export function chartSection(id: string, title: string, caption: string): string {
  return `<section>
<h2>${escapeHtml(title)}</h2>
<p class="caption">${escapeHtml(caption)}</p>
<div class="chart" id="chart-${escapeHtml(id)}"></div>
</section>`;
}
