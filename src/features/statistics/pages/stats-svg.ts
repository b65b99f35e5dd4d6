// The statistics charts drawn on the server as SVG markup: vertical bars for a series, horizontal bars
// for a breakdown. Pure string builders (every text escaped); scales never divide by zero, so a period
// with no activity draws an empty axis, never NaN. A hidden public figure (1 to 4) draws no bar.
import { escapeHtml } from "../../../web/html/jsx-runtime.ts";

export interface Bar {
  label: string;
  value: number;
  /** The figure written beside the bar (« 1 234 », « moins de 5 »). */
  text: string;
  /** True when the value must not be drawn (a public count below 5). */
  hidden?: boolean;
}

const WIDTH = 640;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A round maximum for the axis: 1, 2, 2.5 or 5 times a power of ten, at least the data's maximum. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const NUMBER = new Intl.NumberFormat("fr-FR");

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Vertical bars, one per bucket, with a y axis of three round ticks and at most 12 x labels. */
export function columnChartSvg(bars: Bar[], ids: { labelledBy: string }, height = 240): string {
  const left = 56;
  const right = 8;
  const top = 12;
  const bottom = 30;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const visible = bars.filter((b) => !b.hidden).map((b) => b.value);
  const max = niceMax(Math.max(0, ...visible));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, slot * 0.75);
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const parts: string[] = [];
  for (const tick of [0, max / 2, max]) {
    const y = round1(top + plotH - (tick / max) * plotH);
    parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${y}" y2="${y}" class="stats-svg__grid"/>`);
    parts.push(`<text x="${left - 6}" y="${round1(y + 4)}" class="stats-svg__tick" text-anchor="end">${escapeHtml(NUMBER.format(tick))}</text>`);
  }
  bars.forEach((bar, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    if (!bar.hidden && bar.value > 0) {
      const h = (bar.value / max) * plotH;
      parts.push(
        `<rect x="${round1(x)}" y="${round1(top + plotH - h)}" width="${round1(barW)}" height="${round1(h)}" class="stats-svg__bar"><title>${escapeHtml(`${bar.label} : ${bar.text}`)}</title></rect>`,
      );
    }
    if (i % labelEvery === 0) {
      parts.push(`<text x="${round1(x + barW / 2)}" y="${height - 10}" class="stats-svg__tick" text-anchor="middle">${escapeHtml(clip(bar.label, 12))}</text>`);
    }
  });
  parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${top + plotH}" y2="${top + plotH}" class="stats-svg__axis"/>`);
  return svg(height, ids.labelledBy, parts);
}

/**
 * Horizontal bars, one per row, in HTML: the label above its bar, the figure at the bar's end. Text is
 * page text (never scaled down with a drawing), so it stays readable on a 320 px phone. Each bar is a
 * one-rectangle SVG stretched to its share (attributes, not inline styles: the CSP forbids those).
 */
export function barChartHtml(bars: Bar[], ids: { labelledBy: string }): string {
  const visible = bars.filter((b) => !b.hidden).map((b) => b.value);
  const max = Math.max(1, ...visible);
  const rows = bars.map((bar) => {
    const share = bar.hidden ? 0 : round1(Math.max(0.5, (bar.value / max) * 100));
    const drawn =
      share > 0 && bar.value > 0
        ? `<svg class="stats-bars__bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${share}" height="1" class="stats-svg__bar"/></svg>`
        : "";
    return `<li><span class="stats-bars__label">${escapeHtml(bar.label)}</span><span class="stats-bars__line">${drawn}<strong class="stats-bars__value">${escapeHtml(bar.text)}</strong></span></li>`;
  });
  return `<ul class="stats-bars" aria-labelledby="${escapeHtml(ids.labelledBy)}">${rows.join("")}</ul>`;
}

function svg(height: number, labelledBy: string, parts: string[]): string {
  return (
    `<svg class="stats-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${escapeHtml(labelledBy)}" focusable="false" ` +
    `xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`
  );
}
