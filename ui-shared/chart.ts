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
  /** Pixel height; the width follows the container. */
  height?: number;
  /** Locale for the axis numbers. */
  locale?: string;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** The smallest of 1, 2, 5 × 10ⁿ (n ≥ 0) that is at least `value`: a round, whole step for counts. */
export function niceStep(value: number): number {
  if (value <= 1) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * pow >= value) return step * pow;
  return 10 * pow;
}

/**
 * Grouped vertical bars of counts as inline SVG (no library). Horizontal positions are
 * percentages, so the chart fills its container's width without stretching its text;
 * each bar carries a `<title>` tooltip.
 */
export function barChart(opts: BarChartOptions): SVGSVGElement {
  const height = opts.height ?? 240;
  const top = 18;
  const bottom = 26;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...opts.series.flatMap((s) => s.values));
  const step = niceStep(max / 4);
  const ticks = Math.max(1, Math.ceil(max / step));
  const yMax = step * ticks;
  const fmt = new Intl.NumberFormat(opts.locale);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;

  const root = svg('svg', { width: '100%', height, class: 'chart', role: 'img', 'aria-label': opts.title });
  root.append(svg('title', {}, opts.title));

  // Gridlines with their value just above, at the left edge: no axis gutter needed.
  const grid = svg('g', { class: 'chart-grid' });
  for (let i = 1; i <= ticks; i++) {
    const yy = y(step * i);
    grid.append(svg('line', { x1: '0%', x2: '100%', y1: yy, y2: yy }));
    grid.append(svg('text', { x: 0, y: yy - 4, class: 'chart-axis' }, fmt.format(step * i)));
  }
  root.append(grid);

  const left = 3; // % kept free for the gridline values
  const groups = Math.max(1, opts.labels.length);
  const slot = (100 - left) / groups;
  const perGroup = Math.max(1, opts.series.length);
  const barW = (slot * 0.64) / perGroup;
  const bars = svg('g', {});
  opts.labels.forEach((label, gi) => {
    const start = left + gi * slot + slot * 0.18;
    opts.series.forEach((s, si) => {
      const v = s.values[gi] ?? 0;
      if (v <= 0) return;
      bars.append(
        svg(
          'rect',
          { x: `${start + si * barW}%`, y: y(v), width: `${barW * 0.92}%`, height: top + plotH - y(v), rx: 2, class: s.className },
          svg('title', {}, `${label} · ${s.name}: ${fmt.format(v)}`),
        ),
      );
    });
    bars.append(svg('text', { x: `${left + gi * slot + slot / 2}%`, y: height - 6, 'text-anchor': 'middle', class: 'chart-axis' }, label));
  });
  root.append(bars);
  root.append(svg('line', { x1: '0%', x2: '100%', y1: top + plotH, y2: top + plotH, class: 'chart-baseline' }));
  return root;
}
