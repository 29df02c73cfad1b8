/**
 * A face for an answer of 1 (worst) to 4 (best), drawn as SVG: emoji faces are missing from the
 * fonts of many phones and kiosk PCs. Decoration only: the answer's label says it in words.
 */
const MOUTHS = ['M9 23 Q16 16 23 23', 'M10 22 Q16 19 22 22', 'M10 20 Q16 24 22 20', 'M9 19 Q16 27 23 19'];
const COLOURS = ['#c62828', '#ef6c00', '#2e7d32', '#1b5e20'];

export function face(value: number, size = 32): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const colour = COLOURS[value - 1] ?? '#555';
  const part = (name: string, attrs: Record<string, string>) => {
    const el = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  };
  part('circle', { cx: '16', cy: '16', r: '14', fill: 'none', stroke: colour, 'stroke-width': '2.5' });
  part('circle', { cx: '11', cy: '12.5', r: '2', fill: colour });
  part('circle', { cx: '21', cy: '12.5', r: '2', fill: colour });
  part('path', { d: MOUTHS[value - 1] ?? MOUTHS[1]!, fill: 'none', stroke: colour, 'stroke-width': '2.5', 'stroke-linecap': 'round' });
  return svg;
}
