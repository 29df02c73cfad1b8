import { AuthModule } from '@giliran/auth';
import type { AppConfig } from '@giliran/config';
import { OperationsModule } from '@giliran/infra';
import { BookingModule } from '@giliran/booking';
import { QueueMetricsModule } from '@giliran/jobs';
import { MaintenanceModule, infrastructure, processors } from '@giliran/operations';
import { QueueGateway, SNAPSHOT_SOURCE } from '@giliran/realtime';
import { StatisticsModule } from '@giliran/statistics';
import { InsightModule } from '@giliran/insight';
import { AssistantModule } from '@giliran/assistant';
import { BoardService, TicketingModule } from '@giliran/ticketing';
import { type DynamicModule, Module } from '@nestjs/common';
import { Draining } from './draining';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, redisUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...infrastructure(config, redisUrl),
        AuthModule,
        TicketingModule,
        BookingModule,
        MaintenanceModule,
        StatisticsModule,
        InsightModule,
        AssistantModule,
        OperationsModule,
        QueueMetricsModule,
        ...(config.worker === 'inline' ? [processors()] : []),
      ],
      providers: [QueueGateway, { provide: SNAPSHOT_SOURCE, useExisting: BoardService }, Draining],
    };
  }
}
