import { h, mount } from '../../../ui-shared/dom';
import { t, type Key } from '../admin-i18n';
import { parseHash, type ShellContext, type View } from '../navigation';
import type { Tab, TabContext } from './common';
import { countersTab } from './counters';
import { faqsTab } from './faqs';
import { holidaysTab } from './holidays';
import { hoursTab } from './hours';
import { notificationsTab } from './notifications';
import { officesTab } from './offices';
import { servicesTab } from './services';
import { settingsTab } from './settings';
import { staffTab } from './staff';

const TABS: { id: string; key: Key; tab: Tab; needsOffice: boolean; adminOnly?: boolean }[] = [
  { id: 'settings', key: 'tab.settings', tab: settingsTab, needsOffice: true },
  { id: 'hours', key: 'tab.hours', tab: hoursTab, needsOffice: true },
  { id: 'holidays', key: 'tab.holidays', tab: holidaysTab, needsOffice: true },
  { id: 'services', key: 'tab.services', tab: servicesTab, needsOffice: true },
  { id: 'counters', key: 'tab.counters', tab: countersTab, needsOffice: true },
  { id: 'notifications', key: 'tab.notifications', tab: notificationsTab, needsOffice: true },
  { id: 'faqs', key: 'tab.faqs', tab: faqsTab, needsOffice: true },
  { id: 'staff', key: 'tab.staff', tab: staffTab, needsOffice: false },
  { id: 'offices', key: 'tab.offices', tab: officesTab, needsOffice: false, adminOnly: true },
];

const FLASH_MS = 6000;

/** The back office: one tab per part of the office, each its own small screen (`#/office/<tab>`). */
export function startBackOffice(main: HTMLElement, shell: ShellContext): View {
  const isAdmin = shell.staff.session.user.role === 'admin';
  const available = TABS.filter((tab) => (!tab.adminOnly || isAdmin) && (!tab.needsOffice || shell.officeId));
  let current: { id: string; view: View } | null = null;
  let flashTimer: number | undefined;

  const nav = h('nav', { class: 'tabs', 'aria-label': t('adminTitle') });
  const flashEl = h('p', { class: 'flash', role: 'status', 'data-testid': 'flash', hidden: true });
  const body = h('div', { class: 'tab-body' });
  mount(main, h('div', { class: 'back-office' }, nav, h('div', { class: 'tab-main' }, flashEl, body)));

  const ctx: TabContext = {
    ...shell,
    flash(text, kind = 'ok') {
      window.clearTimeout(flashTimer);
      flashEl.textContent = text;
      flashEl.className = `flash flash-${kind}`;
      flashEl.hidden = false;
      flashTimer = window.setTimeout(() => (flashEl.hidden = true), FLASH_MS);
    },
  };

  function selected(): string {
    const sub = parseHash().sub;
    if (available.some((tab) => tab.id === sub)) return sub;
    // An admin without an office starts where offices are chosen and created.
    return shell.officeId ? (available[0]?.id ?? 'offices') : 'offices';
  }

  function renderNav() {
    const id = selected();
    mount(
      nav,
      ...available.map((tab) =>
        h('a', { href: `#/office/${tab.id}`, class: 'tab', 'data-testid': `tab-${tab.id}`, 'aria-current': tab.id === id ? 'page' : null }, t(tab.key)),
      ),
    );
  }

  function show() {
    const id = selected();
    renderNav();
    if (current?.id === id) return;
    current?.view.dispose();
    flashEl.hidden = true;
    const tab = available.find((x) => x.id === id);
    if (!tab) return;
    body.replaceChildren();
    current = { id, view: tab.tab(body, ctx) };
  }

  const onHash = () => {
    if (parseHash().page === 'office') show();
  };
  window.addEventListener('hashchange', onHash);
  show();

  return {
    rerender() {
      renderNav();
      current?.view.rerender();
    },
    dispose() {
      window.clearTimeout(flashTimer);
      window.removeEventListener('hashchange', onHash);
      current?.view.dispose();
    },
  };
}
