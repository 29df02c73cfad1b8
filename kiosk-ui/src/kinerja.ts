import type { PerformanceView } from '@giliran/contracts';
import { apiJson, errorCode } from '../../ui-shared/api';
import { h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { i18n, t } from './i18n';

// An office's public performance (API.md v1.1, /kinerja?office=<id>): what citizens and the press
// may see of how it serves — counts, waits, no-shows, the satisfaction index. No personal data.

/** Asked again this often while the page is open (the server keeps its answer 30 s). */
const REFRESH_MS = 60_000;

export function startPerformance(root: HTMLElement): void {
  const officeId = new URLSearchParams(location.search).get('office') ?? '';
  const header = h('header', { class: 'bar' });
  const main = h('main', { class: 'perf-main' });
  mount(root, header, main);
  let data: PerformanceView | null = null;
  let failed: string | null = null;

  const render = () => {
    document.title = `${t('perfTitle')}${data?.officeName ? ` — ${data.officeName}` : ''} — Giliran`;
    mount(
      header,
      h('div', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, data?.officeName ?? t('perfTitle'))),
      langToggle(i18n),
    );
    if (failed) return mount(main, h('p', { class: 'error center', role: 'alert' }, failed));
    if (!data) return mount(main, h('p', { class: 'muted center' }, t('loading')));
    mount(main, ...view(data));
  };
  const load = async () => {
    try {
      data = await apiJson<PerformanceView>(`/offices/${encodeURIComponent(officeId)}/performance`, { timeoutMs: 20_000 });
      failed = null;
    } catch (err) {
      const code = errorCode(err);
      if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') failed = t('perfNoOffice');
      else if (!data) failed = t('loadFailed');
    }
    render();
  };
  i18n.onChange(render);
  render();
  void load();
  window.setInterval(() => void load(), REFRESH_MS);
}

function view(p: PerformanceView): HTMLElement[] {
  const l = p.last30Days;
  const mins = (n: number | null) => (n === null ? t('perfNone') : t('perfMinutes', { n: n.toLocaleString(i18n.locale()) }));
  const pct = (n: number | null) => (n === null ? t('perfNone') : `${Math.round(n * 100)}%`);
  const figure = (key: string, label: string, value: string) =>
    h('div', { class: 'perf-figure' }, h('dt', {}, label), h('dd', { class: 'num', 'data-testid': `perf-${key}` }, value));
  return [
    h('h1', { class: 'perf-title' }, t('perfTitle')),
    h('p', { class: 'muted' }, t('perfIntro')),
    h(
      'section',
      { class: 'perf-card', 'aria-labelledby': 'perf-today' },
      h('h2', { id: 'perf-today' }, t('perfToday')),
      h(
        'dl',
        { class: 'perf-figures' },
        figure('today-served', t('perfServed'), String(p.today.served)),
        figure('today-waiting', t('perfWaiting'), String(p.today.waiting)),
        figure('today-wait', t('perfAvgWait'), mins(p.today.avgWaitMinutes)),
      ),
    ),
    h(
      'section',
      { class: 'perf-card', 'aria-labelledby': 'perf-30' },
      h('h2', { id: 'perf-30' }, t('perfLast30')),
      h(
        'dl',
        { class: 'perf-figures' },
        figure('served', t('perfServed'), l.served.toLocaleString(i18n.locale())),
        figure('wait', t('perfAvgWait'), mins(l.avgWaitMinutes)),
        figure('p90', t('perfP90Wait'), mins(l.p90WaitMinutes)),
        figure('within', t('perfWithin', { n: l.targetWaitMinutes }), pct(l.withinTarget)),
        figure('no-show', t('perfNoShow'), pct(l.noShowRate)),
      ),
    ),
    h(
      'section',
      { class: 'perf-card', 'aria-labelledby': 'perf-ikm' },
      h('h2', { id: 'perf-ikm' }, t('perfIkm')),
      l.ikm === null
        ? h('p', { 'data-testid': 'perf-ikm' }, t('perfIkmNone'))
        : h(
            'p',
            { class: 'perf-ikm', 'data-testid': 'perf-ikm' },
            h('strong', { class: 'num' }, l.ikm.toLocaleString(i18n.locale(), { minimumFractionDigits: 2 })),
            ` ${l.grade ?? ''} · ${t('perfIkmOf', { n: l.responses })}`,
          ),
    ),
  ];
}
