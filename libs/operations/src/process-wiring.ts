import { AuditModule } from '@giliran/audit';
import { type AppConfig, ConfigModule } from '@giliran/config';
import { DatabaseModule } from '@giliran/database';
import { BookingModule } from '@giliran/booking';
import { RateLimitModule, RedisModule } from '@giliran/infra';
import { JobsWorkerModule, MAINTENANCE_TASKS } from '@giliran/jobs';
import { NotificationSources, NotificationsProcessor } from '@giliran/notifications';
import { RealtimeModule } from '@giliran/realtime';
import { TicketingModule } from '@giliran/ticketing';
import { BullModule } from '@nestjs/bullmq';
import type { DynamicModule } from '@nestjs/common';
import { MaintenanceModule } from './maintenance.module';
import { MaintenanceService } from './maintenance.service';
import { RepositorySources } from './notification-sources';

type DatabaseOptions = Parameters<typeof DatabaseModule.forRoot>[0];

/**
 * The modules every process shares — the API, the worker and the integration-test harness:
 * configuration, database, Redis, queues, the realtime publisher, the audit trail. `database`:
 * the harness migrates SQLite itself and wants a larger pool; processes migrate at start.
 */
export function infrastructure(config: AppConfig, redisUrl: string, opts: { database?: DatabaseOptions } = {}): NonNullable<DynamicModule['imports']> {
  return [
    ConfigModule.forRoot(config),
    RedisModule.forRoot(redisUrl),
    DatabaseModule.forRoot(opts.database ?? { migrate: true }),
    BullModule.forRoot({ connection: RedisModule.connectionOptions(redisUrl), prefix: `${config.redisPrefix}bull` }),
    RealtimeModule,
    AuditModule,
    // Controllers of the libs name the throttle guard, so its options must exist in every process.
    RateLimitModule,
  ];
}

/** The job processors (notifications, maintenance), for the worker app and for WORKER=inline. */
export function processors(): DynamicModule {
  return JobsWorkerModule.register({
    imports: [BookingModule, TicketingModule, MaintenanceModule],
    tasks: { provide: MAINTENANCE_TASKS, useExisting: MaintenanceService },
    processors: [NotificationsProcessor],
    providers: [{ provide: NotificationSources, useClass: RepositorySources }],
  });
}
