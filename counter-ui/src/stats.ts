import type { OfficeStats } from '@giliran/contracts';
import { API_BASE, errorCode, saveBlob } from '../../ui-shared/api';
import { barChart } from '../../ui-shared/chart';
import { h, mount, type Child } from '../../ui-shared/dom';
import { formatCalendarDate, formatDuration, formatNumber } from './format';
import { i18n, t, type Key } from './admin-i18n';
import { errorMessage } from './i18n';
import { addDays, enc, todayIn } from './session';
import type { ShellContext, View } from './navigation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIVE_REFRESH_MS = 60_000;

function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}

/** Office statistics for a date range: KPI cards, tickets by hour, by service, by officer, by counter. */
export function startStats(main: HTMLElement, ctx: ShellContext & { officeId: string }): View {
  const { staff, officeId } = ctx;
  let timezone = 'Asia/Jakarta';
  let today = todayIn(timezone);
  let from = today;
  let to = today;
  let stats: OfficeStats | null = null;
  let failed: string | null = null;
  let loading = false;
  let disposed = false;
  let request = 0;

  const fromInput = h('input', { type: 'date', class: 'input', id: 'stats-from', 'data-testid': 'stats-from' });
  const toInput = h('input', { type: 'date', class: 'input', id: 'stats-to', 'data-testid': 'stats-to' });
  const rangeError = h('p', { class: 'field-error', role: 'alert' });
  const download = h('a', { class: 'btn btn-secondary', 'data-testid': 'download-csv', download: '' });
  const controls = h('form', { class: 'stats-controls', novalidate: true });
  const body = h('div', { class: 'stats-body', 'aria-live': 'polite' });
  mount(main, h('div', { class: 'stats' }, controls, body));

  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    setRange(fromInput.value, toInput.value);
  });
  download.addEventListener('click', (event) => {
    event.preventDefault();
    void downloadCsv();
  });

  function query(): string {
    return `/offices/${enc(officeId)}/stats?from=${from}&to=${to}`;
  }

  function setRange(f: string, tt: string) {
    rangeError.textContent = '';
    if (!DATE.test(f) || !DATE.test(tt)) {
      rangeError.textContent = t('v.date');
      return;
    }
    if (f > tt) {
      rangeError.textContent = t('v.rangeOrder');
      return;
    }
    from = f;
    to = tt;
    renderControls();
    void load();
  }

  function renderControls() {
    fromInput.value = from;
    toInput.value = to;
    fromInput.max = today;
    toInput.max = today;
    download.href = `${API_BASE}${query()}&format=csv`;
    const quick = (key: Key, days: number, id: string) => {
      const start = addDays(today, -(days - 1));
      return h(
        'button',
        {
          type: 'button',
          class: `chip${from === start && to === today ? ' is-selected' : ''}`,
          'data-testid': `stats-range-${id}`,
          'aria-pressed': from === start && to === today ? 'true' : 'false',
          onclick: () => setRange(start, today),
        },
        t(key),
      );
    };
    download.replaceChildren(t('downloadCsv'));
    mount(
      controls,
      h('h2', { class: 'stats-title' }, t('statsTitle')),
      h('div', { class: 'chips' }, quick('range.today', 1, 'today'), quick('range.7', 7, '7'), quick('range.30', 30, '30')),
      h('label', { for: 'stats-from' }, t('from')),
      fromInput,
      h('label', { for: 'stats-to' }, t('to')),
      toInput,
      h('button', { type: 'submit', class: 'btn', 'data-testid': 'stats-apply' }, t('show')),
      download,
      rangeError,
    );
  }

  async function downloadCsv() {
    download.setAttribute('aria-busy', 'true');
    try {
      const blob = await staff.blob(`${query()}&format=csv`, 'text/csv');
      saveBlob(blob, `giliran-statistik-${from}_${to}.csv`);
    } catch (err) {
      rangeError.textContent = errorMessage(errorCode(err));
    } finally {
      download.removeAttribute('aria-busy');
    }
  }

  async function load(quiet = false) {
    const mine = ++request;
    loading = !quiet;
    if (!quiet) render();
    try {
      const res = await staff.json<OfficeStats>(query());
      if (disposed || mine !== request) return;
      stats = res;
      failed = null;
    } catch (err) {
      if (disposed || mine !== request) return;
      failed = errorMessage(errorCode(err));
    }
    loading = false;
    render();
  }

  function kpi(id: string, key: Key, value: string, note?: string): HTMLElement {
    return h(
      'div',
      { class: 'kpi' },
      h('p', { class: 'kpi-label' }, t(key)),
      h('p', { class: 'kpi-value num', 'data-testid': `stats-${id}` }, value),
      note ? h('p', { class: 'kpi-note muted' }, note) : null,
    );
  }

  function hourChart(s: OfficeStats): HTMLElement {
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

  function render() {
    if (failed && !stats) {
      mount(
        body,
        h(
          'div',
          { class: 'page-loading' },
          h('p', { class: 'error', role: 'alert' }, failed),
          h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => void load() }, t('retry')),
        ),
      );
      return;
    }
    if (!stats) {
      mount(body, h('p', { class: 'muted page-loading' }, t('loading')));
      return;
    }
    const s = stats;
    body.classList.toggle('is-loading', loading);
    const range = s.from === s.to ? formatCalendarDate(s.from) : `${formatCalendarDate(s.from)} – ${formatCalendarDate(s.to)}`;
    mount(
      body,
      failed ? h('p', { class: 'error', role: 'alert' }, failed) : null,
      h('p', { class: 'stats-range muted' }, range),
      h(
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
      ),
      hourChart(s),
      tableCard(
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
      ),
      h(
        'div',
        { class: 'two-col' },
        tableCard(
          'stats-by-officer',
          t('byOfficer'),
          [t('officer'), t('fig.called'), t('kpi.served'), t('kpi.noShow'), t('kpi.avgService')],
          [...s.byOfficer]
            .sort((a, b) => b.served - a.served)
            .map((x) => [x.username, formatNumber(x.called), formatNumber(x.served), formatNumber(x.noShow), formatDuration(x.avgServiceSeconds)]),
          t('noData'),
        ),
        tableCard(
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
        ),
      ),
    );
  }

  let live: number | undefined;
  void (async () => {
    try {
      const office = await ctx.office();
      timezone = office.timezone;
      today = todayIn(timezone);
      from = today;
      to = today;
    } catch {
      // The browser's date is a fair guess; the server answers for the office anyway.
    }
    if (disposed) return;
    renderControls();
    void load();
    // While the range includes today, the figures keep moving: follow them quietly.
    live = window.setInterval(() => {
      if (!disposed && to >= todayIn(timezone) && !document.hidden) void load(true);
    }, LIVE_REFRESH_MS);
  })();
  renderControls();
  render();

  return {
    rerender() {
      renderControls();
      render();
    },
    dispose() {
      disposed = true;
      window.clearInterval(live);
    },
  };
}
