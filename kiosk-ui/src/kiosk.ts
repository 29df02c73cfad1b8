import type { OfficeDetail, ServiceView, TicketPriority, TicketView } from '@giliran/contracts';
import { apiJson, errorCode, isTransient, randomId } from '../../ui-shared/api';
import { formatTime, h, mount, zoneLabel } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { officeFromUrl, remember, renderOfficePicker } from '../../ui-shared/office';
import { errorMessage, i18n, t } from './i18n';
import { hoursTable, opensText } from './office-hours';
import { renderTicket } from './ticket';
import type { CheckInScreen } from './checkin';

/** Retries of one tap after no answer, with the same Idempotency-Key. */
const ISSUE_RETRY_DELAYS_MS = [1000, 3000];

const OFFICE_KEY = 'giliran.kiosk.office';
const RETURN_AFTER_SECONDS = 20;
const ERROR_VISIBLE_MS = 8000;
const REFRESH_OFFICE_MS = 5 * 60_000;

type Screen =
  | { kind: 'loading' }
  | { kind: 'picker' }
  | { kind: 'failed' }
  | { kind: 'start' }
  | { kind: 'checkin'; screen: CheckInScreen }
  | { kind: 'phone'; service: ServiceView; invalid: boolean }
  | { kind: 'ticket'; ticket: TicketView; service: ServiceView; secondsLeft: number; checkedIn: boolean };

interface State {
  officeId: string | null;
  office: OfficeDetail | null;
  screen: Screen;
  priority: boolean;
  /** The citizen asked for an SMS/WhatsApp message when the turn is near. */
  sms: boolean;
  busy: boolean;
  /** The server's error code of the last failed issue, shown as a kind message. */
  error: string | null;
}

export function startKiosk(root: HTMLElement): void {
  const state: State = {
    officeId: officeFromUrl(OFFICE_KEY),
    office: null,
    screen: { kind: 'loading' },
    priority: false,
    sms: false,
    busy: false,
    error: null,
  };
  let boundary: number | undefined;
  let errorTimer: number | undefined;
  let countdown: number | undefined;
  const header = h('header', { class: 'bar no-print' });
  const main = h('main', { class: 'kiosk-main' });
  mount(root, header, main);

  // Load the QR renderer and the check-in screen while the citizen is still choosing, so they show at once.
  const qr = import('./qr');
  qr.catch(() => undefined);
  let checkin = import('./checkin');
  checkin.catch(() => undefined);

  const setError = (code: string | null) => {
    state.error = code;
    window.clearTimeout(errorTimer);
    if (code) errorTimer = window.setTimeout(() => setError(null), ERROR_VISIBLE_MS);
    render();
  };

  const loadOffice = async () => {
    if (!state.officeId) {
      state.screen = { kind: 'picker' };
      return render();
    }
    try {
      state.office = await apiJson<OfficeDetail>(`/offices/${encodeURIComponent(state.officeId)}`);
      if (state.screen.kind === 'loading' || state.screen.kind === 'failed') {
        // After a start or a reboot the kiosk speaks the office's language, whatever the last citizen chose.
        i18n.setLang(state.office.defaultLocale ?? 'id');
        state.screen = { kind: 'start' };
      }
      // The office's ticket paper (58 or 80 mm) shapes the printed ticket.
      document.documentElement.classList.toggle('paper-58', state.office.ticketPaperMm === 58);
      // Opening or closing: the start screen changes by itself at that minute.
      const next = state.office.openNow ? state.office.closesAt : state.office.opensAt;
      window.clearTimeout(boundary);
      if (next) boundary = window.setTimeout(() => void loadOffice(), Math.min(Math.max(Date.parse(next) - Date.now(), 0) + 2000, REFRESH_OFFICE_MS));
    } catch (err) {
      const code = errorCode(err);
      if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') {
        remember(OFFICE_KEY, null);
        state.officeId = null;
        state.screen = { kind: 'picker' };
      } else if (!state.office) {
        state.screen = { kind: 'failed' };
      }
    }
    render();
  };

  const backToStart = () => {
    window.clearInterval(countdown);
    if (state.screen.kind === 'checkin') state.screen.screen.dispose();
    state.screen = { kind: 'start' };
    state.priority = false;
    state.sms = false;
    // Every citizen starts afresh: in the office's language, with nothing left highlighted.
    if (state.office) i18n.setLang(state.office.defaultLocale ?? 'id');
    (document.activeElement as HTMLElement | null)?.blur?.();
    render();
  };

  const issue = async (service: ServiceView, phone?: string) => {
    if (state.busy || !state.office) return;
    state.busy = true;
    setError(null);
    const priority: TicketPriority = state.priority ? 'priority' : 'regular';
    // One key per tap: an answer lost on the way (the Wi-Fi blinked) is asked again with the same
    // key, and the server answers with the same ticket instead of printing a second one.
    const key = randomId();
    const path = `/offices/${encodeURIComponent(state.office.id)}/tickets`;
    try {
      let ticket: TicketView;
      for (let attempt = 0; ; attempt++) {
        try {
          ticket = await apiJson<TicketView>(path, {
            method: 'POST',
            body: { serviceId: service.id, priority, channel: 'kiosk', ...(phone ? { phone } : {}) },
            headers: { 'Idempotency-Key': key },
            timeoutMs: 10_000,
          });
          break;
        } catch (err) {
          if (!isTransient(err) || attempt >= ISSUE_RETRY_DELAYS_MS.length) throw err;
          await new Promise((r) => window.setTimeout(r, ISSUE_RETRY_DELAYS_MS[attempt]));
        }
      }
      showTicket(ticket, service, false);
    } catch (err) {
      setError(errorCode(err));
      // A service that went inactive should disappear from the buttons.
      if (errorCode(err) === 'SERVICE_INACTIVE') void loadOffice();
    } finally {
      state.busy = false;
      render();
    }
  };

  const showTicket = (ticket: TicketView, service: ServiceView, checkedIn: boolean) => {
    state.screen = { kind: 'ticket', ticket, service, secondsLeft: RETURN_AFTER_SECONDS, checkedIn };
    // A kiosk PC set up for silent printing (README "A kiosk PC") prints every ticket by itself,
    // once its QR code is drawn.
    if (state.office?.autoPrint) void qr.then(() => window.setTimeout(() => state.screen.kind === 'ticket' && window.print(), 300)).catch(() => window.print());
    window.clearInterval(countdown);
    countdown = window.setInterval(() => {
      if (state.screen.kind !== 'ticket') return window.clearInterval(countdown);
      state.screen.secondsLeft -= 1;
      if (state.screen.secondsLeft <= 0) backToStart();
      else updateCountdown(state.screen.secondsLeft);
    }, 1000);
  };

  const openCheckIn = async () => {
    const office = state.office;
    if (state.busy || !office) return;
    setError(null);
    let module: typeof import('./checkin');
    try {
      module = await checkin;
    } catch {
      // The chunk did not arrive (network hiccup): ask again on the next press.
      checkin = import('./checkin');
      checkin.catch(() => undefined);
      return setError('NETWORK_ERROR');
    }
    if (state.screen.kind !== 'start') return;
    const screen = module.createCheckIn({
      office,
      onTicket: (ticket) => {
        const service = office.services.find((s) => s.id === ticket.serviceId) ?? fallbackService(ticket.serviceId, office.id);
        showTicket(ticket, service, true);
        render();
      },
      onClose: backToStart,
    });
    state.screen = { kind: 'checkin', screen };
    render();
  };

  const updateCountdown = (seconds: number) => {
    const el = main.querySelector('[data-countdown]');
    if (el) el.textContent = t('backIn', { n: seconds });
  };

  function renderHeader() {
    const office = state.office;
    mount(
      header,
      h('div', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, office?.name ?? t('appTitle'))),
      office ? h('span', { class: 'clock num', 'data-clock': true }, clockText(office.timezone)) : null,
      langToggle(i18n),
    );
  }

  function clockText(timeZone: string) {
    return `${formatTime(new Date(), timeZone, i18n.locale())} ${zoneLabel(timeZone)}`;
  }

  function renderClosed(office: OfficeDetail) {
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

  /** The optional phone number for the near-turn message, with what it is used for. */
  function renderPhone(service: ServiceView, invalid: boolean) {
    const input = h('input', {
      id: 'phone',
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'tel',
      class: 'phone-input num',
      'data-testid': 'phone',
      'aria-describedby': invalid ? 'phone-consent phone-error' : 'phone-consent',
      'aria-invalid': invalid ? 'true' : 'false',
      maxlength: '20',
    }) as HTMLInputElement;
    const submit = (e: Event) => {
      e.preventDefault();
      const value = input.value.replace(/[\s-]/g, '');
      if (!/^\+?[0-9]{8,15}$/.test(value)) {
        state.screen = { kind: 'phone', service, invalid: true };
        render();
        return (main.querySelector('#phone') as HTMLInputElement | null)?.focus();
      }
      state.screen = { kind: 'start' };
      void issue(service, value);
    };
    mount(
      main,
      h(
        'form',
        { class: 'phone-form', 'data-testid': 'phone-form', onsubmit: submit, novalidate: true },
        h('h1', { class: 'title' }, t('phoneTitle')),
        h('p', { class: 'muted' }, `${service.prefix} — ${service.name}`),
        h('label', { for: 'phone' }, t('phoneLabel')),
        input,
        invalid ? h('p', { class: 'error', id: 'phone-error', role: 'alert' }, t('phoneInvalid')) : null,
        h('p', { class: 'muted small', id: 'phone-consent', 'data-testid': 'phone-consent' }, t('phoneConsent')),
        h('button', { type: 'submit', class: 'btn', 'data-testid': 'phone-submit' }, t('phoneSubmit')),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary',
            'data-testid': 'phone-skip',
            onclick: () => {
              state.screen = { kind: 'start' };
              void issue(service);
            },
          },
          t('phoneSkip'),
        ),
        h('button', { type: 'button', class: 'link-button', onclick: backToStart }, t('cancel')),
      ),
    );
    input.focus();
  }

  function renderStart(office: OfficeDetail) {
    if (!office.openNow) return renderClosed(office);
    const services = office.services.filter((s) => s.active);
    const smsButton = office.messaging
      ? h(
          'button',
          {
            type: 'button',
            class: `priority-toggle${state.sms ? ' on' : ''}`,
            role: 'switch',
            'aria-checked': String(state.sms),
            'data-testid': 'sms',
            onclick: () => {
              state.sms = !state.sms;
              render();
            },
          },
          h('span', { class: 'priority-icon', 'aria-hidden': 'true' }, state.sms ? '✓' : ''),
          h('span', { class: 'priority-text' }, h('strong', {}, t('smsToggle')), h('small', {}, t('smsToggleHint'))),
          h('span', { class: 'priority-state' }, state.sms ? t('priorityOn') : t('priorityOff')),
        )
      : null;
    const priorityButton = h(
      'button',
      {
        type: 'button',
        class: `priority-toggle${state.priority ? ' on' : ''}`,
        role: 'switch',
        'aria-checked': String(state.priority),
        'data-testid': 'priority',
        onclick: () => {
          state.priority = !state.priority;
          render();
        },
      },
      h('span', { class: 'priority-icon', 'aria-hidden': 'true' }, state.priority ? '✓' : ''),
      h('span', { class: 'priority-text' }, h('strong', {}, t('priority')), h('small', {}, t('priorityHint'))),
      h('span', { class: 'priority-state' }, state.priority ? t('priorityOn') : t('priorityOff')),
    );
    const fromUrl = new URLSearchParams(location.search).has('office');
    mount(
      main,
      h('h1', { class: 'title' }, t('chooseService')),
      h('p', { class: 'muted subtitle' }, t('chooseServiceHint')),
      office.closesAt
        ? h('p', { class: 'muted small', 'data-testid': 'closes-at' }, t('closesAt', { time: formatTime(office.closesAt, office.timezone, i18n.locale()) }))
        : null,
      priorityButton,
      smsButton,
      services.length === 0
        ? h('p', { class: 'empty' }, t('noServices'))
        : h(
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
                  onclick: () => {
                    if (!state.sms) return void issue(service);
                    state.screen = { kind: 'phone', service, invalid: false };
                    render();
                  },
                },
                h('span', { class: 'service-prefix' }, service.prefix),
                h(
                  'span',
                  { class: 'service-name' },
                  service.name,
                  service.requirements?.length ? h('small', { class: 'service-reqs' }, `${t('bring')}: ${service.requirements.join(', ')}`) : null,
                ),
              ),
            ),
          ),
      h(
        'button',
        { type: 'button', class: 'checkin-cta', 'data-testid': 'check-in', disabled: state.busy, onclick: () => void openCheckIn() },
        h('span', { class: 'checkin-cta-icon', 'aria-hidden': 'true' }, '✓'),
        h('span', { class: 'checkin-cta-text' }, h('strong', {}, t('checkInCta')), h('small', {}, t('checkInCtaHint'))),
        h('span', { class: 'checkin-cta-arrow', 'aria-hidden': 'true' }, '›'),
      ),
      h('p', { class: 'kiosk-error', role: 'alert', 'data-testid': 'error' }, state.busy ? t('issuing') : state.error ? errorMessage(state.error) : ''),
      fromUrl
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () => {
                remember(OFFICE_KEY, null);
                state.officeId = null;
                state.office = null;
                state.screen = { kind: 'picker' };
                render();
              },
            },
            t('changeOffice'),
          ),
    );
  }

  function render() {
    renderHeader();
    const screen = state.screen;
    main.className = `kiosk-main screen-${screen.kind}`;
    switch (screen.kind) {
      case 'loading':
        return mount(main, h('p', { class: 'muted center' }, t('loading')));
      case 'failed':
        return mount(
          main,
          h('p', { class: 'error center', role: 'alert' }, t('loadFailed')),
          h('button', { type: 'button', class: 'btn', onclick: () => void loadOffice() }, t('retry')),
        );
      case 'picker':
        return void renderOfficePicker(
          main,
          { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
          (office) => {
            remember(OFFICE_KEY, office.id);
            state.officeId = office.id;
            state.screen = { kind: 'loading' };
            void loadOffice();
          },
        );
      case 'start':
        return state.office ? renderStart(state.office) : undefined;
      case 'checkin':
        return screen.screen.render(main);
      case 'phone':
        return renderPhone(screen.service, screen.invalid);
      case 'ticket':
        return mount(
          main,
          renderTicket({
            ticket: screen.ticket,
            service: screen.service,
            office: state.office!,
            qr,
            secondsLeft: screen.secondsLeft,
            badge: screen.checkedIn ? t('bookingBadge') : null,
            onPrint: () => window.print(),
            onDone: backToStart,
          }),
        );
    }
  }

  i18n.onChange(render);
  render();
  void loadOffice();
  window.setInterval(() => {
    const clock = header.querySelector('[data-clock]');
    if (clock && state.office) clock.textContent = clockText(state.office.timezone);
  }, 1000);
  // Pick up services switched on or off by a supervisor without restarting the kiosk.
  window.setInterval(() => state.officeId && state.screen.kind === 'start' && void loadOffice(), REFRESH_OFFICE_MS);
  // Also offer a clean start after printing: the next citizen should not see the last ticket.
  window.addEventListener('afterprint', () => {
    if (state.screen.kind === 'ticket' && state.screen.secondsLeft > 5) state.screen.secondsLeft = 5;
  });
}

/** The ticket view needs a service name; a service the office list does not know yet gets none. */
function fallbackService(id: string, officeId: string): ServiceView {
  return {
    id,
    officeId,
    code: '',
    prefix: '',
    name: '',
    slotMinutes: 0,
    slotCapacity: 0,
    bookingWindowDays: 0,
    dailyTicketQuota: null,
    checkInBeforeMinutes: 30,
    checkInAfterMinutes: 15,
    active: true,
    description: null,
    requirements: [],
    expectedServiceMinutes: 5,
    sortOrder: 0,
  };
}
