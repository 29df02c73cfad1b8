import type { CounterView, ServiceView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { t, type Key } from '../admin-i18n';
import { enc } from '../session';
import { checker, formDialog, intIn, sectionHead, table, type Tab } from './common';
import { loadedTab } from './loaded-tab';

interface Loaded {
  counters: CounterView[];
  services: ServiceView[];
}

function serviceLabel(services: ServiceView[], id: string): string {
  const s = services.find((x) => x.id === id);
  return s ? `${s.prefix} · ${s.name}` : id;
}

/** The services a counter serves, ticked and in the order it calls them: state and its list. */
interface ServiceOrder {
  /** Every service: the chosen ones first, in their order; the others after them, unticked. */
  order: string[];
  chosen: Set<string>;
}

function serviceOrder(services: ServiceView[], existing: CounterView | null): ServiceOrder {
  return {
    order: [...(existing?.serviceIds ?? []), ...services.filter((s) => !existing?.serviceIds.includes(s.id)).map((s) => s.id)],
    chosen: new Set(existing?.serviceIds ?? services.filter((s) => s.active).map((s) => s.id)),
  };
}

/** Swaps the service at `i` with its neighbour `i + delta`. */
function move(state: ServiceOrder, i: number, delta: number): void {
  const j = i + delta;
  [state.order[i], state.order[j]] = [state.order[j]!, state.order[i]!];
}

/** The ordered checklist of services; repaints itself as services are ticked and moved. */
function serviceOrderList(services: ServiceView[], state: ServiceOrder): HTMLOListElement {
  const list = h('ol', { class: 'order-list', 'data-testid': 'counter-services' });
  const { order, chosen } = state;
  const paint = () => mount(list, ...order.map((id, i) => item(id, i)));
  const item = (id: string, i: number) => {
    const s = services.find((x) => x.id === id);
    const testId = `counter-service-${s?.prefix ?? id}`;
    const box = h('input', { type: 'checkbox', id: `svc-${id}`, checked: chosen.has(id), 'data-testid': testId });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(id);
      else chosen.delete(id);
      paint();
    });
    const moveButton = (delta: number, key: Key, symbol: string) => {
      const moveTestId = `${testId}-${delta < 0 ? 'up' : 'down'}`;
      const onclick = () => {
        move(state, i, delta);
        paint();
        list.querySelector<HTMLButtonElement>(`[data-testid="${moveTestId}"]:not(:disabled)`)?.focus();
      };
      const disabled = i + delta < 0 || i + delta >= order.length;
      const label = `${t(key)}: ${serviceLabel(services, id)}`;
      return h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: t(key), 'data-testid': moveTestId, disabled, onclick }, symbol);
    };
    const rank = chosen.has(id) ? order.filter((x) => chosen.has(x)).indexOf(id) + 1 : null;
    return h(
      'li',
      { class: `order-item${chosen.has(id) ? '' : ' is-off'}` },
      h('span', { class: 'order-rank num' }, rank ? String(rank) : ''),
      h(
        'label',
        { for: `svc-${id}`, class: 'check grow' },
        box,
        h('span', {}, serviceLabel(services, id), s && !s.active ? h('span', { class: 'muted small' }, ` (${t('inactive')})`) : null),
      ),
      moveButton(-1, 'moveUp', '↑'),
      moveButton(1, 'moveDown', '↓'),
    );
  };
  paint();
  return list;
}

function countersView({ counters, services }: Loaded, openForm: (existing: CounterView | null) => void): HTMLElement {
  const rows = counters.map((c) =>
    h(
      'tr',
      { 'data-testid': `counter-row-${c.id}` },
      h('td', {}, h('strong', {}, c.name)),
      h('td', {}, h('span', { class: `pill pill-${c.status}` }, t(`counter.${c.status}` as Key))),
      h('td', {}, h('ol', { class: 'inline-order' }, ...c.serviceIds.map((id) => h('li', {}, serviceLabel(services, id))))),
      h(
        'td',
        { class: 'row-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `counter-edit-${c.name}`, onclick: () => openForm(c) }, t('edit')),
      ),
    ),
  );
  return h(
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
  );
}

/** Counters and the services each one serves, in order of preference (the call order). */
export const countersTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const tab = loadedTab<Loaded>(el, {
    keep: true,
    async fetch() {
      const [counters, services] = await Promise.all([
        ctx.staff.json<CounterView[]>(`/offices/${enc(officeId)}/counters`),
        ctx.staff.json<ServiceView[]>(`/offices/${enc(officeId)}/services`),
      ]);
      return { counters, services };
    },
    paint: (data) => mount(el, countersView(data, openForm)),
  });

  function openForm(existing: CounterView | null) {
    const services = tab.data?.services ?? [];
    const name = input({ name: 'name', maxlength: 60, value: existing?.name, 'data-testid': 'counter-name', placeholder: t('counterNamePlaceholder') });
    const state = serviceOrder(services, existing);
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
          serviceOrderList(services, state),
          h('p', { class: 'field-error', 'data-error-for': 'serviceIds' }),
        ),
      ],
      validate() {
        const { problems, check } = checker();
        check(name.value.trim().length > 0, 'name', t('v.required'));
        check(state.chosen.size > 0, 'serviceIds', t('v.oneService'));
        check(intIn(sortOrder.value, -1000, 1000), 'sortOrder', t('v.range', { min: -1000, max: 1000 }));
        return problems;
      },
      async save() {
        const body = { name: name.value.trim(), serviceIds: state.order.filter((id) => state.chosen.has(id)), sortOrder: Number(sortOrder.value) };
        if (existing) await ctx.staff.json(`/offices/${enc(officeId)}/counters/${enc(existing.id)}`, { method: 'PATCH', body });
        else await ctx.staff.json(`/offices/${enc(officeId)}/counters`, { method: 'POST', body });
        ctx.flash(existing ? t('saved') : t('counterAdded', { name: body.name }));
        void ctx.office(true).catch(() => undefined);
        await tab.load();
      },
    });
  }

  void tab.load();
  return tab.view;
};
