import type { OfficeDetail, TicketView } from '@giliran/contracts';
import { ApiError, apiJson, errorCode } from '../../../ui-shared/api';
import { groupCode, hasLookalikes, isCompleteCode, normaliseCode } from '../booking-code';
import { canScan, codeInQr, Detector } from './scan';
import { afterKey, cleared, codeChanged, refused, submitted, type CheckInState } from './state';
import { paint, renderCheckIn, type CheckInHandlers, type CheckInParts } from './view';

/** Back to the start screen when nobody touches the check-in screen for this long. */
const IDLE_MS = 60_000;
/** The camera is switched off again after this long without a code. */
const SCAN_MAX_MS = 45_000;
const SCAN_EVERY_MS = 200;

/** The running screen: its state (replaced by each update), where it is drawn, its camera and timers. */
export interface CheckInSession {
  state: CheckInState;
  readonly office: OfficeDetail;
  onTicket(ticket: TicketView): void;
  onClose(): void;
  container: HTMLElement | null;
  parts: CheckInParts | null;
  disposed: boolean;
  /** Drawn knowing the camera could scan: the scan button is there. */
  renderedWithScan: boolean;
  idleTimer?: number;
  camera: { stream: MediaStream | null; timer?: number; deadline: number };
}

function handlers(ctx: CheckInSession): CheckInHandlers {
  return {
    touch: () => touch(ctx),
    typed: (raw) => typed(ctx, raw),
    key: (value) => {
      touch(ctx);
      setCode(ctx, afterKey(ctx.state.code, value));
    },
    submit: () => void submit(ctx),
    startScan: () => void startScan(ctx),
    stopScan: () => stopScan(ctx, true),
    close: () => ctx.onClose(),
  };
}

/** Builds the screen into `el` (again after a language switch; what was typed stays). */
export function render(ctx: CheckInSession, el: HTMLElement): void {
  ctx.container = el;
  touch(ctx);
  ctx.renderedWithScan = canScan();
  ctx.parts = renderCheckIn(el, ctx.state, canScan(), handlers(ctx));
  update(ctx);
  if (!ctx.state.scanning) ctx.parts.codeInput.focus({ preventScroll: true });
}

export function dispose(ctx: CheckInSession): void {
  ctx.disposed = true;
  stopScan(ctx);
  window.clearTimeout(ctx.idleTimer);
}

function touch(ctx: CheckInSession): void {
  window.clearTimeout(ctx.idleTimer);
  if (!ctx.disposed) ctx.idleTimer = window.setTimeout(() => ctx.onClose(), IDLE_MS);
}

function update(ctx: CheckInSession): void {
  paint(ctx.parts, ctx.state, ctx.office.timezone);
}

function setCode(ctx: CheckInSession, next: string): void {
  if (next === ctx.state.code) return;
  ctx.state = codeChanged(ctx.state, next);
  update(ctx);
}

/** Typed on a real keyboard: kept to the code's alphabet, grouped, with a word on look-alikes. */
function typed(ctx: CheckInSession, raw: string): void {
  touch(ctx);
  const next = normaliseCode(raw);
  if (groupCode(next) !== raw && ctx.parts) ctx.parts.codeInput.value = groupCode(next);
  setCode(ctx, next);
  if (hasLookalikes(raw)) {
    ctx.state = { ...ctx.state, message: { kind: 'info', key: 'lookalikes' } };
    update(ctx);
  }
}

async function submit(ctx: CheckInSession): Promise<void> {
  touch(ctx);
  if (ctx.state.busy || !isCompleteCode(ctx.state.code)) return;
  ctx.state = submitted(ctx.state);
  update(ctx);
  try {
    const ticket = await apiJson<TicketView>(`/offices/${encodeURIComponent(ctx.office.id)}/check-in`, {
      method: 'POST',
      body: { code: ctx.state.code },
    });
    dispose(ctx);
    ctx.onTicket(ticket);
    return;
  } catch (err) {
    ctx.state = refused(ctx.state, { code: errorCode(err), detail: err instanceof ApiError ? err.message : '' });
  }
  update(ctx);
  ctx.parts?.codeInput.focus();
}

async function startScan(ctx: CheckInSession): Promise<void> {
  touch(ctx);
  if (ctx.state.scanning || !Detector) return;
  ctx.state = cleared(ctx.state);
  try {
    ctx.camera.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
  } catch {
    ctx.state = { ...ctx.state, message: { kind: 'error', key: 'scanFailed' } };
    update(ctx);
    return;
  }
  if (ctx.disposed) return stopScan(ctx);
  ctx.state = { ...ctx.state, scanning: true };
  ctx.camera.deadline = Date.now() + SCAN_MAX_MS;
  if (ctx.container) render(ctx, ctx.container);
  const video = ctx.container?.querySelector('video');
  if (!video) return stopScan(ctx);
  video.srcObject = ctx.camera.stream;
  await video.play().catch(() => undefined);
  const detector = new Detector({ formats: ['qr_code'] });
  const tick = async () => {
    if (!ctx.state.scanning) return;
    if (Date.now() > ctx.camera.deadline) return stopScan(ctx, true);
    try {
      const found = video.readyState >= 2 ? await detector.detect(video) : [];
      for (const barcode of found) {
        const code = codeInQr(barcode.rawValue);
        if (code) {
          stopScan(ctx, true);
          setCode(ctx, code);
          return void submit(ctx);
        }
        ctx.state = { ...ctx.state, message: { kind: 'error', key: 'scanNotCode' } };
        update(ctx);
      }
    } catch {
      // One frame that could not be read; the next one may be.
    }
    ctx.camera.timer = window.setTimeout(() => void tick(), SCAN_EVERY_MS);
  };
  void tick();
}

function stopScan(ctx: CheckInSession, rerender = false): void {
  ctx.state = { ...ctx.state, scanning: false };
  window.clearTimeout(ctx.camera.timer);
  ctx.camera.stream?.getTracks().forEach((track) => track.stop());
  ctx.camera.stream = null;
  if (rerender && ctx.container && !ctx.disposed) render(ctx, ctx.container);
}
