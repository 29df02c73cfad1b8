import type { WaitingRoomChallenge, WaitingRoomPass, WaitingRoomStatus } from '@giliran/contracts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { errorCode } from '../../../../ui-shared/api';
import { isTransient, request, sleep } from '../http';
import { t } from '../i18n';
import type { BookContext } from './context';
import type { RoomView } from './state';

// The waiting room of a day just released (API.md v1.1): the page proves a little work, joins the
// line, shows the citizen's place and expected turn, and carries on by itself once admitted.

/** Asked again about the pass at least this often, and at most this often (a crowd polls too). */
const POLL_MIN_MS = 1_000;
const POLL_MAX_MS = 15_000;

/** Finds the number the challenge hides: sha256(salt + number) in hex equals `challenge`. */
export async function solveChallenge(c: WaitingRoomChallenge): Promise<number> {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (bytesToHex(sha256(utf8ToBytes(c.salt + n))) === c.challenge) return n;
    // A cheap phone stays responsive: the page breathes between batches.
    if (n % 2_000 === 1_999) await sleep(0);
  }
  throw new Error('the challenge has no solution');
}

const passKey = (serviceId: string) => `giliran.pass.${serviceId}`;

/**
 * Waits in the line until admitted (the admission is then in the state) or until the day needs no
 * admission any more: true. False when the citizen left the step meanwhile; their pass is kept for
 * this tab, so coming back keeps their place.
 */
export async function throughWaitingRoom(ctx: BookContext, again: boolean): Promise<boolean> {
  const { office, service } = ctx.state;
  if (!office || !service) return false;
  const run = Symbol('room');
  const still = () => ctx.state.step === 'details' && ctx.state.room?.run === run;
  const show = (room: Partial<RoomView>) => {
    ctx.state = { ...ctx.state, room: { ...ctx.state.room!, ...room } };
    ctx.render();
  };
  ctx.state = {
    ...ctx.state,
    admission: null,
    room: { run, phase: 'preparing', position: 0, estimatedAdmitAt: null, offline: false },
    notice: again ? () => t('roomAgain') : null,
  };
  ctx.render();
  // The citizen pressed the button at the foot of the form: the room is where their eyes go next.
  ctx.main.querySelector('[data-testid="waiting-room"]')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const retrying = async <T>(ask: () => Promise<T>): Promise<T> => {
    for (let wait = 2_000; ; wait = Math.min(POLL_MAX_MS, wait * 2)) {
      try {
        const answer = await ask();
        if (ctx.state.room?.offline) show({ offline: false });
        return answer;
      } catch (err) {
        if (!isTransient(err) || !still()) throw err;
        show({ offline: true });
        await sleep(wait);
      }
    }
  };
  let pass = sessionStorage.getItem(passKey(service.id));
  while (still()) {
    if (!pass) {
      pass = (await joinLine(office.id, service.id, retrying)).passToken;
      sessionStorage.setItem(passKey(service.id), pass);
    }
    const status = await retrying(() => request<WaitingRoomStatus>(`/waiting-room/${encodeURIComponent(pass!)}`));
    if (!still()) return false;
    if (status.status === 'admitted') {
      ctx.state = { ...ctx.state, room: null, admission: { token: status.admissionToken!, expiresAt: status.admissionExpiresAt! } };
      return true;
    }
    if (status.status === 'expired' && status.full) {
      // Every place is taken: back to the days, asked again, where the full day offers its waitlist.
      sessionStorage.removeItem(passKey(service.id));
      ctx.state = { ...ctx.state, room: null, daysAt: 0, slot: null };
      ctx.backTo('day', () => t('roomFull'));
      return false;
    }
    if (status.status === 'expired') {
      sessionStorage.removeItem(passKey(service.id));
      // Past the minutes after the release the day is booked without an admission.
      if (Date.now() >= Date.parse(status.closesAt)) {
        ctx.state = { ...ctx.state, room: null };
        return true;
      }
      pass = null;
      continue;
    }
    show({ phase: 'waiting', position: status.position, estimatedAdmitAt: status.estimatedAdmitAt });
    const due = Date.parse(status.estimatedAdmitAt) - Date.now();
    await sleep(Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, due / 2)));
  }
  return false;
}

/**
 * Proves the work and joins. A join sent again after no answer may find its solution spent by the
 * first one that did arrive (400 CHALLENGE_FAILED): then a fresh challenge, a few times.
 */
async function joinLine(officeId: string, serviceId: string, retrying: <T>(ask: () => Promise<T>) => Promise<T>): Promise<WaitingRoomPass> {
  for (let attempt = 1; ; attempt++) {
    const challenge = await retrying(() => request<WaitingRoomChallenge>('/challenge'));
    const number = await solveChallenge(challenge);
    const altcha = btoa(
      JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number, salt: challenge.salt, signature: challenge.signature }),
    );
    try {
      return await retrying(() =>
        request<WaitingRoomPass>(`/offices/${encodeURIComponent(officeId)}/services/${encodeURIComponent(serviceId)}/waiting-room`, {
          method: 'POST',
          body: { altcha },
        }),
      );
    } catch (err) {
      if (errorCode(err) !== 'CHALLENGE_FAILED' || attempt >= 3) throw err;
    }
  }
}

/** The admission the booking sends, while it is good. */
export function admissionHeader(ctx: BookContext): Record<string, string> {
  const a = ctx.state.admission;
  return a && Date.parse(a.expiresAt) > Date.now() ? { 'X-Admission-Token': a.token } : {};
}
