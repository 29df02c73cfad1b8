import type { OfficeSummary, StaffRole, StaffUserView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input, select } from '../../../ui-shared/form';
import { formatShortDate } from '../format';
import { t, type Key } from '../admin-i18n';
import { enc } from '../session';
import { checker, formDialog, sectionHead, table, type Tab, type TabContext } from './common';
import { loadedTab } from './loaded-tab';

const USERNAME = /^[a-z0-9._-]{3,64}$/;

interface Loaded {
  users: StaffUserView[];
  offices: OfficeSummary[];
}

/** Who is looking, and what they may do: supervisors manage their office's officers and supervisors; admins everyone. */
function viewer(ctx: TabContext) {
  const me = ctx.staff.session.user;
  const isAdmin = me.role === 'admin';
  return { me, isAdmin, roles: (isAdmin ? ['officer', 'supervisor', 'admin'] : ['officer', 'supervisor']) as StaffRole[] };
}

function officeControl(ctx: TabContext, offices: OfficeSummary[], value: string | null): HTMLSelectElement {
  const { me, isAdmin } = viewer(ctx);
  const options = isAdmin
    ? [{ value: '', label: t('noOfficeAdminOnly') }, ...offices.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))]
    : [{ value: me.officeId ?? '', label: t('thisOffice') }];
  return select(options, value ?? '', { name: 'officeId', 'data-testid': 'staff-office', disabled: !isAdmin });
}

/** The staff form's controls, filled from the account being edited (or the defaults for a new one). */
function staffControls(ctx: TabContext, offices: OfficeSummary[], existing: StaffUserView | null) {
  const { me, roles } = viewer(ctx);
  return {
    username: input({
      name: 'username',
      maxlength: 64,
      value: existing?.username,
      disabled: !!existing,
      autocapitalize: 'none',
      spellcheck: 'false',
      'data-testid': 'staff-username',
    }),
    password: input({ name: 'password', type: 'password', maxlength: 128, autocomplete: 'new-password', 'data-testid': 'staff-password' }),
    role: select(
      roles.map((r) => ({ value: r, label: t(`role.${r}` as Key) })),
      existing?.role ?? 'officer',
      { name: 'role', 'data-testid': 'staff-role', disabled: existing?.id === me.id },
    ),
    office: officeControl(ctx, offices, existing ? existing.officeId : (ctx.officeId ?? me.officeId)),
    active: h('input', {
      type: 'checkbox',
      id: 'staff-active',
      checked: existing ? existing.active : true,
      disabled: existing?.id === me.id,
      'data-testid': 'staff-active',
    }),
  };
}

type StaffControls = ReturnType<typeof staffControls>;

function staffFields(c: StaffControls, existing: StaffUserView | null): HTMLElement {
  return h(
    'div',
    { class: 'form-grid' },
    field({ name: 'username', label: t('username'), control: c.username, hint: existing ? t('fixedAfterCreate') : t('usernameHint') }),
    field({
      name: 'password',
      label: existing ? t('newPassword') : t('password'),
      control: c.password,
      hint: existing ? t('newPasswordHint') : t('passwordHint'),
    }),
    field({ name: 'role', label: t('role'), control: c.role }),
    field({ name: 'officeId', label: t('office'), control: c.office }),
    existing
      ? h(
          'div',
          { class: 'field span-2', 'data-field': 'active' },
          h('label', { class: 'check', for: 'staff-active' }, c.active, h('span', {}, t('accountActive'))),
          h('p', { class: 'field-hint' }, t('accountActiveHint')),
        )
      : null,
  );
}

/** What changed on an account: only that is sent. */
function staffChanges(c: StaffControls, existing: StaffUserView, isAdmin: boolean): Record<string, unknown> {
  const officeId = c.office.value || null;
  const body: Record<string, unknown> = {};
  if (c.password.value) body.password = c.password.value;
  if (c.role.value !== existing.role) body.role = c.role.value;
  if (isAdmin && officeId !== existing.officeId) body.officeId = officeId;
  if (c.active.checked !== existing.active) body.active = c.active.checked;
  return body;
}

function staffRow(ctx: TabContext, offices: OfficeSummary[], u: StaffUserView, openForm: (existing: StaffUserView) => void): HTMLTableRowElement {
  const { me, isAdmin } = viewer(ctx);
  const officeName = (id: string | null) =>
    id === null ? t('noOffice') : (offices.find((o) => o.id === id)?.name ?? (id === ctx.officeId ? t('thisOffice') : id));
  return h(
    'tr',
    { 'data-testid': `staff-${u.username}`, class: u.active ? '' : 'is-inactive' },
    h('td', {}, h('strong', {}, u.username), u.id === me.id ? h('span', { class: 'muted small' }, ` (${t('you')})`) : null),
    h('td', {}, t(`role.${u.role}` as Key)),
    isAdmin ? h('td', {}, officeName(u.officeId)) : null,
    h('td', {}, h('span', { class: `pill ${u.active ? 'pill-ok' : 'pill-off'}` }, u.active ? t('active') : t('inactive'))),
    h('td', { class: 'muted' }, u.createdAt ? formatShortDate(u.createdAt) : ''),
    h(
      'td',
      { class: 'row-actions' },
      u.role === 'admin' && !isAdmin
        ? null
        : h(
            'button',
            { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `staff-edit-${u.username}`, onclick: () => openForm(u) },
            t('edit'),
          ),
    ),
  );
}

/** Staff accounts. Supervisors manage officers and supervisors of their own office; admins everyone. */
export const staffTab: Tab = (el, ctx) => {
  const { isAdmin } = viewer(ctx);
  let onlyThisOffice = !!ctx.officeId;
  const tab = loadedTab<Loaded>(el, {
    keep: true,
    async fetch() {
      const [users, offices] = await Promise.all([
        ctx.staff.json<StaffUserView[]>('/staff'),
        isAdmin ? ctx.staff.json<OfficeSummary[]>('/offices') : Promise.resolve([] as OfficeSummary[]),
      ]);
      return { users, offices };
    },
    paint,
  });

  function openForm(existing: StaffUserView | null) {
    const c = staffControls(ctx, tab.data?.offices ?? [], existing);
    formDialog({
      title: existing ? t('staffEdit', { name: existing.username }) : t('staffAdd'),
      testId: 'staff-form',
      submitLabel: existing ? t('save') : t('add'),
      content: [staffFields(c, existing)],
      validate() {
        const { problems, check } = checker();
        if (!existing) check(USERNAME.test(c.username.value), 'username', t('v.username'));
        if (!existing || c.password.value) check(c.password.value.length >= 8 && c.password.value.length <= 128, 'password', t('v.password'));
        check(c.role.value === 'admin' || c.office.value !== '', 'officeId', t('v.officeNeeded'));
        return problems;
      },
      async save() {
        if (existing) {
          const body = staffChanges(c, existing, isAdmin);
          if (Object.keys(body).length) await ctx.staff.json(`/staff/${enc(existing.id)}`, { method: 'PATCH', body });
          ctx.flash(t('saved'));
        } else {
          const body = { username: c.username.value, password: c.password.value, role: c.role.value, officeId: c.office.value || null };
          await ctx.staff.json('/staff', { method: 'POST', body });
          ctx.flash(t('staffAdded', { name: c.username.value }));
        }
        await tab.load();
      },
    });
  }

  function paint({ users, offices }: Loaded) {
    const shown = users
      .filter((u) => !onlyThisOffice || !ctx.officeId || u.officeId === ctx.officeId)
      .sort((a, b) => Number(b.active) - Number(a.active) || a.username.localeCompare(b.username));
    const filter =
      isAdmin && ctx.officeId ? h('input', { type: 'checkbox', id: 'staff-only-office', checked: onlyThisOffice, 'data-testid': 'staff-only-office' }) : null;
    filter?.addEventListener('change', () => {
      onlyThisOffice = filter.checked;
      tab.render();
    });
    const rows = shown.map((u) => staffRow(ctx, offices, u, openForm));
    const head = [t('username'), t('role'), ...(isAdmin ? [t('office')] : []), t('status'), t('createdAt'), ''];
    mount(
      el,
      h(
        'section',
        { class: 'card' },
        sectionHead(
          t('tab.staff'),
          filter ? h('label', { class: 'check', for: 'staff-only-office' }, filter, h('span', {}, t('onlyThisOffice'))) : null,
          h('button', { type: 'button', class: 'btn', 'data-testid': 'staff-add', onclick: () => openForm(null) }, t('staffAdd')),
        ),
        shown.length ? table('staff', head, rows, t('tab.staff')) : h('p', { class: 'muted' }, t('staffEmpty')),
      ),
    );
  }

  void tab.load();
  return tab.view;
};
