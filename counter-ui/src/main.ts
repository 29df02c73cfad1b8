import '../../ui-shared/base.css';
import './style.css';
import type { LoginResponse } from '@giliran/contracts';
import { api, apiJson, errorCode } from '../../ui-shared/api';
import { byId, h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { renderOfficePicker } from '../../ui-shared/office';
import { errorMessage, i18n, t } from './i18n';
import { OFFICE_KEY, SESSION_KEY, readSession, staffClient, storage, type Session } from './session';
import { startShell, type View } from './shell';
import { startSurveyTablet } from './survey-tablet';

const root = byId('app');
let session: Session | null = readSession();
let rerender: () => void = () => undefined;
let view: View | null = null;

i18n.onChange(() => rerender());
route();

function route(notice?: string): void {
  view?.dispose();
  view = null;
  if (!session) return showLogin(notice);
  if (location.pathname.startsWith('/survey')) {
    // The counter's survey tablet: a screen of its own, no shell.
    view = startSurveyTablet(
      root,
      staffClient(session, () => logout(t('sessionExpired'))),
      new URLSearchParams(location.search).get('counter'),
    );
    rerender = () => view?.rerender();
    return;
  }
  const officeId = session.user.officeId ?? storage('session', OFFICE_KEY);
  // An admin without a chosen office starts in the office list (where offices are also created).
  if (!officeId && session.user.role !== 'admin') return showOfficePicker();
  const staff = staffClient(session, () => logout(t('sessionExpired')));
  view = startShell(root, {
    staff,
    officeId,
    switchOffice(next) {
      storage('session', OFFICE_KEY, next);
      if (!next && location.hash.startsWith('#/office')) history.replaceState(null, '', '#/office/offices');
      route();
    },
    logout,
  });
  rerender = () => view?.rerender();
}

/** Signing out ends the token on the server too; a session that already ended just leaves. */
function logout(notice?: string): void {
  if (session && !notice) void api('/auth/logout', { method: 'POST', token: session.token, timeoutMs: 5000 }).catch(() => undefined);
  session = null;
  storage('session', SESSION_KEY, null);
  storage('session', OFFICE_KEY, null);
  history.replaceState(null, '', location.pathname + location.search);
  route(notice);
}

function showLogin(notice?: string, username = ''): void {
  const userInput = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    value: username,
    'data-testid': 'username',
  });
  const passInput = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'password',
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error' }, notice ?? '');
  const submit = h('button', { type: 'submit', class: 'btn btn-block', 'data-testid': 'login' }, t('login'));
  const form = h(
    'form',
    { class: 'login-card', novalidate: true },
    h('p', { class: 'brand' }, 'Giliran'),
    h('h1', {}, t('loginTitle')),
    h('label', { for: 'username' }, t('username')),
    userInput,
    h('label', { for: 'password' }, t('password')),
    passInput,
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void login();
  });

  async function login() {
    const name = userInput.value.trim();
    if (!name || !passInput.value) {
      error.textContent = errorMessage('VALIDATION_FAILED');
      (name ? passInput : userInput).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('loggingIn');
    error.textContent = '';
    try {
      const res = await apiJson<LoginResponse>('/auth/login', { method: 'POST', body: { username: name, password: passInput.value } });
      session = { token: res.accessToken, user: res.user };
      storage('session', SESSION_KEY, JSON.stringify(session));
      route();
    } catch (err) {
      error.textContent = errorMessage(errorCode(err));
      submit.disabled = false;
      submit.textContent = t('login');
      passInput.select();
    }
  }

  document.title = `Giliran — ${t('title')}`;
  mount(root, h('div', { class: 'login-wrap' }, h('div', { class: 'login-lang' }, langToggle(i18n)), form));
  rerender = () => showLogin(error.textContent ?? undefined, userInput.value);
  (username ? passInput : userInput).focus();
}

function showOfficePicker(): void {
  const main = h('main', { class: 'picker-wrap' });
  mount(
    root,
    h(
      'header',
      { class: 'bar' },
      h('span', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, t('title'))),
      h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'logout', onclick: () => logout() }, t('logout')),
      langToggle(i18n),
    ),
    main,
  );
  void renderOfficePicker(
    main,
    { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
    (office) => {
      storage('session', OFFICE_KEY, office.id);
      route();
    },
  );
  rerender = showOfficePicker;
}
