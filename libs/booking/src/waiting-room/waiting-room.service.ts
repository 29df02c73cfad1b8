import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { ReleaseLiveView, WaitingRoomChallenge, WaitingRoomPass, WaitingRoomStatus } from '@giliran/contracts';
import {
  DomainError,
  type ReleaseWindow,
  type WaitingRoomRule,
  admissionInterval,
  estimatedAdmitAt,
  needsAdmission,
  releaseRuleOf,
  releaseToWaitFor,
  releaseWindow,
} from '@giliran/core';
import type { Office, ServiceEntity } from '@giliran/database';
import { REDIS, RedisBreaker } from '@giliran/infra';
import { OfficeRepository, releaseRule, waitingRoomRule } from '@giliran/offices';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { officeAndService } from '../office-and-service';
import { SlotCatalog } from '../slot-catalog';
import { AdmissionLine, defineLineCommands } from './admission-line';
import { AdmissionUses } from './admission-uses';
import { Challenges } from './challenges';
import { type Pass, PassTokens } from './passes';

/** How long "the day is full, or not" is kept per process. */
const FULL_KEPT_MS = 1000;
/** A line outlives its release by a day: passes and admissions are read back after it. */
const LINE_KEPT_MS = 86_400_000;

/** The admission a booking spends. */
export interface AdmissionToSpend {
  serviceId: string;
  releaseDate: string;
  pass: string;
}

/**
 * The waiting room of a release (API.md v1.1 "Fair access to scarce places"): a citizen proves a
 * little work, joins the release's line in Redis (one order for every replica), is admitted in
 * that order at the service's pace, and books once with the admission.
 */
@Injectable()
export class WaitingRoomService {
  private readonly tokens: PassTokens;
  private readonly challenges: Challenges;
  private readonly prefix: string;
  private readonly fullDays = new Map<string, { at: number; full: Promise<boolean> }>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly breaker: RedisBreaker,
    private readonly offices: OfficeRepository,
    private readonly slots: SlotCatalog,
    private readonly uses: AdmissionUses,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}waiting-room:`;
    defineLineCommands(redis);
    this.tokens = new PassTokens(config.jwtSecret);
    this.challenges = new Challenges(config.jwtSecret, config.challengeMaxNumber, (challenge, ttlMs) =>
      this.command(async () => (await this.redis.set(`${this.prefix}spent:${challenge}`, '1', 'PX', ttlMs, 'NX')) === 'OK'),
    );
  }

  challenge(now = new Date()): WaitingRoomChallenge {
    return this.challenges.issue(now);
  }

  async join(officeId: string, serviceId: string, altcha: unknown, now = new Date()): Promise<WaitingRoomPass> {
    const { office, service, room } = await this.withRoom(officeId, serviceId);
    if (!service.active) throw new DomainError('SERVICE_INACTIVE', 409, 'this service is not taking bookings');
    await this.challenges.redeem(altcha);
    const window = releaseToWaitFor(this.release(service), room, office.timezone, now);
    const j = await this.command(() => this.line(service, window, room, now).join(now.getTime()));
    const pass: Pass = { officeId, serviceId, date: window.date, epoch: j.epoch, number: j.number };
    return {
      passToken: this.tokens.pass(pass),
      position: j.position,
      estimatedAdmitAt: (j.number <= j.admitted ? now : estimatedAdmitAt(j.number - j.admitted, j.next, room)).toISOString(),
      number: j.number,
      ...windowView(window),
    };
  }

  async status(passToken: string, now = new Date()): Promise<WaitingRoomStatus> {
    const pass = this.tokens.readPass(passToken);
    if (!pass) throw new DomainError('NOT_FOUND', 404, 'no such pass');
    const { office, service } = await officeAndService(this.offices, pass.officeId, pass.serviceId);
    const room = waitingRoomRule(service);
    const base = { number: pass.number, officeId: pass.officeId, serviceId: pass.serviceId };
    if (!room) return { status: 'expired', position: 0, estimatedAdmitAt: now.toISOString(), ...base, date: pass.date, opensAt: '', closesAt: '' };
    const window = releaseWindow(pass.date, this.release(service), room, office.timezone);
    const s = await this.command(() => this.line(service, window, room, now).status(now.getTime(), pass));
    const ended = (at: Date): WaitingRoomStatus => ({ status: 'expired', position: 0, estimatedAdmitAt: at.toISOString(), ...base, ...windowView(window) });
    // A pass of a line Redis lost: its citizen joins again.
    if (s.epoch !== pass.epoch) return ended(now);
    // Every place of the day is taken: nobody is let in to find that out, the crowd is told at once.
    if (await this.dayFull(office, service, pass.date, now)) return { ...ended(now), full: true };
    if (s.admittedAt !== null) {
      const admittedAt = new Date(s.admittedAt);
      const expiresAt = new Date(s.admittedAt + room.admissionMinutes * 60_000);
      if (now >= expiresAt) return ended(admittedAt);
      return {
        status: 'admitted',
        position: 0,
        estimatedAdmitAt: admittedAt.toISOString(),
        admissionToken: this.tokens.admission({ ...pass, expiresAt }),
        admissionExpiresAt: expiresAt.toISOString(),
        ...base,
        ...windowView(window),
      };
    }
    // Past the window nobody needs an admission to book that day: the page books straight away.
    if (now >= window.closesAt) return ended(window.closesAt);
    const position = Math.max(1, pass.number - s.admitted);
    return { status: 'waiting', position, estimatedAdmitAt: estimatedAdmitAt(position, s.next, room).toISOString(), ...base, ...windowView(window) };
  }

  /**
   * The admission a booking of a slot on `date` must spend, or null when it needs none (no
   * waiting room, not in the minutes after the day's release, or booked by staff). Throws 428
   * ADMISSION_REQUIRED without a token and 403 ADMISSION_INVALID with one that does not do.
   */
  admissionFor(office: Office, service: ServiceEntity, date: string, token: string | undefined, now: Date): AdmissionToSpend | null {
    const room = waitingRoomRule(service);
    if (!room || !needsAdmission(date, this.release(service), room, office.timezone, now)) return null;
    const window = releaseWindow(date, this.release(service), room, office.timezone);
    if (!token) {
      throw new DomainError('ADMISSION_REQUIRED', 428, 'this day has just been released: book it with an admission from the waiting room', {
        date,
        closesAt: window.closesAt.toISOString(),
      });
    }
    const a = this.tokens.readAdmission(token);
    if (!a || a.serviceId !== service.id || a.date !== date || now >= a.expiresAt)
      throw new DomainError('ADMISSION_INVALID', 403, 'this admission is not one for this day, or it has expired');
    return { serviceId: service.id, releaseDate: a.date, pass: `${a.epoch}-${a.number}` };
  }

  /** Staff: the release the waiting room serves now, as it happens. */
  async live(officeId: string, serviceId: string, now = new Date()): Promise<ReleaseLiveView> {
    const { office, service, room } = await this.withRoom(officeId, serviceId);
    const window = releaseToWaitFor(this.release(service), room, office.timezone, now);
    const [line, booked, days] = await Promise.all([
      this.command(() => this.line(service, window, room, now).status(now.getTime())),
      this.uses.count(service.id, window.date),
      this.slots.days(office, service, window.date, window.date, now, undefined, false),
    ]);
    const slots = days.flatMap((d) => d.slots);
    return {
      ...windowView(window),
      joined: line.joined,
      admitted: line.admitted,
      booked,
      placesLeft: slots.reduce((n, s) => n + s.remaining, 0),
      capacity: slots.reduce((n, s) => n + s.capacity, 0),
    };
  }

  /**
   * No place left on the released day (slots and the online quota). Read once a second per day and
   * process, whatever the crowd asks: while the first bookings land, every one of them makes the
   * availability kept for a crowd stale, and a read per question would follow each. A second late
   * to say "full" only lets a few more in to find it so.
   */
  private dayFull(office: Office, service: ServiceEntity, date: string, now: Date): Promise<boolean> {
    const key = `${service.id}|${date}`;
    const hit = this.fullDays.get(key);
    if (hit && Date.now() - hit.at < FULL_KEPT_MS) return hit.full;
    if (this.fullDays.size > 1000) this.fullDays.clear();
    const full = Promise.all([
      this.slots.days(office, service, date, date, now, undefined, false),
      this.slots.daysWithoutOnlinePlaces(office, service, date, date, now),
    ]).then(([days, atQuota]) => atQuota.has(date) || !days.some((d) => d.slots.some((slot) => slot.remaining > 0)));
    const entry = { at: Date.now(), full };
    this.fullDays.set(key, entry);
    full.catch(() => this.fullDays.get(key) === entry && this.fullDays.delete(key));
    return full;
  }

  private async withRoom(officeId: string, serviceId: string): Promise<{ office: Office; service: ServiceEntity; room: WaitingRoomRule }> {
    const { office, service } = await officeAndService(this.offices, officeId, serviceId);
    const room = waitingRoomRule(service);
    if (!room) throw new DomainError('NOT_FOUND', 404, 'this service has no waiting room');
    return { office, service, room };
  }

  private release(service: ServiceEntity) {
    return releaseRuleOf(releaseRule(service), service.bookingWindowDays);
  }

  private line(service: ServiceEntity, window: ReleaseWindow, room: WaitingRoomRule, now: Date): AdmissionLine {
    const ttl = Math.max(60_000, window.closesAt.getTime() + LINE_KEPT_MS - now.getTime());
    return new AdmissionLine(this.redis, `${this.prefix}${service.id}:${window.date}`, window.opensAt.getTime(), admissionInterval(room), ttl);
  }

  /** A Redis command, or 503 while Redis does not answer (bookings with an admission still go through). */
  private async command<T>(run: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready' || !this.breaker.closed()) throw unavailable();
    try {
      return await run();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.breaker.trip((err as Error).message);
      throw unavailable();
    }
  }
}

const windowView = (w: ReleaseWindow) => ({ date: w.date, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() });

const unavailable = () =>
  new DomainError('SERVICE_UNAVAILABLE', 503, 'the waiting room is unavailable for a moment; try again shortly', { retryAfterSeconds: 5 });
