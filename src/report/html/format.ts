/**
 * Numbers as a reader sees them in the reports. Locale-free on purpose: the same run gives the
 * same bytes on every machine.
 */

import { formatFixed, formatNumber as formatFigure, type Unit } from '../format-estimate.ts';

const TYPESET = { typeset: true } as const;

/** A whole number with thousands separated: 1,234,567. */
export function formatCount(n: number): string {
  return formatFigure(Math.round(n), TYPESET);
}

/** Four significant digits at most, whole numbers from 1000 on; – for no number. */
export function formatNumber(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '–' : formatFigure(v, TYPESET);
}

export function formatMs(v: number | null): string {
  return v === null ? '–' : `${formatNumber(v)} ms`;
}

/** Dollars and cents, or three significant digits below a dollar. */
export function formatUsd(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a > 0 && a < 1) return `${v < 0 ? '−' : ''}$${+a.toPrecision(3)}`;
  return formatFixed(v, 2, { ...TYPESET, unit: '$' });
}

/** A share (0..1) as a percentage. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '–';
  return `${share === 0 ? '0' : String(+(share * 100).toPrecision(3))} %`;
}

/** How a chart axis labels its values, by the figure's unit. */
export const AXIS_FORMAT: Readonly<Record<Unit, (v: number) => string>> = { '': formatNumber, $: formatUsd, ms: formatMs, '%': formatPercent };

/** The seeds of a comparison or sweep: "seed 7", "10 seeds (1 to 10)". */
export function formatSeeds(seeds: readonly number[]): string {
  return seeds.length === 1 ? `seed ${seeds[0]}` : `${seeds.length} seeds (${seeds[0]} to ${seeds.at(-1)})`;
}

/** Simulated time as elapsed clock time, as on the charts' time axis: "1:03:00", "2d 06:00:00". */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const clock = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}d ${pad(h)}:${clock}` : `${h}:${clock}`;
}
