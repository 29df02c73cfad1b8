import type { Availability, ReleaseLiveView, SlotView, WaitingRoomPass, WaitingRoomStatus } from '@giliran/contracts';
import { DateTime } from 'luxon';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AltchaChallenge, solveAltcha } from '../../test/support/altcha';
import type { AppProcess } from '../../test/support/app-process';
import { cpuPerOperation, prefixed, tcpCounters } from '../lib/cpu';
import { openLoop, percentile, progress, round } from '../lib/measure';
import { api, replicasOnMysql, seedOffice } from '../lib/setup';
import { Traffic } from '../lib/traffic';
import type { Scale, ScenarioResult } from '../lib/types';

/**
 * Issue 16's release: a crowd arrives in one minute for a day's few places. With admitPerMinute
 * under the arrival rate a line builds up, so the admission order is really put to the test.
 * A waiting citizen asks again after half the time to the expected admission, within
 * `pollMinMs`…`pollMaxMs`: 1 s…15 s like the booking page (kiosk-ui waiting-room.ts); less in
 * the smoke run, whose line lasts a second or two.
 */
const SIZES = {
  full: { citizens: 20_000, spreadMs: 60_000, places: 500, admitPerMinute: 12_000, pollMinMs: 1_000, pollMaxMs: 15_000 },
  tiny: { citizens: 200, spreadMs: 2_000, places: 20, admitPerMinute: 3_000, pollMinMs: 100, pollMaxMs: 500 },
};
type Size = (typeof SIZES)[Scale];
/** A small crowd through both ways first, on an office of its own: the first second of a cold API is no part of a release. */
const WARM_UP: Size = { ...SIZES.full, citizens: 300, spreadMs: 3_000, places: 20 };

/**
 * The proof of work's difficulty. The server's cost does not depend on it (one hash to verify);
 * the citizens' phones do the searching, and here they are this load generator, on the same two
 * cores as the API. At 1,000 its hashing (about 0.7 ms a citizen, a fifth of a core at 333
 * arrivals a second) was a third of the load generator's CPU, taken from the system under test.
 */
const CHALLENGE_MAX_NUMBER = 100;
/** How many times the page asks again after a 502/503/504 before the bench counts the citizen as lost. */
const PATIENCE = 8;
/** Ten slots in the seeded office's 24 hours (the number is read back, and must divide the places). */
const SLOT_MINUTES = 144;

interface Release {
  officeId: string;
  /** Service A: tomorrow just released, behind the waiting room. */
  roomServiceId: string;
  /** Service B: the same places, booked as today, with no waiting room (the baseline). */
  openServiceId: string;
  date: string;
  starts: string[];
  adminToken: string;
}

/** One side of the run: the crowd's requests and what became of the citizens. */
interface Side {
  traffic: Traffic;
  release: Release;
  serviceId: string;
  nikOffset: number;
  booked: number;
  dayFull: number;
}

/** What the waiting room's citizens saw of the line, by pass number (1-based join order). */
interface Line {
  seenWaiting: number[];
  seenAdmitted: number[];
  /** Answers that said "waiting": what the inversion count rests on. */
  waitingAnswers: number;
  numbers: Set<number>;
  waitsMs: number[];
  admitted: number;
  /** Passes told, while waiting, that every place is taken (expired, full: true). */
  toldFull: number;
  polls: number;
}

interface Run {
  side: Side;
  seconds: number;
  thrown: number;
}

export async function release(scale: Scale): Promise<ScenarioResult> {
  const size = SIZES[scale];
  const replicas = await replicasOnMysql('release', 2, { CHALLENGE_MAX_NUMBER: String(CHALLENGE_MAX_NUMBER) });
  try {
    if (scale === 'full') await warmUp(replicas);
    const rel = await prepareRelease(replicas[0].baseUrl, size);
    const pids = replicas.map((r) => r.pid);
    const room = await watched(() => cpuPerOperation(pids, size.citizens, () => throughWaitingRoom(replicas, rel, size)));
    const live = await api<ReleaseLiveView>(replicas[1].baseUrl, 'GET', roomPath(rel), undefined, rel.adminToken);
    if (live.status !== 200) throw new Error(`live view: ${live.status} ${JSON.stringify(live.body)}`);
    // Second: if anything, the API is warmer for the baseline than for the waiting room.
    const direct = await watched(() => cpuPerOperation(pids, size.citizens, () => straightToBooking(replicas, rel, size)));
    return result(size, room, direct, live.body);
  } catch (err) {
    // A replica that died says why in its own output (LOG_LEVEL=warn keeps it short).
    const said = replicas.map((r, k) => `replica ${k + 1} (${r.baseUrl}):\n${r.output().slice(-3000)}`).join('\n');
    throw new Error(`${(err as Error).message}\n${said}`, { cause: err });
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
  }
}

/**
 * What the machine did besides: how late this load generator's own event loop ran (a busy client
 * would add its delay to every latency it measures), and the connections the kernel kept waiting.
 */
async function watched<T>(run: () => Promise<T>): Promise<T & { machine: Record<string, number> }> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const before = tcpCounters();
  lag.enable();
  const result = await run();
  lag.disable();
  const after = tcpCounters();
  const machine: Record<string, number> = { loadGeneratorLagMaxMs: round(lag.max / 1e6) };
  if (before && after) {
    machine.listenOverflows = after.listenOverflows - before.listenOverflows;
    machine.synRetransmits = after.synRetransmits - before.synRetransmits;
  }
  return { ...result, machine };
}

async function warmUp(replicas: AppProcess[]): Promise<void> {
  progress(`release: warming up, ${WARM_UP.citizens} citizens each way`);
  const rel = await prepareRelease(replicas[0].baseUrl, WARM_UP);
  await throughWaitingRoom(replicas, rel, WARM_UP);
  await straightToBooking(replicas, rel, WARM_UP);
}

/**
 * An office whose services A and B have exactly `places` places tomorrow; A's tomorrow was
 * released at 00:00 today and needs an admission all day (docs/api.md "Waiting room"), B is
 * booked as it is today.
 */
async function prepareRelease(base: string, size: Size): Promise<Release> {
  const timezone = officeTimezone();
  const seed = await seedOffice(base, { timezone });
  const [roomServiceId, openServiceId] = seed.services.map((s) => s.id);
  const date = DateTime.now().setZone(timezone).plus({ days: 1 }).toISODate()!;
  const patch = async (serviceId: string, body: unknown) => {
    const res = await api(base, 'PATCH', `/api/v1/offices/${seed.officeId}/services/${serviceId}`, body, seed.adminToken);
    if (res.status !== 200) throw new Error(`service ${serviceId}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  // The office's hours decide how many slots the day has, and so each one's capacity.
  await patch(openServiceId, { slotMinutes: SLOT_MINUTES, slotCapacity: 1 });
  const slots = await daySlots(base, seed.officeId, openServiceId, date);
  if (slots.length === 0 || size.places % slots.length)
    throw new Error(`${slots.length} slots of ${SLOT_MINUTES} min tomorrow: ${size.places} places do not divide`);
  const slotCapacity = size.places / slots.length;
  await patch(openServiceId, { slotCapacity });
  await patch(roomServiceId, {
    slotMinutes: SLOT_MINUTES,
    slotCapacity,
    release: { daysAhead: 1, at: '00:00' },
    waitingRoom: { admitPerMinute: size.admitPerMinute, admissionMinutes: 5, openMinutes: 1440 },
  });
  for (const id of [roomServiceId, openServiceId]) {
    const places = (await daySlots(base, seed.officeId, id, date)).reduce((n, s) => n + s.remaining, 0);
    if (places !== size.places) throw new Error(`service ${id} has ${places} places tomorrow, not ${size.places}`);
  }
  return { officeId: seed.officeId, roomServiceId, openServiceId, date, starts: slots.map((s) => s.start), adminToken: seed.adminToken };
}

/** Jakarta, unless its midnight is near: the run books "tomorrow", which must not change under it. */
function officeTimezone(): string {
  const hour = DateTime.now().setZone('Asia/Jakarta').hour;
  return hour === 23 || hour === 0 ? 'Asia/Jayapura' : 'Asia/Jakarta';
}

async function daySlots(base: string, officeId: string, serviceId: string, date: string): Promise<SlotView[]> {
  const res = await api<Availability>(base, 'GET', `/api/v1/offices/${officeId}/services/${serviceId}/availability?from=${date}&to=${date}`);
  if (res.status !== 200) throw new Error(`availability: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.days[0]?.slots ?? [];
}

const roomPath = (r: Release) => `/api/v1/offices/${r.officeId}/services/${r.roomServiceId}/waiting-room`;

/** A valid NIK of its own for citizen `i` (born 15 May 1990, 1989, …: 9,000 a year). */
const nik = (i: number) => `3201011505${String(90 - Math.floor(i / 9000)).padStart(2, '0')}${String((i % 9000) + 1).padStart(4, '0')}`;

const newSide = (replicas: AppProcess[], release: Release, serviceId: string, nikOffset: number): Side => ({
  traffic: new Traffic(replicas),
  release,
  serviceId,
  nikOffset,
  booked: 0,
  dayFull: 0,
});

/** The crowd through the waiting room: join, wait for the admission, book once with it. */
async function throughWaitingRoom(replicas: AppProcess[], rel: Release, size: Size): Promise<Run & { line: Line }> {
  const side = newSide(replicas, rel, rel.roomServiceId, 0);
  const line: Line = { seenWaiting: [], seenAdmitted: [], waitingAnswers: 0, numbers: new Set(), waitsMs: [], admitted: 0, toldFull: 0, polls: 0 };
  const ticker = setInterval(
    () => progress(`release: waiting room, ${side.traffic.count('join')} joined, ${line.admitted} admitted, ${side.booked} booked`),
    5_000,
  );
  try {
    const { seconds, thrown } = await openLoop(size.citizens, size.spreadMs, async (i) => {
      const pass = await join(side, i);
      const token = pass && (await awaitAdmission(side, line, i, pass, size));
      if (token) await book(side, i, { 'x-admission-token': token });
    });
    return { side, line, seconds, thrown };
  } finally {
    clearInterval(ticker);
  }
}

/** The same crowd, the same places, booked as today: no waiting room (the baseline). */
async function straightToBooking(replicas: AppProcess[], rel: Release, size: Size): Promise<Run> {
  progress(`release: the same ${size.citizens} citizens straight to booking, no waiting room`);
  const side = newSide(replicas, rel, rel.openServiceId, size.citizens);
  const { seconds, thrown } = await openLoop(size.citizens, size.spreadMs, (i) => book(side, i, {}));
  return { side, seconds, thrown };
}

/**
 * A request of the citizen's page. Like the booking page, a 502/503/504 is asked again after 2 s,
 * 4 s, … 15 s (ui-shared isTransient), each time of another replica; the 5xx answers still count.
 */
async function ask<T>(side: Side, kind: string, turn: number, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  for (let t = 0, wait = 2_000; ; t++, wait = Math.min(15_000, wait * 2)) {
    const res = await side.traffic.send<T>(kind, turn + t, method, path, body, headers);
    if (![502, 503, 504].includes(res.status) || t === PATIENCE - 1) return res;
    await sleep(wait);
  }
}

async function join(side: Side, i: number): Promise<WaitingRoomPass | null> {
  const challenge = await ask<AltchaChallenge>(side, 'challenge', i, 'GET', '/api/v1/challenge');
  if (challenge.status !== 200) return side.traffic.notExpected('challenge', challenge);
  // Solved between the requests, untimed: it is the citizen's phone's work, not the server's.
  const altcha = solveAltcha(challenge.body);
  // The solution goes to the other replica: a solution is known, and spent, by every replica.
  const joined = await ask<WaitingRoomPass>(side, 'join', i + 1, 'POST', roomPath(side.release), { altcha });
  if (joined.status !== 201) return side.traffic.notExpected('join', joined);
  return joined.body;
}

/** Asks for the pass as the booking page does (at once, then half-way to the expected admission); notes what each answer said and when. */
async function awaitAdmission(side: Side, line: Line, i: number, pass: WaitingRoomPass, size: Size): Promise<string | null> {
  line.numbers.add(pass.number);
  const joinedAt = performance.now();
  for (let asked = 0; ; asked++) {
    const sent = performance.now();
    const res = await ask<WaitingRoomStatus>(side, 'status', i + asked, 'GET', `/api/v1/waiting-room/${encodeURIComponent(pass.passToken)}`);
    line.polls++;
    if (res.status !== 200) return side.traffic.notExpected('status', res);
    if (res.body.status === 'expired' && res.body.full) return toldFull(side, line, i);
    if (res.body.status === 'expired') return side.traffic.notExpected('status expired', res);
    if (res.body.status === 'admitted') {
      const seen = performance.now();
      line.seenAdmitted[pass.number] = seen;
      line.waitsMs.push(seen - joinedAt);
      line.admitted++;
      return res.body.admissionToken!;
    }
    line.waitingAnswers++;
    line.seenWaiting[pass.number] = Math.max(line.seenWaiting[pass.number] ?? -Infinity, sent);
    const due = Date.parse(res.body.estimatedAdmitAt) - Date.now();
    await sleep(Math.min(size.pollMaxMs, Math.max(size.pollMinMs, due / 2)));
  }
}

/** Every place is taken: the page goes back to the days, asked again, where the full day offers its waitlist (kiosk-ui waiting-room.ts). */
async function toldFull(side: Side, line: Line, i: number): Promise<null> {
  line.toldFull++;
  const day = await ask<Availability>(side, 'availability', i, 'GET', dayPath(side));
  if (day.status !== 200) side.traffic.notExpected('availability', day);
  return null;
}

const dayPath = (side: Side) =>
  `/api/v1/offices/${side.release.officeId}/services/${side.serviceId}/availability?from=${side.release.date}&to=${side.release.date}`;

/**
 * Books the slot the citizen chose (spread over the day, as a crowd's choices are); when it is
 * full, the page shows the day again (kiosk-ui actions.ts) and they take a slot with places
 * left, until none is.
 */
async function book(side: Side, i: number, headers: Record<string, string>): Promise<void> {
  const { release: rel, traffic } = side;
  const citizen = { name: `Warga ${i}`, nik: nik(side.nikOffset + i) };
  let start = rel.starts[i % rel.starts.length];
  for (let tries = 0; tries <= rel.starts.length; tries++) {
    const res = await ask<{ code?: string }>(
      side,
      'book',
      i,
      'POST',
      '/api/v1/appointments',
      { officeId: rel.officeId, serviceId: side.serviceId, start, citizen },
      headers,
    );
    if (res.status === 201) {
      side.booked++;
      return;
    }
    if (res.status !== 409 || res.body.code !== 'SLOT_FULL') {
      traffic.notExpected('book', res);
      return;
    }
    const day = await ask<Availability>(side, 'availability', i + 1, 'GET', dayPath(side));
    if (day.status !== 200) {
      traffic.notExpected('availability', day);
      return;
    }
    const open = (day.body.days[0]?.slots ?? []).filter((s) => s.remaining > 0);
    if (open.length === 0) {
      side.dayFull++;
      return;
    }
    start = open[i % open.length].start;
  }
  traffic.notExpected('book', { status: 409, body: { code: 'SLOT_FULL, every slot tried' } });
}

/** As test/e2e/waiting-room.e2e-spec.ts counts them: a pass seen waiting by a request sent after a later pass was seen admitted. */
function inversions(line: Line, last: number): number {
  let count = 0;
  let latestWaiting = -Infinity;
  for (let n = 1; n <= last; n++) {
    if ((line.seenAdmitted[n] ?? Infinity) < latestWaiting) count++;
    latestWaiting = Math.max(latestWaiting, line.seenWaiting[n] ?? -Infinity);
  }
  return count;
}

/** `apiCpuMsPerOp` → `apiCpuMsPerCitizen`: every request of a citizen's way, summed. */
const perCitizen = (cpu: Record<string, number>) => Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k.replace(/PerOp$/, 'PerCitizen'), v]));

function result(
  size: Size,
  room: { result: Run & { line: Line }; cpu: Record<string, number>; machine: Record<string, number> },
  direct: { result: Run; cpu: Record<string, number>; machine: Record<string, number> },
  live: ReleaseLiveView,
): ScenarioResult {
  const { side, line } = room.result;
  const base = direct.result.side;
  const joinFig = side.traffic.figures('join');
  const baseFig = base.traffic.figures('book');
  const lastNumber = [...line.numbers].reduce((a, b) => Math.max(a, b), 0);
  const inverted = inversions(line, lastNumber);
  const waits = [...line.waitsMs].sort((a, b) => a - b);
  const checks = {
    challengeMaxNumber: CHALLENGE_MAX_NUMBER,
    admitPerMinute: size.admitPerMinute,
    joinP50: joinFig.p50,
    joinP99: joinFig.p99,
    joinP99By10Seconds: side.traffic.p99ByWindow('join', 10_000).join('/'),
    challengeP99: side.traffic.figures('challenge').p99,
    statusP99: side.traffic.figures('status').p99,
    joinNumbersInOrder: line.numbers.size === size.citizens && lastNumber === size.citizens,
    admitted: line.admitted,
    toldFull: line.toldFull,
    admittedOrToldFull: line.admitted + line.toldFull,
    inversions: inverted,
    waitingAnswers: line.waitingAnswers,
    statusPollsPerCitizen: round(line.polls / size.citizens),
    waitP50Seconds: round(percentile(waits, 50) / 1000),
    waitMaxSeconds: round((waits.at(-1) ?? 0) / 1000),
    roomSeconds: round(room.result.seconds),
    booked: side.booked,
    liveBooked: live.booked,
    livePlacesLeft: live.placesLeft,
    bookP99: side.traffic.figures('book').p99,
    dayFull: side.dayFull,
    requestsPerCitizen: round(side.traffic.requests() / size.citizens),
    fiveXx: side.traffic.fiveXx,
    unanswered: side.traffic.unanswered,
    /** Citizens whose way ended in a throw (a request with no answer, or a bug of the bench). */
    citizensLost: room.result.thrown,
    unexpected: side.traffic.unexpectedAnswers(),
    ...perCitizen(room.cpu),
    ...room.machine,
    baselineP99By10Seconds: base.traffic.p99ByWindow('book', 10_000).join('/'),
    baselineBooked: base.booked,
    baselineDayFull: base.dayFull,
    baselineRequestsPerCitizen: round(base.traffic.requests() / size.citizens),
    baselineFiveXx: base.traffic.fiveXx,
    baselineUnanswered: base.traffic.unanswered,
    baselineCitizensLost: direct.result.thrown,
    baselineUnexpected: base.traffic.unexpectedAnswers(),
    ...prefixed('baseline', perCitizen(direct.cpu)),
    ...prefixed('baseline', direct.machine),
  };
  const met =
    joinFig.p99 < 1000 &&
    inverted === 0 &&
    checks.joinNumbersInOrder &&
    line.admitted + line.toldFull === size.citizens &&
    side.booked === size.places &&
    live.booked === size.places &&
    checks.fiveXx === 0 &&
    checks.unanswered === 0 &&
    checks.citizensLost === 0 &&
    side.traffic.unexpectedCount() === 0;
  return {
    name: `release waiting room, ${size.citizens} citizens joining over ${size.spreadMs / 1000} s for ${size.places} places, 2 API replicas on MariaDB`,
    baseline: {
      ...baseFig,
      what: 'the same crowd straight to POST /appointments with no waiting room (on SLOT_FULL the page reads the day and tries a slot left)',
    },
    giliran: {
      ...joinFig,
      what: `POST .../waiting-room, the join alone (challenge from the other replica, solved untimed at CHALLENGE_MAX_NUMBER=${CHALLENGE_MAX_NUMBER} so that the bench's hashing stays small on 2 cores); then status polls as the booking page asks (at once, then half-way to estimatedAdmitAt, 1–15 s apart) and one booking per admission`,
    },
    ratio: round(baseFig.p99 / joinFig.p99),
    target: `join p99 < 1 s, 0 inversions, exactly ${size.places} booked, 0 5xx; ratio: unprotected booking p99 / join p99, reported`,
    met,
    checks,
  };
}
