import { AuditTrail } from '@giliran/audit';
import type { StaffPrincipal } from '@giliran/auth';
import { assertOfficeAccess } from '@giliran/auth';
import type { HolidayView, NationalHolidayList, OfficeDetail, OfficeSummary, OfficeWithSettings, OpeningDay } from '@giliran/contracts';
import { DomainError, isBusinessDate, isValidTimeZone, openState, validateWeek } from '@giliran/core';
import { Counter, Holiday, Office, OpeningHours, ServiceEntity, TransactionRunner, isUniqueViolation } from '@giliran/database';
import { JobQueue } from '@giliran/jobs';
import { RealtimePublisher } from '@giliran/realtime';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { resolveAllowed } from '@giliran/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  CreateCounterDto,
  CreateHolidayDto,
  CreateOfficeDto,
  CreateServiceDto,
  OpeningHoursDto,
  QuotaDto,
  ReleaseDto,
  WaitingRoomDto,
  UpdateCounterDto,
  UpdateOfficeDto,
  UpdateServiceDto,
} from './office.dto';
import { NATIONAL_HOLIDAYS } from './national-holidays';
import { CapacityChanges } from './capacity-changes';
import { OfficeRepository } from './office.repository';
import { counterView, officeView, serviceView } from './views';

/** Administration of offices and their set-up (API.md "Administration"). */
@Injectable()
export class OfficeService {
  private readonly logger = new Logger('OfficeService');

  constructor(
    private readonly offices: OfficeRepository,
    private readonly tx: TransactionRunner,
    private readonly jobs: JobQueue,
    private readonly publisher: RealtimePublisher,
    private readonly trail: AuditTrail,
    private readonly capacity: CapacityChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Every change to an office's set-up goes into its audit trail, right after it is made. A failure
   * to write the entry is logged: the change itself stands.
   */
  private async audit(user: StaffPrincipal, officeId: string, type: string, subject: string, before: object | null, after: object | null): Promise<void> {
    try {
      await this.trail.record({
        officeId,
        type,
        actor: `staff:${user.id}`,
        subject,
        before: before as Record<string, unknown> | null,
        after: after as Record<string, unknown> | null,
      });
    } catch (err) {
      this.logger.error(`could not audit ${type} of ${subject}: ${(err as Error).message}`);
    }
  }

  async list(): Promise<OfficeSummary[]> {
    return (await this.offices.listOffices()).map(({ id, code, name, timezone }) => ({ id, code, name, timezone }));
  }

  async get(officeId: string): Promise<Office> {
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    return office;
  }

  /**
   * The office with its services and counters; the public answer leaves out the staff-only
   * settings (the channel, the target wait) unless `staffFields`.
   */
  async detail(officeId: string, opts: { includeInactive: boolean; staffFields?: boolean }): Promise<OfficeDetail> {
    const office = await this.get(officeId);
    const [services, counters, hours, holidays] = await Promise.all([
      this.offices.services(officeId),
      this.offices.counters(officeId),
      this.offices.hours(officeId),
      this.offices.holidayDates(officeId),
    ]);
    const view = officeView(office);
    const week = hours.map((d) => ({ weekday: d.weekday, open: d.open, close: d.close, breaks: d.breaks ?? [] }));
    const now = openState(new Date(), office.timezone, week, holidays);
    return {
      hours: week,
      openNow: now.openNow,
      opensAt: now.opensAt?.toISOString() ?? null,
      closesAt: now.closesAt?.toISOString() ?? null,
      messaging: office.webhookUrl !== null,
      ...(opts.includeInactive || opts.staffFields ? view : { ...view, webhookUrl: null, reminderOffsets: null, targetWaitMinutes: undefined }),
      services: services.filter((s) => opts.includeInactive || s.active).map(serviceView),
      counters: counters.map(counterView),
    };
  }

  async create(user: StaffPrincipal, dto: CreateOfficeDto): Promise<OfficeSummary> {
    if (user.role !== 'admin') throw new DomainError('FORBIDDEN', 403, 'only an admin creates offices');
    if (!isValidTimeZone(dto.timezone)) throw invalidField('timezone', 'must be an IANA time zone such as Asia/Jakarta');
    const office = Object.assign(new Office(), {
      id: randomUUID(),
      code: dto.code,
      name: dto.name,
      timezone: dto.timezone,
      address: dto.address ?? null,
      phone: dto.phone ?? null,
      mapUrl: dto.mapUrl ?? null,
      targetWaitMinutes: 30,
      ticketPaperMm: 80,
      autoPrint: false,
      defaultLocale: 'id',
      createdAt: new Date(),
    });
    try {
      await this.offices.insertOffice(office);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DUPLICATE_CODE', 409, 'an office with that code exists');
      throw err;
    }
    await this.jobs.scheduleEndOfDay(office.id, office.timezone);
    await this.audit(user, office.id, 'office.created', `office:${office.id}`, null, { code: office.code, name: office.name, timezone: office.timezone });
    return officeView(office);
  }

  async update(user: StaffPrincipal, officeId: string, dto: UpdateOfficeDto): Promise<OfficeWithSettings> {
    assertOfficeAccess(user, officeId);
    const office = await this.offices.findOfficeFresh(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    if (dto.timezone !== undefined && !isValidTimeZone(dto.timezone)) throw invalidField('timezone', 'must be an IANA time zone such as Asia/Jakarta');
    // The gateway must not be the server's own network (checked again at every send).
    if (dto.webhookUrl) await resolveAllowed(dto.webhookUrl, { allowPrivate: this.config.allowPrivateWebhooks }, { whenSending: false });
    const before = { ...office };
    Object.assign(office, definedOnly(dto));
    if (dto.webhookUrl === '') office.webhookUrl = null;
    if (dto.reminderOffsets) office.reminderOffsets = [...dto.reminderOffsets].sort((a, b) => b - a);
    await this.offices.saveOffice(office);
    // The gateway's address may carry a secret of its own: the trail says that it changed, not to what.
    const diff = changed(before, office, Object.keys(definedOnly(dto)) as (keyof Office)[], ['webhookUrl']);
    if (diff) await this.audit(user, office.id, 'office.updated', `office:${office.id}`, diff.before, diff.after);
    if (dto.timezone) await this.jobs.scheduleEndOfDay(office.id, office.timezone);
    if (dto.announcements !== undefined || dto.voiceLocale !== undefined) {
      await this.publisher.publish(office.id, [
        { name: 'office.updated', payload: { officeId: office.id, announcements: office.announcements ?? [], voiceLocale: office.voiceLocale } },
      ]);
    }
    return officeView(office);
  }

  nationalHolidayLists(): readonly NationalHolidayList[] {
    return NATIONAL_HOLIDAYS;
  }

  /** A supervisor applies the national list of a year to the office in one action (idempotent). */
  async applyNationalHolidays(
    user: StaffPrincipal,
    officeId: string,
    year: number,
    includeCollectiveLeave: boolean,
  ): Promise<{ added: number; holidays: HolidayView[] }> {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    const list = NATIONAL_HOLIDAYS.find((l) => l.year === year);
    if (!list) throw new DomainError('NOT_FOUND', 404, `no national holiday list for ${year}; available: ${NATIONAL_HOLIDAYS.map((l) => l.year).join(', ')}`);
    const chosen = list.holidays.filter((h) => includeCollectiveLeave || h.kind === 'national');
    const existing = new Set((await this.offices.holidays(officeId)).map((h) => h.date));
    const added = chosen.filter((h) => !existing.has(h.date));
    await this.offices.saveHolidays(
      officeId,
      added.map((h) => Object.assign(new Holiday(), { officeId, date: h.date, name: h.name })),
    );
    if (added.length)
      await this.audit(user, officeId, 'holiday.national_applied', `office:${officeId}`, null, {
        year,
        includeCollectiveLeave,
        added: added.map((h) => h.date),
      });
    return { added: added.length, holidays: (await this.offices.holidays(officeId)).map(({ date, name }) => ({ date, name })) };
  }

  /** Re-registers every office's end-of-day schedule at boot (an upsert, so replicas agree). */
  async scheduleAllEndOfDay(): Promise<void> {
    for (const office of await this.offices.listOffices()) await this.jobs.scheduleEndOfDay(office.id, office.timezone);
  }

  async getHours(user: StaffPrincipal, officeId: string): Promise<{ week: OpeningDay[] }> {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    return { week: (await this.offices.hours(officeId)).map(({ weekday, open, close, breaks }) => ({ weekday, open, close, breaks })) };
  }

  async setHours(user: StaffPrincipal, officeId: string, dto: OpeningHoursDto): Promise<{ week: OpeningDay[] }> {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    const week = dto.week.map((d) => ({ ...d, breaks: d.breaks ?? [] }));
    const problems = validateWeek(week);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 400, `week: ${problems.join('; ')}`);
    const rows = week.map((d) => Object.assign(new OpeningHours(), { officeId, ...d }));
    const before = (await this.offices.hours(officeId)).map(({ weekday, open, close, breaks }) => ({ weekday, open, close, breaks }));
    await this.tx.run((em) => this.offices.replaceHours(officeId, rows, em), { deadline: user.deadline });
    await this.offices.invalidate(officeId);
    await this.audit(user, officeId, 'opening_hours.set', `office:${officeId}`, { week: before }, { week });
    await this.placesMayHaveGrown(officeId);
    return { week };
  }

  async listHolidays(user: StaffPrincipal, officeId: string): Promise<HolidayView[]> {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    return (await this.offices.holidays(officeId)).map(({ date, name }) => ({ date, name }));
  }

  async addHoliday(user: StaffPrincipal, officeId: string, dto: CreateHolidayDto): Promise<HolidayView> {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    if (!isBusinessDate(dto.date)) throw invalidField('date', 'must be a real date YYYY-MM-DD');
    await this.offices.saveHoliday(Object.assign(new Holiday(), { officeId, date: dto.date, name: dto.name }));
    await this.audit(user, officeId, 'holiday.added', `holiday:${dto.date}`, null, { date: dto.date, name: dto.name });
    return { date: dto.date, name: dto.name };
  }

  async deleteHoliday(user: StaffPrincipal, officeId: string, date: string): Promise<void> {
    assertOfficeAccess(user, officeId);
    if (!(await this.offices.deleteHoliday(officeId, date))) throw new DomainError('NOT_FOUND', 404, 'holiday not found');
    await this.audit(user, officeId, 'holiday.deleted', `holiday:${date}`, { date }, null);
    await this.placesMayHaveGrown(officeId);
  }

  /** Longer hours or a day open again: every service's waitlists may now have places. */
  private async placesMayHaveGrown(officeId: string): Promise<void> {
    for (const service of await this.offices.services(officeId)) if (service.active) await this.capacity.raised(officeId, service.id);
  }

  async createService(user: StaffPrincipal, officeId: string, dto: CreateServiceDto) {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    const service = newService(officeId, dto);
    try {
      await this.offices.insertService(service);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DUPLICATE_CODE', 409, 'a service with that code or prefix exists in this office');
      throw err;
    }
    await this.audit(user, officeId, 'service.created', `service:${service.id}`, null, serviceView(service));
    return serviceView(service);
  }

  async getService(officeId: string, serviceId: string): Promise<ServiceEntity> {
    const service = await this.offices.findService(officeId, serviceId);
    if (!service) throw new DomainError('NOT_FOUND', 404, 'service not found');
    return service;
  }

  async updateService(user: StaffPrincipal, officeId: string, serviceId: string, dto: UpdateServiceDto) {
    assertOfficeAccess(user, officeId);
    const service = await this.offices.findServiceFresh(officeId, serviceId);
    if (!service) throw new DomainError('NOT_FOUND', 404, 'service not found');
    const before = { ...service };
    const patch = serviceFields(definedOnly(dto));
    Object.assign(service, patch);
    const saved = await this.offices.saveService(service);
    const diff = changed(before, saved, Object.keys(patch) as (keyof ServiceEntity)[]);
    if (diff) await this.audit(user, officeId, 'service.updated', `service:${serviceId}`, diff.before, diff.after);
    if (mayAddPlaces(before, saved)) await this.capacity.raised(officeId, serviceId);
    return serviceView(saved);
  }

  async createCounter(user: StaffPrincipal, officeId: string, dto: CreateCounterDto) {
    assertOfficeAccess(user, officeId);
    await this.get(officeId);
    await this.assertServicesOf(officeId, dto.serviceIds);
    const counter = Object.assign(new Counter(), {
      id: randomUUID(),
      officeId,
      name: dto.name,
      serviceIds: dto.serviceIds,
      status: 'closed',
      officerId: null,
      currentTicketId: null,
      sortOrder: dto.sortOrder ?? 0,
    });
    try {
      await this.offices.insertCounter(counter);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DUPLICATE_CODE', 409, 'a counter with that name exists in this office');
      throw err;
    }
    await this.audit(user, officeId, 'counter.created', `counter:${counter.id}`, null, { name: counter.name, serviceIds: counter.serviceIds });
    return counterView(counter);
  }

  async getCounter(officeId: string, counterId: string): Promise<Counter> {
    const counter = await this.offices.findCounter(officeId, counterId);
    if (!counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    return counter;
  }

  async updateCounter(user: StaffPrincipal, officeId: string, counterId: string, dto: UpdateCounterDto) {
    assertOfficeAccess(user, officeId);
    const counter = await this.getCounter(officeId, counterId);
    if (dto.serviceIds) await this.assertServicesOf(officeId, dto.serviceIds);
    const before = { ...counter };
    Object.assign(counter, definedOnly(dto));
    const saved = await this.offices.saveCounter(counter);
    const diff = changed(before, saved, Object.keys(definedOnly(dto)) as (keyof Counter)[]);
    if (diff) await this.audit(user, officeId, 'counter.updated', `counter:${counterId}`, diff.before, diff.after);
    return counterView(saved);
  }

  private async assertServicesOf(officeId: string, serviceIds: string[]): Promise<void> {
    if ((await this.offices.countServices(officeId, serviceIds)) !== serviceIds.length) {
      throw invalidField('serviceIds', 'every service must belong to this office');
    }
  }
}

/**
 * A PATCH body's fields that were sent. Validated DTO instances carry every declared property,
 * the absent ones as undefined; assigning those would blank the entity in memory.
 */
function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The fields of `keys` whose value changed, before and after; null when none did. Fields in
 * `secret` are recorded as changed without their values.
 */
function changed<T extends object>(
  before: T,
  after: T,
  keys: (keyof T)[],
  secret: (keyof T)[] = [],
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const hidden = secret.includes(key);
    diff.before[key as string] = hidden ? (before[key] ? 'set' : null) : before[key];
    diff.after[key as string] = hidden ? (after[key] ? 'set' : null) : after[key];
  }
  return Object.keys(diff.after).length ? diff : null;
}

/** A service's fields by their entity names (the check-in window is named as API.md names it). */
type ServiceInput = {
  checkInBeforeMinutes?: number;
  checkInAfterMinutes?: number;
  dailyTicketQuota?: number | null;
  quota?: QuotaDto;
  release?: ReleaseDto | null;
  waitingRoom?: WaitingRoomDto | null;
};

/** A service DTO as entity fields: API names to column names, `quota` to its three columns. */
function serviceFields<T extends ServiceInput>(dto: T): Partial<ServiceEntity> {
  const { checkInBeforeMinutes, checkInAfterMinutes, quota, dailyTicketQuota, release, waitingRoom, ...rest } = dto;
  if (quota?.walkIn !== undefined && dailyTicketQuota !== undefined && quota.walkIn !== dailyTicketQuota) {
    throw invalidField('quota.walkIn', 'differs from dailyTicketQuota, its alias: send one of them');
  }
  const walkIn = quota?.walkIn !== undefined ? quota.walkIn : dailyTicketQuota;
  return {
    ...(rest as Partial<ServiceEntity>),
    ...(checkInBeforeMinutes !== undefined ? { checkInEarlyMinutes: checkInBeforeMinutes } : {}),
    ...(checkInAfterMinutes !== undefined ? { checkInLateMinutes: checkInAfterMinutes } : {}),
    ...(walkIn !== undefined ? { dailyTicketQuota: walkIn } : {}),
    ...(quota?.online !== undefined ? { dailyOnlineQuota: quota.online } : {}),
    ...(quota?.priority !== undefined ? { dailyPriorityQuota: quota.priority } : {}),
    ...(release !== undefined ? { releaseDaysAhead: release?.daysAhead ?? null, releaseAt: release?.at ?? null } : {}),
    ...(waitingRoom !== undefined
      ? {
          waitingRoomAdmitPerMinute: waitingRoom?.admitPerMinute ?? null,
          waitingRoomAdmissionMinutes: waitingRoom?.admissionMinutes ?? null,
          waitingRoomOpenMinutes: waitingRoom?.openMinutes ?? null,
        }
      : {}),
  };
}

/** A new service of an office: API.md's defaults, then what the DTO sets. */
function newService(officeId: string, dto: CreateServiceDto): ServiceEntity {
  return Object.assign(new ServiceEntity(), {
    id: randomUUID(),
    officeId,
    description: null,
    requirements: null,
    expectedServiceMinutes: 5,
    sortOrder: 0,
    dailyTicketQuota: null,
    dailyOnlineQuota: null,
    dailyPriorityQuota: null,
    onlineRolloverAt: null,
    releaseDaysAhead: null,
    releaseAt: null,
    waitingRoomAdmitPerMinute: null,
    waitingRoomAdmissionMinutes: null,
    waitingRoomOpenMinutes: null,
    ...serviceFields(dto),
    checkInEarlyMinutes: dto.checkInBeforeMinutes ?? 30,
    checkInLateMinutes: dto.checkInAfterMinutes ?? 15,
    active: true,
  });
}

/** A change that can give a service's days more places than before: its waitlists are looked at again. */
function mayAddPlaces(before: ServiceEntity, after: ServiceEntity): boolean {
  const moreOnline = before.dailyOnlineQuota !== null && (after.dailyOnlineQuota === null || after.dailyOnlineQuota > before.dailyOnlineQuota);
  return after.slotCapacity > before.slotCapacity || after.slotMinutes !== before.slotMinutes || moreOnline || (!before.active && Boolean(after.active));
}

function invalidField(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 400, `${field}: ${problem}`);
}
