import type { Availability, ReleaseLiveView, WaitingRoomPass, WaitingRoomStatus } from '@giliran/contracts';
import { type AppProcess, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { type AltchaChallenge, solveAltcha } from '../support/altcha';

jest.setTimeout(240_000);

const CITIZENS = 2_000;
const CONCURRENCY = 48;
const nik = (n: number) => `320101150590${String(n).padStart(4, '0')}`;

/** Runs `work` for 0 … n−1, `width` at a time. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/**
 * API.md v1.1 "Waiting room" across two API replicas sharing MariaDB/SQLite and Redis: 2,000
 * citizens solve real challenges (at a low difficulty), join through either replica, are admitted
 * in exactly their join order at the set pace, and each admission books at most once; exactly the
 * day's capacity is booked.
 */
describe('waiting room across two replicas', () => {
  let a: AppProcess;
  let b: AppProcess;
  beforeAll(async () => {
    const env = { ...(await freshEnvironment('waiting-room')), CHALLENGE_MAX_NUMBER: '50' };
    [a, b] = [await startApp({ env }), await startApp({ env })];
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('admits 2,000 joiners in their join order, books each admission at most once and exactly the capacity', async () => {
    const seed = await seedOffice(a.baseUrl);
    const serviceId = seed.services[0]!.id;
    // Tomorrow was released at 00:00 today and needs an admission all day: 6 slots × 50 places.
    const patched = await api(
      a.baseUrl,
      'PATCH',
      `/api/v1/offices/${seed.officeId}/services/${serviceId}`,
      {
        slotMinutes: 240,
        slotCapacity: 50,
        release: { daysAhead: 1, at: '00:00' },
        waitingRoom: { admitPerMinute: 12_000, admissionMinutes: 5, openMinutes: 1440 },
      },
      seed.adminToken,
    );
    expect(patched.status).toBe(200);
    const replica = (i: number) => (i % 2 === 0 ? a : b).baseUrl;
    const roomPath = `/api/v1/offices/${seed.officeId}/services/${serviceId}/waiting-room`;

    // Join: challenge from one replica, the solution to the other.
    const passes: WaitingRoomPass[] = new Array(CITIZENS);
    await pool(CITIZENS, CONCURRENCY, async (i) => {
      const challenge = await api<AltchaChallenge>(replica(i), 'GET', '/api/v1/challenge');
      const joined = await api<WaitingRoomPass>(replica(i + 1), 'POST', roomPath, { altcha: solveAltcha(challenge.body) });
      expect(joined.status).toBe(201);
      passes[i] = joined.body;
    });
    const numbers = passes.map((p) => p.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: CITIZENS }, (_, i) => i + 1));

    // Wait for admission, asking again when the server expects it; note what each answer said and when.
    const seenWaiting = new Array<number>(CITIZENS + 1).fill(-Infinity); // the last request start that saw the pass waiting
    const seenAdmitted = new Array<number>(CITIZENS + 1).fill(Infinity); // the first answer that saw it admitted
    const tokens = new Map<number, string>();
    await pool(CITIZENS, CONCURRENCY, async (i) => {
      const pass = passes[i]!;
      for (let asked = 0; ; asked++) {
        const sent = performance.now();
        const res = await api<WaitingRoomStatus>(replica(i + asked), 'GET', `/api/v1/waiting-room/${pass.passToken}`);
        expect(res.status).toBe(200);
        if (res.body.status === 'admitted') {
          seenAdmitted[pass.number] = Math.min(seenAdmitted[pass.number]!, performance.now());
          tokens.set(pass.number, res.body.admissionToken!);
          return;
        }
        expect(res.body.status).toBe('waiting');
        seenWaiting[pass.number] = Math.max(seenWaiting[pass.number]!, sent);
        await new Promise((r) => setTimeout(r, Math.min(2_000, Math.max(20, Date.parse(res.body.estimatedAdmitAt) - Date.now()))));
      }
    });
    // An inversion: a pass seen waiting by a request sent after a later pass was seen admitted.
    let inversions = 0;
    let latestWaiting = -Infinity;
    for (let n = 1; n <= CITIZENS; n++) {
      if (seenAdmitted[n]! < latestWaiting) inversions++;
      latestWaiting = Math.max(latestWaiting, seenWaiting[n]!);
    }
    expect(inversions).toBe(0);
    expect(tokens.size).toBe(CITIZENS);

    // Each admission books once (a second try with it is refused), until the day is full.
    const day = (
      await api<Availability>(a.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/services/${serviceId}/availability?from=${tomorrow()}&to=${tomorrow()}`)
    ).body;
    const starts = day.days[0]!.slots.map((s) => s.start);
    const capacity = day.days[0]!.slots.reduce((n, s) => n + s.capacity, 0);
    expect(capacity).toBe(300);
    let booked = 0;
    let secondTries = 0;
    await pool(CITIZENS, CONCURRENCY, async (i) => {
      const number = passes[i]!.number;
      const headers = { 'x-admission-token': tokens.get(number)! };
      for (const start of rotate(starts, i)) {
        const res = await post(
          replica(i),
          '/api/v1/appointments',
          { officeId: seed.officeId, serviceId, start, citizen: { name: 'Warga', nik: nik(number) } },
          headers,
        );
        if (res.status === 201) {
          booked++;
          const again = await post(
            replica(i + 1),
            '/api/v1/appointments',
            { officeId: seed.officeId, serviceId, start, citizen: { name: 'Warga', nik: nik(number + 5000) } },
            headers,
          );
          expect([again.status, again.body]).toEqual([403, expect.objectContaining({ code: 'ADMISSION_INVALID' })]);
          secondTries++;
          return;
        }
        expect([409]).toContain(res.status); // SLOT_FULL: the next slot
      }
    });
    expect(booked).toBe(300);
    expect(secondTries).toBe(300);
    const live = await api<ReleaseLiveView>(b.baseUrl, 'GET', roomPath, undefined, seed.adminToken);
    expect(live.body).toMatchObject({ joined: CITIZENS, admitted: CITIZENS, booked: 300, placesLeft: 0, capacity: 300 });
  });
});

function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + 86_400_000),
  );
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function post(base: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
