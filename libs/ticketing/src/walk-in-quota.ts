import { DomainError, type WalkInLimits, admitWalkIns, rolledOver, walkInLimits } from '@giliran/core';
import type { Office, ServiceEntity } from '@giliran/database';
import { channelQuota } from '@giliran/offices';
import type { EntityManager } from 'typeorm';
import type { TicketRepository } from './ticket.repository';

/**
 * What a service's walk-ins are held to on a day, now: its walk-in and priority quotas and, once
 * the roll-over hour has passed, the online places of that day nobody booked.
 */
export async function walkInLimitsOf(
  tickets: TicketRepository,
  em: EntityManager | null,
  office: Office,
  service: ServiceEntity,
  businessDate: string,
  now: Date,
): Promise<WalkInLimits> {
  const quota = channelQuota(service);
  const passed = rolledOver(quota, now, office.timezone, businessDate);
  const counted = passed && quota.online !== null && quota.walkIn !== null;
  return walkInLimits(quota, { passed, onlineBooked: counted ? await tickets.onlineBooked(em, service.id, businessDate) : 0 });
}

/**
 * One walk-in whose number was just taken (takeNumbers counted it, under the row's lock): refused
 * with QUOTA_REACHED when it found no place.
 */
export async function assertWalkInPlace(
  tickets: TicketRepository,
  em: EntityManager,
  day: { office: Office; service: ServiceEntity; businessDate: string; now: Date },
  walkIn: 'regular' | 'priority',
): Promise<void> {
  const { office, service, businessDate, now } = day;
  const limits = await walkInLimitsOf(tickets, em, office, service, businessDate, now);
  if (limits.walkIn === null && limits.priority === null) return;
  const after = await tickets.walkInsTaken(em, office.id, service.id, businessDate);
  const before = { walkIns: after.walkIns - 1, priorityWalkIns: after.priorityWalkIns - (walkIn === 'priority' ? 1 : 0) };
  if (!admitWalkIns([walkIn], before, limits)[0]) throw new DomainError('QUOTA_REACHED', 409, 'today’s tickets for this service are all taken');
}
