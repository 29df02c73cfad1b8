import type { CounterView, OfficeWithSettings, ServiceView } from '@giliran/contracts';
import type { ChannelQuota, ReleaseRule, WaitingRoomRule } from '@giliran/core';
import type { Counter, Office, ServiceEntity } from '@giliran/database';

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

/** A service's daily places by channel, as the quota rules of libs/core read them. */
export const channelQuota = (s: ServiceEntity): ChannelQuota => ({
  online: s.dailyOnlineQuota,
  walkIn: s.dailyTicketQuota,
  priority: s.dailyPriorityQuota,
  onlineRolloverAt: s.onlineRolloverAt,
});

/** A service's scheduled release, or null: always open. */
export const releaseRule = (s: ServiceEntity): ReleaseRule | null =>
  s.releaseDaysAhead !== null && s.releaseAt !== null ? { daysAhead: s.releaseDaysAhead, at: s.releaseAt } : null;

/** A service's waiting room, or null: none. */
export const waitingRoomRule = (s: ServiceEntity): WaitingRoomRule | null =>
  s.waitingRoomAdmitPerMinute !== null && s.waitingRoomAdmissionMinutes !== null && s.waitingRoomOpenMinutes !== null
    ? { admitPerMinute: s.waitingRoomAdmitPerMinute, admissionMinutes: s.waitingRoomAdmissionMinutes, openMinutes: s.waitingRoomOpenMinutes }
    : null;

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
  quota: { online: s.dailyOnlineQuota, walkIn: s.dailyTicketQuota, priority: s.dailyPriorityQuota },
  onlineRolloverAt: s.onlineRolloverAt,
  release: releaseRule(s),
  waitingRoom: waitingRoomRule(s),
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
