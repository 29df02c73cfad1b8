import { errorCode } from '../../ui-shared/api';
import { h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { startConsole } from './console';
import { i18n, t, type Key } from './i18n';
import { enc, type OfficeFull } from './session';
import { canManage, parseHash, type Page, type ShellContext, type View } from './navigation';

export type { Page, ShellContext, View } from './navigation';

/**
 * Header with the navigation (Konsol / Kantor / Statistik for supervisors and admins)
 * and one view below it. Back office and statistics load on first use: an officer's
 * console never downloads them.
 */
export function startShell(root: HTMLElement, base: Omit<ShellContext, 'office'>): View {
  const { staff, officeId } = base;
  const user = staff.session.user;
  const manager = canManage(user.role);
  let cached: Promise<OfficeFull> | null = null;
  let officeName = '';
  let view: View | null = null;
  let shown: Page | null = null;
  let generation = 0;

  const ctx: ShellContext = {
    ...base,
    office(fresh = false) {
      if (!officeId) return Promise.reject(new Error('no office chosen'));
      if (!cached || fresh) {
        const next = staff.json<OfficeFull>(`/offices/${enc(officeId)}`);
        cached = next;
        next.then(
          (o) => {
            if (officeName !== o.name) {
              officeName = o.name;
              renderHeader();
            }
          },
          () => {
            if (cached === next) cached = null;
          },
        );
      }
      return cached;
    },
  };

  const header = h('header', { class: 'bar' });
  const main = h('main', { class: 'view', id: 'main' });
  mount(root, h('a', { class: 'skip-link', href: '#main' }, t('skipToContent')), header, main);

  function page(): Page {
    if (!manager) return 'console';
    if (!officeId) return 'office';
    return parseHash().page;
  }

  function renderHeader() {
    const current = page();
    const link = (p: Page, key: Key, href: string) =>
      h('a', { href, class: 'nav-link', 'data-testid': `nav-${p}`, 'aria-current': current === p ? 'page' : null }, t(key));
    mount(
      header,
      h(
        'span',
        { class: 'bar-title' },
        h('span', { class: 'brand' }, `Giliran · ${t(current === 'console' ? 'title' : current === 'stats' ? 'statsTitle' : 'adminTitle')}`),
        h('span', { class: 'office-name', 'data-testid': 'office-name' }, officeId ? officeName || '…' : t('allOffices')),
      ),
      manager
        ? h(
            'nav',
            { class: 'nav', 'aria-label': t('navLabel') },
            officeId ? link('console', 'nav.console', '#/console') : null,
            link('office', 'nav.office', '#/office'),
            officeId ? link('stats', 'nav.stats', '#/stats') : null,
          )
        : null,
      h('span', { class: 'user-name' }, `${user.username} · ${t(`role.${user.role}` as Key)}`),
      user.role === 'admin' && officeId
        ? h(
            'button',
            { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'switch-office', onclick: () => base.switchOffice(null) },
            t('switchOffice'),
          )
        : null,
      h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'logout', onclick: () => base.logout() }, t('logout')),
      langToggle(i18n),
    );
  }

  async function show() {
    const next = page();
    if (next === shown && view) return;
    const mine = ++generation;
    view?.dispose();
    view = null;
    shown = next;
    renderHeader();
    if (next === 'console' && officeId) {
      view = startConsole(main, { ...ctx, officeId });
      return;
    }
    mount(main, h('p', { class: 'muted page-loading' }, t('loading')));
    try {
      const started =
        next === 'stats' && officeId
          ? (await import('./stats')).startStats(main, { ...ctx, officeId })
          : (await import('./backoffice/back-office')).startBackOffice(main, ctx);
      if (mine !== generation) return started.dispose();
      view = started;
    } catch (err) {
      if (mine !== generation) return;
      // A new deployment replaced the chunk this page knew about: a reload fetches the new one.
      mount(
        main,
        h(
          'div',
          { class: 'page-loading' },
          h('p', { class: 'error' }, t('loadFailed')),
          h('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, t('reload')),
          h('p', { class: 'muted small' }, errorCode(err)),
        ),
      );
    }
  }

  const onHash = () => {
    if (parseHash().page !== shown) void show();
  };
  window.addEventListener('hashchange', onHash);
  renderHeader();
  void show();
  if (officeId) void ctx.office().catch(() => undefined);

  return {
    rerender() {
      renderHeader();
      view?.rerender();
    },
    dispose() {
      generation++;
      window.removeEventListener('hashchange', onHash);
      view?.dispose();
      view = null;
    },
  };
}
