// The statistics' cards: the key figures, tickets by hour, and the tables by service, officer and
// counter.
import type { OfficeStats } from '@giliran/contracts';
import { barChart } from '../../../ui-shared/chart';
import { h, type Child } from '../../../ui-shared/dom';
import { formatCalendarDate, formatDuration, formatNumber } from '../format';
import { i18n, t, type Key } from '../admin-i18n';
import { percent } from './state';

function kpi(id: string, key: Key, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'kpi' },
    h('p', { class: 'kpi-label' }, t(key)),
    h('p', { class: 'kpi-value num', 'data-testid': `stats-${id}` }, value),
    note ? h('p', { class: 'kpi-note muted' }, note) : null,
  );
}

export function kpis(s: OfficeStats): HTMLElement {
  return h(
    'div',
    { class: 'kpis' },
    kpi('issued', 'kpi.issued', formatNumber(s.issued)),
    kpi('served', 'kpi.served', formatNumber(s.served), t('ofIssued', { p: percent(s.served, s.issued) })),
    kpi('no-show', 'kpi.noShow', formatNumber(s.noShow), t('ofIssued', { p: percent(s.noShow, s.issued) })),
    kpi('cancelled', 'kpi.cancelled', formatNumber(s.cancelled)),
    kpi('transferred', 'kpi.transferred', formatNumber(s.transferred ?? 0)),
    kpi('avg-wait', 'kpi.avgWait', formatDuration(s.avgWaitSeconds)),
    kpi('p90-wait', 'kpi.p90Wait', formatDuration(s.p90WaitSeconds), t('p90Note')),
    kpi('avg-service', 'kpi.avgService', formatDuration(s.avgServiceSeconds)),
  );
}

export function hourChart(s: OfficeStats): HTMLElement {
  const withData = s.byHour.filter((x) => x.issued > 0 || x.served > 0).map((x) => x.hour);
  const first = Math.min(7, ...withData);
  const last = Math.max(16, ...withData);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const at = (hour: number) => s.byHour.find((x) => x.hour === hour);
  const series = [
    { name: t('kpi.issued'), className: 'bar-issued', values: hours.map((hr) => at(hr)?.issued ?? 0) },
    { name: t('kpi.served'), className: 'bar-served', values: hours.map((hr) => at(hr)?.served ?? 0) },
  ];
  const total = series[0]!.values.reduce((a, b) => a + b, 0) + series[1]!.values.reduce((a, b) => a + b, 0);
  return h(
    'section',
    { class: 'card chart-card', 'data-testid': 'stats-by-hour' },
    h(
      'div',
      { class: 'section-head' },
      h('h2', {}, t('byHour')),
      h('div', { class: 'legend' }, ...series.map((x) => h('span', { class: 'legend-item' }, h('span', { class: `swatch ${x.className}` }), x.name))),
    ),
    total === 0
      ? h('p', { class: 'muted' }, t('noData'))
      : barChart({
          labels: hours.map((hr) => String(hr).padStart(2, '0')),
          series,
          title: t('byHourTitle', { from: formatCalendarDate(s.from), to: formatCalendarDate(s.to) }),
          locale: i18n.locale(),
        }),
    h('p', { class: 'muted small' }, t('byHourNote', { zone: s.timezone })),
  );
}

function tableCard(testId: string, title: string, head: string[], rows: Child[][], empty: string): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table', 'data-testid': testId },
            h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : '' }, x)))),
            h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: i > 0 ? 'num' : '' }, c))))),
          ),
        )
      : h('p', { class: 'muted' }, empty),
  );
}

export function byServiceTable(s: OfficeStats): HTMLElement {
  return tableCard(
    'stats-by-service',
    t('byService'),
    [
      t('service'),
      t('kpi.issued'),
      t('kpi.served'),
      t('kpi.noShow'),
      t('kpi.cancelled'),
      t('kpi.transferred'),
      t('kpi.avgWait'),
      t('kpi.p90Wait'),
      t('kpi.avgService'),
    ],
    s.byService.map((x) => [
      h('span', {}, h('span', { class: 'prefix-chip small' }, x.prefix), ' ', x.name),
      formatNumber(x.issued),
      formatNumber(x.served),
      formatNumber(x.noShow),
      formatNumber(x.cancelled),
      formatNumber(x.transferred ?? 0),
      formatDuration(x.avgWaitSeconds),
      formatDuration(x.p90WaitSeconds),
      formatDuration(x.avgServiceSeconds),
    ]),
    t('noData'),
  );
}

export function byOfficerTable(s: OfficeStats): HTMLElement {
  return tableCard(
    'stats-by-officer',
    t('byOfficer'),
    [t('officer'), t('fig.called'), t('kpi.served'), t('kpi.noShow'), t('kpi.avgService')],
    [...s.byOfficer]
      .sort((a, b) => b.served - a.served)
      .map((x) => [x.username, formatNumber(x.called), formatNumber(x.served), formatNumber(x.noShow), formatDuration(x.avgServiceSeconds)]),
    t('noData'),
  );
}

export function byCounterTable(s: OfficeStats): HTMLElement {
  return tableCard(
    'stats-by-counter',
    t('byCounter'),
    [t('counter'), t('openTime'), t('busyTime'), t('idleTime'), t('kpi.served')],
    s.byCounter.map((x) => [
      h(
        'span',
        { class: 'counter-cell' },
        x.name,
        h(
          'span',
          { class: 'util', title: t('utilisation', { p: percent(x.busySeconds, x.openSeconds) }), 'aria-hidden': 'true' },
          h('span', { class: 'util-busy', style: `width:${x.openSeconds ? Math.min(100, (x.busySeconds / x.openSeconds) * 100) : 0}%` }),
        ),
      ),
      formatDuration(x.openSeconds),
      formatDuration(x.busySeconds),
      h('span', {}, formatDuration(x.idleSeconds), h('span', { class: 'muted small' }, ` (${percent(x.idleSeconds, x.openSeconds)})`)),
      formatNumber(x.served),
    ]),
    t('noData'),
  );
}
