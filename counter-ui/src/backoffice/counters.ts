import type { CounterView, ServiceView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { t, type Key } from '../admin-i18n';
import { enc } from '../session';
import { checker, failedBlock, formDialog, intIn, loadingBlock, sectionHead, table, type Tab } from './common';

/** Counters and the services each one serves, in order of preference (the call order). */
export const countersTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let counters: CounterView[] | null = null;
  let services: ServiceView[] = [];
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    if (!counters) mount(el, loadingBlock());
    try {
      [counters, services] = await Promise.all([
        ctx.staff.json<CounterView[]>(`/offices/${enc(officeId)}/counters`),
        ctx.staff.json<ServiceView[]>(`/offices/${enc(officeId)}/services`),
      ]);
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  const serviceLabel = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? `${s.prefix} · ${s.name}` : id;
  };

  function openForm(existing: CounterView | null) {
    const name = input({ name: 'name', maxlength: 60, value: existing?.name, 'data-testid': 'counter-name', placeholder: t('counterNamePlaceholder') });
    // The chosen services first, in their order; the others after them, unticked.
    const order = [...(existing?.serviceIds ?? []), ...services.filter((s) => !existing?.serviceIds.includes(s.id)).map((s) => s.id)];
    const chosen = new Set(existing?.serviceIds ?? services.filter((s) => s.active).map((s) => s.id));
    const list = h('ol', { class: 'order-list', 'data-testid': 'counter-services' });
    const paint = () => {
      mount(
        list,
        ...order.map((id, i) => {
          const s = services.find((x) => x.id === id);
          const box = h('input', { type: 'checkbox', id: `svc-${id}`, checked: chosen.has(id), 'data-testid': `counter-service-${s?.prefix ?? id}` });
          box.addEventListener('change', () => {
            if (box.checked) chosen.add(id);
            else chosen.delete(id);
            paint();
          });
          const move = (delta: number, key: Key, symbol: string) =>
            h(
              'button',
              {
                type: 'button',
                class: 'icon-button',
                'aria-label': `${t(key)}: ${serviceLabel(id)}`,
                title: t(key),
                'data-testid': `counter-service-${s?.prefix ?? id}-${delta < 0 ? 'up' : 'down'}`,
                disabled: i + delta < 0 || i + delta >= order.length,
                onclick: () => {
                  const j = i + delta;
                  [order[i], order[j]] = [order[j]!, order[i]!];
                  paint();
                  list
                    .querySelector<HTMLButtonElement>(`[data-testid="counter-service-${s?.prefix ?? id}-${delta < 0 ? 'up' : 'down'}"]:not(:disabled)`)
                    ?.focus();
                },
              },
              symbol,
            );
          const rank = chosen.has(id) ? order.filter((x) => chosen.has(x)).indexOf(id) + 1 : null;
          return h(
            'li',
            { class: `order-item${chosen.has(id) ? '' : ' is-off'}` },
            h('span', { class: 'order-rank num' }, rank ? String(rank) : ''),
            h(
              'label',
              { for: `svc-${id}`, class: 'check grow' },
              box,
              h('span', {}, serviceLabel(id), s && !s.active ? h('span', { class: 'muted small' }, ` (${t('inactive')})`) : null),
            ),
            move(-1, 'moveUp', '↑'),
            move(1, 'moveDown', '↓'),
          );
        }),
      );
    };
    paint();
    const sortOrder = input({
      name: 'sortOrder',
      type: 'number',
      min: -1000,
      max: 1000,
      value: existing?.sortOrder ?? 0,
      inputmode: 'numeric',
      'data-testid': 'counter-sort-order',
    });
    formDialog({
      title: existing ? t('counterEdit', { name: existing.name }) : t('counterAdd'),
      testId: 'counter-form',
      submitLabel: existing ? t('save') : t('add'),
      content: [
        field({ name: 'name', label: t('counterName'), control: name }),
        field({ name: 'sortOrder', label: t('sortOrder'), control: sortOrder, hint: t('sortOrderHint') }),
        h(
          'div',
          { class: 'field', 'data-field': 'serviceIds' },
          h('p', { class: 'label' }, t('counterServices')),
          h('p', { class: 'field-hint' }, t('counterServicesHint')),
          list,
          h('p', { class: 'field-error', 'data-error-for': 'serviceIds' }),
        ),
      ],
      validate() {
        const { problems, check } = checker();
        check(name.value.trim().length > 0, 'name', t('v.required'));
        check(chosen.size > 0, 'serviceIds', t('v.oneService'));
        check(intIn(sortOrder.value, -1000, 1000), 'sortOrder', t('v.range', { min: -1000, max: 1000 }));
        return problems;
      },
      async save() {
        const body = { name: name.value.trim(), serviceIds: order.filter((id) => chosen.has(id)), sortOrder: Number(sortOrder.value) };
        if (existing) await ctx.staff.json(`/offices/${enc(officeId)}/counters/${enc(existing.id)}`, { method: 'PATCH', body });
        else await ctx.staff.json(`/offices/${enc(officeId)}/counters`, { method: 'POST', body });
        ctx.flash(existing ? t('saved') : t('counterAdded', { name: body.name }));
        void ctx.office(true).catch(() => undefined);
        await load();
      },
    });
  }

  function render() {
    if (failed && !counters)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!counters) return mount(el, loadingBlock());
    const rows = counters.map((c) =>
      h(
        'tr',
        { 'data-testid': `counter-row-${c.id}` },
        h('td', {}, h('strong', {}, c.name)),
        h('td', {}, h('span', { class: `pill pill-${c.status}` }, t(`counter.${c.status}` as Key))),
        h('td', {}, h('ol', { class: 'inline-order' }, ...c.serviceIds.map((id) => h('li', {}, serviceLabel(id))))),
        h(
          'td',
          { class: 'row-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `counter-edit-${c.name}`, onclick: () => openForm(c) }, t('edit')),
        ),
      ),
    );
    mount(
      el,
      h(
        'section',
        { class: 'card' },
        sectionHead(
          t('tab.counters'),
          h(
            'button',
            { type: 'button', class: 'btn', 'data-testid': 'counter-add', disabled: services.length === 0, onclick: () => openForm(null) },
            t('counterAdd'),
          ),
        ),
        services.length === 0 ? h('p', { class: 'muted' }, t('countersNeedService')) : null,
        counters.length
          ? table('counters', [t('counterName'), t('status'), t('counterServices'), ''], rows, t('tab.counters'))
          : h('p', { class: 'muted' }, t('countersEmpty')),
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
