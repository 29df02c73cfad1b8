import { Initial1764300000000 } from './1764300000000-initial';
import { CounterWork1764400000000 } from './1764400000000-counter-work';
import { Booking1764500000000 } from './1764500000000-booking';
import { Notifications1764600000000 } from './1764600000000-notifications';
import { QueueIndexes1764700000000 } from './1764700000000-queue-indexes';
import { ServingOrder1764800000000 } from './1764800000000-serving-order';
import { QueueCount1764900000000 } from './1764900000000-queue-count';
import { StaffSessions1765000000000 } from './1765000000000-staff-sessions';
import { AuditTrail1765100000000 } from './1765100000000-audit-trail';
import { IdempotencyHashed1765200000000 } from './1765200000000-idempotency-hashed';
import { Utf8mb41765300000000 } from './1765300000000-utf8mb4';
import { ManageTokenHashed1765400000000 } from './1765400000000-manage-token-hashed';
import { BoundedJobs1765500000000 } from './1765500000000-bounded-jobs';
import { CitizensTold1765600000000 } from './1765600000000-citizens-told';
import { ChannelQuotas1765700000000 } from './1765700000000-channel-quotas';
import { Release1765800000000 } from './1765800000000-release';
import { Waitlist1765900000000 } from './1765900000000-waitlist';
import { WaitingRoom1766000000000 } from './1766000000000-waiting-room';
import { Survey1766100000000 } from './1766100000000-survey';
import { DayRollup1766200000000 } from './1766200000000-day-rollup';
import { Faq1766300000000 } from './1766300000000-faq';

/** In order; never edit a migration that has shipped, add a new one. */
export const MIGRATIONS = [
  Initial1764300000000,
  CounterWork1764400000000,
  Booking1764500000000,
  Notifications1764600000000,
  QueueIndexes1764700000000,
  ServingOrder1764800000000,
  QueueCount1764900000000,
  StaffSessions1765000000000,
  AuditTrail1765100000000,
  IdempotencyHashed1765200000000,
  Utf8mb41765300000000,
  ManageTokenHashed1765400000000,
  BoundedJobs1765500000000,
  CitizensTold1765600000000,
  ChannelQuotas1765700000000,
  Release1765800000000,
  Waitlist1765900000000,
  WaitingRoom1766000000000,
  Survey1766100000000,
  DayRollup1766200000000,
  Faq1766300000000,
];
