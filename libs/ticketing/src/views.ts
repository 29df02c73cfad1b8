import type { CounterView, OfficeWithSettings, ServiceView, StaffTicketView, TicketEventView, TicketStatus } from '@giliran/contracts';
import type { Counter, Office, ServiceEntity, Ticket, TicketEvent } from '@giliran/database';

export const officeView = (o: Office): OfficeWithSettings => ({
  id: o.id,
  code: o.code,
  name: o.name,
  timezone: o.timezone,
  starvationGuardMinutes: o.starvationGuardMinutes,
  maxRecalls: o.maxRecalls,
  announcements: o.announcements ?? [],
  voiceLocale: o.voiceLocale,
  address: o.address,
  reminderOffsets: o.reminderOffsets,
  webhookUrl: o.webhookUrl,
  turnNearPosition: o.turnNearPosition,
  phone: o.phone,
  mapUrl: o.mapUrl,
  targetWaitMinutes: o.targetWaitMinutes,
  ticketPaperMm: o.ticketPaperMm === 58 ? 58 : 80,
  autoPrint: Boolean(o.autoPrint),
  defaultLocale: o.defaultLocale,
});

export const serviceView = (s: ServiceEntity): ServiceView => ({
  id: s.id,
  officeId: s.officeId,
  code: s.code,
  prefix: s.prefix,
  name: s.name,
  slotMinutes: s.slotMinutes,
  slotCapacity: s.slotCapacity,
  bookingWindowDays: s.bookingWindowDays,
  dailyTicketQuota: s.dailyTicketQuota,
  checkInBeforeMinutes: s.checkInEarlyMinutes,
  checkInAfterMinutes: s.checkInLateMinutes,
  active: Boolean(s.active),
  description: s.description,
  requirements: s.requirements ?? [],
  expectedServiceMinutes: s.expectedServiceMinutes,
  sortOrder: s.sortOrder,
});

export const counterView = (c: Counter): CounterView => ({
  id: c.id,
  officeId: c.officeId,
  name: c.name,
  serviceIds: c.serviceIds,
  status: c.status,
  officerId: c.officerId,
  currentTicketId: c.currentTicketId,
  sortOrder: c.sortOrder,
});

export const staffTicketView = (t: Ticket, position = 0, estimatedWaitMinutes: number | null = 0): StaffTicketView => ({
  id: t.id,
  number: t.number,
  serviceId: t.serviceId,
  status: t.status,
  priority: t.priority,
  channel: t.channel,
  position,
  estimatedWaitMinutes,
  issuedAt: t.issuedAt.toISOString(),
  businessDate: t.businessDate,
  counterId: t.counterId,
  calledAt: t.calledAt?.toISOString() ?? null,
  recallCount: t.recallCount,
});

export const ticketEventView = (e: TicketEvent): TicketEventView => ({
  at: e.at.toISOString(),
  type: e.type,
  actor: e.actor,
  from: e.fromStatus as TicketStatus | null,
  to: e.toStatus as TicketStatus | null,
  counterId: e.counterId,
  serviceId: e.serviceId,
  reason: e.note,
});
