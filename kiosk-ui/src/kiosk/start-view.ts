import type { OfficeDetail } from '@giliran/contracts';
import { formatTime, h, mount } from '../../../ui-shared/dom';
import { errorMessage, i18n, t, type Key } from '../i18n';
import { hoursTable, opensText } from '../office-hours';
import { placesFor, type KioskState } from './state';
import type { KioskHandlers } from './handlers';

// The start screen: the services to take a number for, the switches, the check-in button.

export function renderStart(main: HTMLElement, state: KioskState, office: OfficeDetail, on: KioskHandlers): void {
  if (!office.openNow) return renderClosed(main, office);
  const fromUrl = new URLSearchParams(location.search).has('office');
  mount(
    main,
    h('h1', { class: 'title' }, t('chooseService')),
    h('p', { class: 'muted subtitle' }, t('chooseServiceHint')),
    office.closesAt
      ? h('p', { class: 'muted small', 'data-testid': 'closes-at' }, t('closesAt', { time: formatTime(office.closesAt, office.timezone, i18n.locale()) }))
      : null,
    switchButton({ on: state.priority, testId: 'priority', title: 'priority', hint: 'priorityHint', onToggle: on.togglePriority }),
    office.messaging ? switchButton({ on: state.sms, testId: 'sms', title: 'smsToggle', hint: 'smsToggleHint', onToggle: on.toggleSms }) : null,
    serviceButtons(state, office, on),
    h(
      'button',
      { type: 'button', class: 'checkin-cta', 'data-testid': 'check-in', disabled: state.busy, onclick: on.checkIn },
      h('span', { class: 'checkin-cta-icon', 'aria-hidden': 'true' }, '✓'),
      h('span', { class: 'checkin-cta-text' }, h('strong', {}, t('checkInCta')), h('small', {}, t('checkInCtaHint'))),
      h('span', { class: 'checkin-cta-arrow', 'aria-hidden': 'true' }, '›'),
    ),
    h('p', { class: 'kiosk-error', role: 'alert', 'data-testid': 'error' }, state.busy ? t('issuing') : state.error ? errorMessage(state.error) : ''),
    fromUrl ? null : h('button', { type: 'button', class: 'link-button', onclick: on.changeOffice }, t('changeOffice')),
  );
}

function renderClosed(main: HTMLElement, office: OfficeDetail): void {
  mount(
    main,
    h(
      'section',
      { class: 'closed-panel', 'data-testid': 'closed' },
      h('h1', { class: 'title' }, t('closedTitle')),
      h('p', { class: 'closed-opens', 'data-testid': 'opens-at' }, opensText(office)),
      office.address ? h('p', { class: 'muted' }, office.address) : null,
    ),
    hoursTable(office),
  );
}

/** A big on/off switch: priority service, or the near-turn message. */
function switchButton(opts: { on: boolean; testId: string; title: Key; hint: Key; onToggle(): void }): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: `priority-toggle${opts.on ? ' on' : ''}`,
      role: 'switch',
      'aria-checked': String(opts.on),
      'data-testid': opts.testId,
      onclick: () => opts.onToggle(),
    },
    h('span', { class: 'priority-icon', 'aria-hidden': 'true' }, opts.on ? '✓' : ''),
    h('span', { class: 'priority-text' }, h('strong', {}, t(opts.title)), h('small', {}, t(opts.hint))),
    h('span', { class: 'priority-state' }, opts.on ? t('priorityOn') : t('priorityOff')),
  );
}

/** "12 tickets left today" for a service with a walk-in quota. */
function placesLine(left: number | undefined): HTMLElement | null {
  if (left === undefined) return null;
  return h(
    'small',
    { class: `service-places${left === 0 ? ' is-none' : ''}`, 'data-testid': 'places-left' },
    left === 0 ? t('noPlacesLeft') : t('placesLeft', { n: left }),
  );
}

function serviceButtons(state: KioskState, office: OfficeDetail, on: KioskHandlers): HTMLElement {
  const services = office.services.filter((s) => s.active);
  if (services.length === 0) return h('p', { class: 'empty' }, t('noServices'));
  return h(
    'div',
    { class: 'services' },
    ...services.map((service) =>
      h(
        'button',
        {
          type: 'button',
          class: 'service',
          'data-testid': `service-${service.id}`,
          'data-prefix': service.prefix,
          disabled: state.busy,
          onclick: () => on.chooseService(service),
        },
        h('span', { class: 'service-prefix' }, service.prefix),
        h(
          'span',
          { class: 'service-name' },
          service.name,
          service.requirements?.length ? h('small', { class: 'service-reqs' }, `${t('bring')}: ${service.requirements.join(', ')}`) : null,
          placesLine(placesFor(state, service.id)),
        ),
      ),
    ),
  );
}
