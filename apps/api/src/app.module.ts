import { AuditModule } from '@giliran/audit';
import { AuthModule } from '@giliran/auth';
import { type AppConfig, ConfigModule } from '@giliran/config';
import { DatabaseModule } from '@giliran/database';
import { OperationsModule, RateLimitModule, RedisModule } from '@giliran/infra';
import { BookingModule, MaintenanceService, NotificationsProcessor } from '@giliran/booking';
import { JobsWorkerModule, MAINTENANCE_TASKS, QueueMetricsModule } from '@giliran/jobs';
import { QueueGateway, RealtimeModule, SNAPSHOT_SOURCE } from '@giliran/realtime';
import { BoardService, TicketingModule } from '@giliran/ticketing';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { Draining } from './draining';

/** Modules shared by the API and the worker: configuration, database, Redis, queues, publisher. */
export function infrastructure(config: AppConfig, redisUrl: string): DynamicModule['imports'] {
  return [
    ConfigModule.forRoot(config),
    RedisModule.forRoot(redisUrl),
    DatabaseModule.forRoot({ migrate: true }),
    BullModule.forRoot({ connection: RedisModule.connectionOptions(redisUrl), prefix: `${config.redisPrefix}bull` }),
    RealtimeModule,
    AuditModule,
    // Controllers of the libs name the throttle guard, so its options must exist in every process.
    RateLimitModule,
  ];
}

/** The processors bound to ticketing, for the worker app and for WORKER=inline. */
export function processors(): DynamicModule {
  return JobsWorkerModule.register({
    imports: [BookingModule, TicketingModule],
    tasks: { provide: MAINTENANCE_TASKS, useExisting: MaintenanceService },
    processors: [NotificationsProcessor],
  });
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, redisUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(infrastructure(config, redisUrl) ?? []),
        AuthModule,
        TicketingModule,
        BookingModule,
        OperationsModule,
        QueueMetricsModule,
        ...(config.worker === 'inline' ? [processors()] : []),
      ],
      providers: [QueueGateway, { provide: SNAPSHOT_SOURCE, useExisting: BoardService }, Draining],
    };
  }
}
