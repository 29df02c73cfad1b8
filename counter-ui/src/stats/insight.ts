// The supervisor's foresight on the statistics page (API.md v1.1 "Office insight"): when citizens
// come (weekday × hour, averaged over open days) and how many counters today needs, hour by hour,
// next to the counters open now.
import type { CounterView, DemandView, StaffingView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { t } from '../admin-i18n';
import { i18n } from '../i18n';
import { formatCalendarDate } from '../format';
import type { ShellContext } from '../navigation';
import { enc } from '../session';

export interface Insight {
  demand: DemandView;
  staffing: StaffingView;
  openNow: number;
  /** The office's hour now, to mark its row. */
  hourNow: number;
  from: string;
  to: string;
}

export async function loadInsight(ctx: ShellContext & { officeId: string }, from: string, to: string, today: string, timezone: string): Promise<Insight> {
  const id = enc(ctx.officeId);
  const [demand, staffing, counters] = await Promise.all([
    ctx.staff.json<DemandView>(`/offices/${id}/analytics/demand?from=${from}&to=${to}`),
    ctx.staff.json<StaffingView>(`/offices/${id}/staffing?date=${today}`),
    ctx.staff.json<CounterView[]>(`/offices/${id}/counters`),
  ]);
  const hourNow = Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  return { demand, staffing, openNow: counters.filter((c) => c.status === 'open').length, hourNow, from, to };
}

export function paintInsight(el: HTMLElement, insight: Insight | null): void {
  if (!insight) return mount(el);
  mount(el, h('h2', { class: 'section-title' }, t('insightTitle')), heatmap(insight), staffingTable(insight));
}

/** The hours anyone came, Monday to Sunday: a table whose cells shade with the average. */
function heatmap(x: Insight): HTMLElement {
  const cells = x.demand.heatmap;
  const hours = [...new Set(cells.filter((c) => c.averageArrivals > 0).map((c) => c.hour))].sort((a, b) => a - b);
  const within = x.demand.serviceLevel.withinTarget;
  const card = (...children: (HTMLElement | null)[]) =>
    h('section', { class: 'card', 'data-testid': 'insight-heatmap' }, h('h3', {}, t('heatTitle')), ...children);
  if (!hours.length) return card(h('p', { class: 'muted' }, t('heatNone')));
  const span = [hours[0]!, hours.at(-1)!];
  const shown = Array.from({ length: span[1]! - span[0]! + 1 }, (_, i) => span[0]! + i);
  const max = Math.max(...cells.map((c) => c.averageArrivals), 1);
  const day = (weekday: number) =>
    new Intl.DateTimeFormat(i18n.locale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 29 + weekday)));
  const rows = [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, day(weekday)),
      ...shown.map((hour) => {
        const n = cells.find((c) => c.weekday === weekday && c.hour === hour)?.averageArrivals ?? 0;
        return h('td', { class: 'heat', style: `--heat: ${(n / max).toFixed(2)}`, 'data-testid': `heat-${weekday}-${hour}` }, n ? String(n) : '');
      }),
    ),
  );
  return card(
    h('p', { class: 'muted small', id: 'heat-caption' }, t('heatCaption', { from: formatCalendarDate(x.from), to: formatCalendarDate(x.to) })),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'heatmap', 'aria-describedby': 'heat-caption', 'aria-label': t('heatTitle') },
        h('thead', {}, h('tr', {}, h('th', {}), ...shown.map((hour) => h('th', { scope: 'col' }, String(hour).padStart(2, '0'))))),
        h('tbody', {}, ...rows),
      ),
    ),
    within === null
      ? null
      : h('p', { 'data-testid': 'within-target' }, t('withinTarget', { m: x.demand.serviceLevel.targetWaitMinutes, p: `${Math.round(within * 100)}%` })),
  );
}

/** Today's hours with any expected arrival: the counters needed, and a note where fewer are open now. */
function staffingTable(x: Insight): HTMLElement {
  const hours = x.staffing.byHour.filter((hr) => hr.expectedArrivals > 0);
  const head = [
    h('h3', {}, t('staffTitle')),
    h('p', { class: 'muted small' }, t('staffHint', { p: Math.round(x.staffing.serviceLevel * 100), m: x.staffing.targetWaitMinutes })),
    h('p', { 'data-testid': 'open-now' }, t('staffOpenNow', { n: x.openNow })),
  ];
  if (!hours.length) return h('section', { class: 'card', 'data-testid': 'insight-staffing' }, ...head, h('p', { class: 'muted' }, t('staffNone')));
  return h(
    'section',
    { class: 'card', 'data-testid': 'insight-staffing' },
    ...head,
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t('staffHour')), h('th', { scope: 'col' }, t('staffExpected')), h('th', { scope: 'col' }, t('staffNeeded'))),
      ),
      h(
        'tbody',
        {},
        ...hours.map((hr) => {
          const now = hr.hour === x.hourNow;
          const short = now ? hr.countersNeeded - x.openNow : 0;
          return h(
            'tr',
            { class: now ? 'is-now' : '', 'data-testid': `staff-${hr.hour}` },
            h('td', {}, `${String(hr.hour).padStart(2, '0')}.00`),
            h('td', { class: 'num' }, String(hr.expectedArrivals)),
            h(
              'td',
              { class: 'num' },
              String(hr.countersNeeded),
              short > 0 ? h('span', { class: 'pill pill-warn' }, ` ${t('staffShort', { n: short })}`) : null,
            ),
          );
        }),
      ),
    ),
  );
}
