import type { OfficeDetail, TicketView } from '@giliran/contracts';
import { ApiError, apiJson, errorCode } from '../../ui-shared/api';
import { formatDate, formatTime, h, mount, zoneLabel } from '../../ui-shared/dom';
import { CODE_ALPHABET, CODE_LENGTH, groupCode, hasLookalikes, isCompleteCode, normaliseCode } from './booking-code';
import './checkin.css';
import { errorMessage, i18n } from './i18n';
import { followingStrings } from './strings';

/** Back to the start screen when nobody touches the check-in screen for this long. */
const IDLE_MS = 60_000;
/** The camera is switched off again after this long without a code. */
const SCAN_MAX_MS = 45_000;
const SCAN_EVERY_MS = 200;

const t = followingStrings(i18n, {
  id: {
    title: 'Check-in booking',
    hint: 'Masukkan 8 karakter kode booking Anda.',
    hintScan: 'Masukkan 8 karakter kode booking Anda, atau pindai kode QR dari ponsel.',
    codeLabel: 'Kode booking',
    lookalikes: 'Kode tidak memakai huruf O, I, L dan angka 0, 1.',
    submit: 'Check-in',
    checking: 'Memeriksa kode…',
    back: 'Kembali',
    backspace: 'Hapus satu karakter',
    clear: 'Hapus semua',
    scan: 'Pindai QR',
    scanHint: 'Arahkan kode QR di layar ponsel Anda ke kamera.',
    scanStop: 'Batal pindai',
    scanNotCode: 'QR ini bukan kode booking. Coba lagi atau ketik kodenya.',
    scanFailed: 'Kamera tidak dapat dipakai. Silakan ketik kodenya.',
    'err.APPOINTMENT_NOT_FOUND': 'Kode tidak ditemukan di kantor ini. Periksa kembali kode pada bukti booking Anda.',
    'err.CHECK_IN_TOO_EARLY': 'Terlalu awal. Check-in untuk booking ini dibuka pukul {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.date': 'Terlalu awal. Check-in untuk booking ini dibuka {date}, pukul {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.plain': 'Terlalu awal. Check-in dibuka 30 menit sebelum jadwal Anda.',
    'err.CHECK_IN_TOO_LATE': 'Waktu check-in booking ini sudah lewat. Silakan ambil nomor antrean biasa atau tanya petugas.',
    'err.ALREADY_CHECKED_IN': 'Booking ini sudah check-in dan nomornya sudah dicetak. Tanya petugas bila nomornya hilang.',
    'err.VALIDATION_FAILED': 'Kode booking terdiri dari 8 karakter.',
  },
  en: {
    title: 'Check in your booking',
    hint: 'Enter the 8 characters of your booking code.',
    hintScan: 'Enter the 8 characters of your booking code, or scan the QR code on your phone.',
    codeLabel: 'Booking code',
    lookalikes: 'Codes never use the letters O, I, L or the digits 0, 1.',
    submit: 'Check in',
    checking: 'Checking your code…',
    back: 'Back',
    backspace: 'Delete one character',
    clear: 'Clear',
    scan: 'Scan QR',
    scanHint: 'Hold the QR code on your phone in front of the camera.',
    scanStop: 'Stop scanning',
    scanNotCode: 'This QR is not a booking code. Try again or type the code.',
    scanFailed: 'The camera cannot be used. Please type the code.',
    'err.APPOINTMENT_NOT_FOUND': 'This code was not found at this office. Please check the code on your booking.',
    'err.CHECK_IN_TOO_EARLY': 'Too early. Check-in for this booking opens at {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.date': 'Too early. Check-in for this booking opens on {date} at {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.plain': 'Too early. Check-in opens 30 minutes before your time.',
    'err.CHECK_IN_TOO_LATE': 'The check-in time for this booking has passed. Please take a regular number or ask an officer.',
    'err.ALREADY_CHECKED_IN': 'This booking has already been checked in and its number printed. Ask an officer if it was lost.',
    'err.VALIDATION_FAILED': 'A booking code has 8 characters.',
  },
});

// ---- QR scanning where the browser has BarcodeDetector and the device a camera ----

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** Feature detection once, when the chunk loads (long before a citizen presses the button). */
const scanSupport: Promise<boolean> = (async () => {
  if (!Detector || !navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices) return false;
  try {
    const [formats, devices] = await Promise.all([Detector.getSupportedFormats(), navigator.mediaDevices.enumerateDevices()]);
    return formats.includes('qr_code') && devices.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
})();
let canScan = false;
void scanSupport.then((ok) => (canScan = ok));

// ---- the screen ----

export interface CheckInContext {
  office: OfficeDetail;
  onTicket(ticket: TicketView): void;
  onClose(): void;
}

export interface CheckInScreen {
  /** Builds the screen into `el` (again after a language switch; what was typed stays). */
  render(el: HTMLElement): void;
  dispose(): void;
}

type Message = { kind: 'error' | 'info'; key: Parameters<typeof t>[0] } | null;

export function createCheckIn(ctx: CheckInContext): CheckInScreen {
  let code = '';
  let busy = false;
  let message: Message = null;
  let lastError: { code: string; detail: string } | null = null;
  let scanning = false;
  let stream: MediaStream | null = null;
  let scanTimer: number | undefined;
  let scanDeadline = 0;
  let idleTimer: number | undefined;
  let container: HTMLElement | null = null;
  let disposed = false;
  let renderedWithScan = false;

  // Elements updated in place while typing (no re-render, so nothing flickers).
  let codeInput: HTMLInputElement | null = null;
  let submitButton: HTMLButtonElement | null = null;
  let messageLine: HTMLElement | null = null;
  let keys: HTMLButtonElement[] = [];

  const touch = () => {
    window.clearTimeout(idleTimer);
    if (!disposed) idleTimer = window.setTimeout(() => ctx.onClose(), IDLE_MS);
  };

  const errorText = (err: { code: string; detail: string }): string => {
    if (err.code === 'CHECK_IN_TOO_EARLY') {
      const opens = /(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(err.detail)?.[1];
      const at = opens ? new Date(opens) : null;
      if (!at || Number.isNaN(at.getTime())) return t('err.CHECK_IN_TOO_EARLY.plain');
      const tz = ctx.office.timezone;
      const locale = i18n.locale();
      const vars = { time: formatTime(at, tz, locale), zone: zoneLabel(tz), date: formatDate(at, tz, locale) };
      const sameDay = formatDate(at, tz, 'en-GB') === formatDate(new Date(), tz, 'en-GB');
      return sameDay ? t('err.CHECK_IN_TOO_EARLY', vars) : t('err.CHECK_IN_TOO_EARLY.date', vars);
    }
    const own: Record<string, Parameters<typeof t>[0]> = {
      APPOINTMENT_NOT_FOUND: 'err.APPOINTMENT_NOT_FOUND',
      CHECK_IN_TOO_LATE: 'err.CHECK_IN_TOO_LATE',
      ALREADY_CHECKED_IN: 'err.ALREADY_CHECKED_IN',
      VALIDATION_FAILED: 'err.VALIDATION_FAILED',
    };
    return own[err.code] ? t(own[err.code]!) : errorMessage(err.code);
  };

  function update() {
    if (codeInput && normaliseCode(codeInput.value) !== code) codeInput.value = groupCode(code);
    if (submitButton) {
      submitButton.disabled = busy || !isCompleteCode(code);
      submitButton.textContent = busy ? t('checking') : t('submit');
    }
    if (messageLine) {
      const text = lastError ? errorText(lastError) : message ? t(message.key) : '';
      messageLine.textContent = text;
      messageLine.className = `checkin-message ${lastError || message?.kind === 'error' ? 'is-error' : 'is-info'}`;
    }
    const full = code.length >= CODE_LENGTH;
    for (const key of keys) {
      const kind = key.dataset.key;
      key.disabled = busy || (kind === 'back' || kind === 'clear' ? code.length === 0 : full);
    }
  }

  function setCode(next: string) {
    if (next === code) return;
    code = next;
    lastError = null;
    if (message?.kind === 'error') message = null;
    update();
  }

  async function submit() {
    touch();
    if (busy || !isCompleteCode(code)) return;
    busy = true;
    lastError = null;
    message = null;
    update();
    try {
      const ticket = await apiJson<TicketView>(`/offices/${encodeURIComponent(ctx.office.id)}/check-in`, { method: 'POST', body: { code } });
      dispose();
      ctx.onTicket(ticket);
      return;
    } catch (err) {
      lastError = { code: errorCode(err), detail: err instanceof ApiError ? err.message : '' };
    }
    busy = false;
    update();
    codeInput?.focus();
  }

  async function startScan() {
    touch();
    if (scanning || !Detector) return;
    lastError = null;
    message = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
    } catch {
      message = { kind: 'error', key: 'scanFailed' };
      update();
      return;
    }
    if (disposed) return stopScan();
    scanning = true;
    scanDeadline = Date.now() + SCAN_MAX_MS;
    if (container) render(container);
    const video = container?.querySelector('video');
    if (!video) return stopScan();
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (!scanning) return;
      if (Date.now() > scanDeadline) return stopScan(true);
      try {
        const found = video.readyState >= 2 ? await detector.detect(video) : [];
        for (const barcode of found) {
          const value = normaliseCode(barcode.rawValue);
          if (isCompleteCode(value) && barcode.rawValue.replace(/[\s-]/g, '').length === CODE_LENGTH) {
            stopScan(true);
            setCode(value);
            return void submit();
          }
          message = { kind: 'error', key: 'scanNotCode' };
          update();
        }
      } catch {
        // One frame that could not be read; the next one may be.
      }
      scanTimer = window.setTimeout(() => void tick(), SCAN_EVERY_MS);
    };
    void tick();
  }

  function stopScan(rerender = false) {
    scanning = false;
    window.clearTimeout(scanTimer);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    if (rerender && container && !disposed) render(container);
  }

  function dispose() {
    disposed = true;
    stopScan();
    window.clearTimeout(idleTimer);
  }

  function keyboard(): HTMLElement {
    const key = (label: string, value: string, attrs: Record<string, string> = {}) =>
      h(
        'button',
        {
          type: 'button',
          class: `key${value.length > 1 ? ' key-action' : ''}`,
          'data-key': value,
          'data-testid': `key-${value}`,
          ...attrs,
          onclick: () => {
            touch();
            if (value === 'back') setCode(code.slice(0, -1));
            else if (value === 'clear') setCode('');
            else setCode(normaliseCode(code + value));
          },
        },
        label,
      );
    keys = [...CODE_ALPHABET].map((c) => key(c, c));
    keys.push(key('⌫', 'back', { 'aria-label': t('backspace') }));
    return h('div', { class: 'keyboard', role: 'group', 'aria-label': t('codeLabel') }, ...keys);
  }

  function render(el: HTMLElement) {
    container = el;
    touch();
    codeInput = h('input', {
      class: 'code-input num',
      id: 'checkin-code',
      name: 'code',
      'data-testid': 'code-input',
      value: groupCode(code),
      maxlength: CODE_LENGTH + 1,
      inputmode: 'none',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      enterkeyhint: 'go',
      placeholder: '____ ____',
      'aria-describedby': 'checkin-message',
    });
    codeInput.addEventListener('input', () => {
      touch();
      const raw = codeInput!.value;
      const next = normaliseCode(raw);
      if (groupCode(next) !== raw) codeInput!.value = groupCode(next);
      setCode(next);
      if (hasLookalikes(raw)) {
        message = { kind: 'info', key: 'lookalikes' };
        update();
      }
    });
    submitButton = h(
      'button',
      { type: 'button', class: 'btn btn-big checkin-submit', 'data-testid': 'check-in-submit', onclick: () => void submit() },
      t('submit'),
    );
    messageLine = h('p', { class: 'checkin-message', id: 'checkin-message', role: 'alert', 'data-testid': 'check-in-error' });

    const form = h(
      'form',
      { class: 'checkin-form', novalidate: true, autocomplete: 'off' },
      h('label', { class: 'code-label', for: 'checkin-code' }, t('codeLabel')),
      codeInput,
      messageLine,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit();
    });

    const scanArea = scanning
      ? h(
          'div',
          { class: 'scan-area' },
          h('video', { class: 'scan-video', muted: true, playsinline: true, autoplay: true, 'aria-hidden': 'true' }),
          h('p', { class: 'scan-hint' }, t('scanHint')),
          h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'scan-stop', onclick: () => stopScan(true) }, t('scanStop')),
        )
      : keyboard();

    renderedWithScan = canScan;
    mount(
      el,
      h(
        'section',
        { class: 'checkin', 'data-testid': 'check-in-screen', onpointerdown: touch },
        h('h1', { class: 'title' }, t('title')),
        h('p', { class: 'muted subtitle' }, canScan ? t('hintScan') : t('hint')),
        form,
        scanArea,
        h(
          'div',
          { class: 'checkin-actions' },
          h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'check-in-back', onclick: () => ctx.onClose() }, t('back')),
          canScan && !scanning
            ? h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'scan', onclick: () => void startScan() }, t('scan'))
            : null,
          submitButton,
        ),
      ),
    );
    update();
    if (!scanning) codeInput.focus({ preventScroll: true });
  }

  // Support known later than the first paint (rare): show the button then.
  void scanSupport.then((ok) => {
    if (ok && !renderedWithScan && container && !disposed && !busy) render(container);
  });

  return { render, dispose };
}
