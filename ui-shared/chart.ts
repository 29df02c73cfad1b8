const SVG = 'http://www.w3.org/2000/svg';

export interface BarSeries {
  name: string;
  /** CSS class of its bars (the colour lives in the stylesheet). */
  className: string;
  values: number[];
}

export interface BarChartOptions {
  /** One label per group on the x axis. */
  labels: string[];
  series: BarSeries[];
  /** Accessible summary of the whole chart. */
  title: string;
  height?: number;
  /** Locale for the axis numbers. */
  locale?: string;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** 1, 2, 5 × 10ⁿ: a round top for the axis, at least `value`. */
export function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * pow >= value) return step * pow;
  return 10 * pow;
}

/**
 * Grouped vertical bars as inline SVG (no library): scales to its container's width,
 * each bar carries a `<title>` tooltip.
 */
export function barChart(opts: BarChartOptions): SVGSVGElement {
  const groups = opts.labels.length;
  const perGroup = opts.series.length;
  const barW = 14;
  const innerGap = 2;
  const groupW = perGroup * barW + (perGroup - 1) * innerGap + 14;
  const left = 40;
  const right = 8;
  const top = 12;
  const bottom = 28;
  const width = Math.max(480, left + right + groups * groupW);
  const height = opts.height ?? 260;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...opts.series.flatMap((s) => s.values));
  const yMax = niceCeil(max);
  const ticks = yMax <= 4 ? yMax : 4;
  const fmt = new Intl.NumberFormat(opts.locale);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': opts.title, preserveAspectRatio: 'xMinYMin meet' });
  root.append(svg('title', {}, opts.title));

  const grid = svg('g', { class: 'chart-grid' });
  for (let i = 0; i <= ticks; i++) {
    const v = (yMax / ticks) * i;
    const yy = y(v);
    grid.append(svg('line', { x1: left, x2: width - right, y1: yy, y2: yy }));
    grid.append(svg('text', { x: left - 6, y: yy + 4, 'text-anchor': 'end', class: 'chart-axis' }, fmt.format(Math.round(v * 10) / 10)));
  }
  root.append(grid);

  const bars = svg('g', {});
  const plotW = width - left - right;
  const slot = plotW / Math.max(1, groups);
  opts.labels.forEach((label, gi) => {
    const groupX = left + gi * slot + (slot - (perGroup * barW + (perGroup - 1) * innerGap)) / 2;
    opts.series.forEach((s, si) => {
      const v = s.values[gi] ?? 0;
      const x = groupX + si * (barW + innerGap);
      const hgt = Math.max(0, top + plotH - y(v));
      const rect = svg('rect', { x, y: y(v), width: barW, height: hgt, rx: 2, class: s.className }, svg('title', {}, `${label} · ${s.name}: ${fmt.format(v)}`));
      bars.append(rect);
    });
    bars.append(svg('text', { x: left + gi * slot + slot / 2, y: height - 8, 'text-anchor': 'middle', class: 'chart-axis' }, label));
  });
  root.append(bars);
  root.append(svg('line', { x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, class: 'chart-baseline' }));
  return root;
}
