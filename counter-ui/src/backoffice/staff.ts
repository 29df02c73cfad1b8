import type { OfficeSummary, StaffRole } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input, select } from '../../../ui-shared/form';
import { formatShortDate } from '../format';
import { t, type Key } from '../admin-i18n';
import { enc, type StaffUser } from '../session';
import { checker, failedBlock, formDialog, loadingBlock, sectionHead, table, type Tab } from './common';

const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** Staff accounts. Supervisors manage officers and supervisors of their own office; admins everyone. */
export const staffTab: Tab = (el, ctx) => {
  const me = ctx.staff.session.user;
  const isAdmin = me.role === 'admin';
  let users: StaffUser[] | null = null;
  let offices: OfficeSummary[] = [];
  let onlyThisOffice = !!ctx.officeId;
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    if (!users) mount(el, loadingBlock());
    try {
      [users, offices] = await Promise.all([
        ctx.staff.json<StaffUser[]>('/staff'),
        isAdmin ? ctx.staff.json<OfficeSummary[]>('/offices') : Promise.resolve([] as OfficeSummary[]),
      ]);
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  const roles = (): StaffRole[] => (isAdmin ? ['officer', 'supervisor', 'admin'] : ['officer', 'supervisor']);
  const officeName = (id: string | null) =>
    id === null ? t('noOffice') : (offices.find((o) => o.id === id)?.name ?? (id === ctx.officeId ? t('thisOffice') : id));

  function officeControl(value: string | null): HTMLSelectElement {
    const options = isAdmin
      ? [{ value: '', label: t('noOfficeAdminOnly') }, ...offices.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))]
      : [{ value: me.officeId ?? '', label: t('thisOffice') }];
    return select(options, value ?? '', { name: 'officeId', 'data-testid': 'staff-office', disabled: !isAdmin });
  }

  function openForm(existing: StaffUser | null) {
    const username = input({
      name: 'username',
      maxlength: 64,
      value: existing?.username,
      disabled: !!existing,
      autocapitalize: 'none',
      spellcheck: 'false',
      'data-testid': 'staff-username',
    });
    const password = input({ name: 'password', type: 'password', maxlength: 128, autocomplete: 'new-password', 'data-testid': 'staff-password' });
    const role = select(
      roles().map((r) => ({ value: r, label: t(`role.${r}` as Key) })),
      existing?.role ?? 'officer',
      { name: 'role', 'data-testid': 'staff-role', disabled: existing?.id === me.id },
    );
    const office = officeControl(existing ? existing.officeId : (ctx.officeId ?? me.officeId));
    const active = h('input', {
      type: 'checkbox',
      id: 'staff-active',
      checked: existing ? existing.active : true,
      disabled: existing?.id === me.id,
      'data-testid': 'staff-active',
    });
    formDialog({
      title: existing ? t('staffEdit', { name: existing.username }) : t('staffAdd'),
      testId: 'staff-form',
      submitLabel: existing ? t('save') : t('add'),
      content: [
        h(
          'div',
          { class: 'form-grid' },
          field({ name: 'username', label: t('username'), control: username, hint: existing ? t('fixedAfterCreate') : t('usernameHint') }),
          field({
            name: 'password',
            label: existing ? t('newPassword') : t('password'),
            control: password,
            hint: existing ? t('newPasswordHint') : t('passwordHint'),
          }),
          field({ name: 'role', label: t('role'), control: role }),
          field({ name: 'officeId', label: t('office'), control: office }),
          existing
            ? h(
                'div',
                { class: 'field span-2', 'data-field': 'active' },
                h('label', { class: 'check', for: 'staff-active' }, active, h('span', {}, t('accountActive'))),
                h('p', { class: 'field-hint' }, t('accountActiveHint')),
              )
            : null,
        ),
      ],
      validate() {
        const { problems, check } = checker();
        if (!existing) check(USERNAME.test(username.value), 'username', t('v.username'));
        if (!existing || password.value) check(password.value.length >= 8 && password.value.length <= 128, 'password', t('v.password'));
        check(role.value === 'admin' || office.value !== '', 'officeId', t('v.officeNeeded'));
        return problems;
      },
      async save() {
        const officeId = office.value || null;
        if (existing) {
          const body: Record<string, unknown> = {};
          if (password.value) body.password = password.value;
          if (role.value !== existing.role) body.role = role.value;
          if (isAdmin && officeId !== existing.officeId) body.officeId = officeId;
          if (active.checked !== existing.active) body.active = active.checked;
          if (Object.keys(body).length) await ctx.staff.json(`/staff/${enc(existing.id)}`, { method: 'PATCH', body });
          ctx.flash(t('saved'));
        } else {
          await ctx.staff.json('/staff', { method: 'POST', body: { username: username.value, password: password.value, role: role.value, officeId } });
          ctx.flash(t('staffAdded', { name: username.value }));
        }
        await load();
      },
    });
  }

  function render() {
    if (failed && !users)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!users) return mount(el, loadingBlock());
    const shown = users
      .filter((u) => !onlyThisOffice || !ctx.officeId || u.officeId === ctx.officeId)
      .sort((a, b) => Number(b.active) - Number(a.active) || a.username.localeCompare(b.username));
    const filter =
      isAdmin && ctx.officeId ? h('input', { type: 'checkbox', id: 'staff-only-office', checked: onlyThisOffice, 'data-testid': 'staff-only-office' }) : null;
    filter?.addEventListener('change', () => {
      onlyThisOffice = filter.checked;
      render();
    });
    const rows = shown.map((u) =>
      h(
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
      ),
    );
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

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
