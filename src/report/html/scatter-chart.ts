import { PALETTE } from './chart-spec.ts';
import { escapeHtml } from './escape.ts';
import { truncate } from '../../text/truncate.ts';
import { axesSvg, axisSide, intervalAxis, place, type Interval, type PlotArea } from './svg-axes.ts';

export interface ScatterMark {
  /** Written as the mark's `data-point`. */
  readonly key: number;
  readonly x: Interval;
  readonly y: Interval;
  /** On the front: highlighted, labelled and joined to the other front marks. */
  readonly front: boolean;
  /** Meets the SLO; a mark that does not is drawn dashed. */
  readonly meets: boolean;
  /** Shown beside a front mark. */
  readonly label: string;
  /** Shown on hover. */
  readonly title: string;
}

export interface ScatterAxes {
  readonly x: { readonly title: string; readonly format: (v: number) => string };
  readonly y: { readonly title: string; readonly format: (v: number) => string };
}

const WIDTH = 760;
const HEIGHT = 440;
const AREA: PlotArea = { left: 90, top: 16, right: WIDTH - 24, bottom: HEIGHT - 48 };
const FRONT = PALETTE[0];
const OTHER = '#8c959f';
/** Beyond this many front marks their labels would pile up; hover still tells each one. */
const MAX_LABELS = 12;

/**
 * Two figures of each mark against each other, with both intervals as whiskers, and the front
 * (both figures minimised) as a step line: from each front mark right to the next one's x, then
 * down to it, the edge of what the front marks dominate. Drawn as SVG on the server, like the
 * interval charts, so that it needs no script and prints as it shows.
 */
export function scatterChart(marks: readonly ScatterMark[], axes: ScatterAxes): string {
  const xAxis = intervalAxis(marks.map((m) => m.x));
  const yAxis = intervalAxis(marks.map((m) => m.y));
  const px = (v: number) => place(xAxis, v, AREA.left, AREA.right);
  const py = (v: number) => place(yAxis, v, AREA.bottom, AREA.top);
  const front = marks.filter((m) => m.front).sort((a, b) => a.x.mean - b.x.mean || a.y.mean - b.y.mean);
  const step = front.map((m, i) => (i === 0 ? `M${px(m.x.mean)} ${py(m.y.mean)}` : `H${px(m.x.mean)}V${py(m.y.mean)}`)).join('');
  const labelled = front.length <= MAX_LABELS;
  // Other marks first, so that the front is drawn over them.
  const drawn = [...marks.filter((m) => !m.front), ...marks.filter((m) => m.front)].map((m) => {
    const cx = px(m.x.mean);
    const cy = py(m.y.mean);
    const color = m.front ? FRONT : OTHER;
    const whiskers: string[] = [];
    if (m.x.low !== null && m.x.high !== null) {
      const [a, b] = [px(m.x.low), px(m.x.high)];
      whiskers.push(`M${a} ${cy}H${b}M${a} ${cy - 4}v8M${b} ${cy - 4}v8`);
    }
    if (m.y.low !== null && m.y.high !== null) {
      const [a, b] = [py(m.y.low), py(m.y.high)];
      whiskers.push(`M${cx} ${a}V${b}M${cx - 4} ${a}h8M${cx - 4} ${b}h8`);
    }
    const whisker = whiskers.length > 0 ? `<path d="${whiskers.join('')}" stroke="${color}" stroke-opacity="0.55" fill="none"/>` : '';
    const dot = m.front
      ? `<circle cx="${cx}" cy="${cy}" r="5" fill="${FRONT}"/>`
      : `<circle cx="${cx}" cy="${cy}" r="4" fill="#fff" stroke="${OTHER}" stroke-width="1.5"${m.meets ? '' : ' stroke-dasharray="2 2"'}/>`;
    const onLeft = cx > AREA.right - 160;
    const label =
      m.front && labelled
        ? `<text x="${onLeft ? cx - 8 : cx + 8}" y="${cy - 8}" text-anchor="${onLeft ? 'end' : 'start'}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(truncate(m.label, 32))}</text>`
        : '';
    return `<g class="point" data-point="${m.key}" data-front="${m.front}" data-slo="${m.meets}"><title>${escapeHtml(m.title)}</title>${whisker}${dot}${label}</g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="scatter" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(`${axes.y.title} against ${axes.x.title}`)}">
${axesSvg(AREA, axisSide(xAxis, axes.x.title, px, axes.x.format), axisSide(yAxis, axes.y.title, py, axes.y.format))}
${step ? `<path class="front" d="${step}" stroke="${FRONT}" stroke-width="1.5" fill="none"/>` : ''}
${drawn.join('\n')}
</svg>`;
}
