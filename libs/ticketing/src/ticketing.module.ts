import { JobsModule } from '@giliran/jobs';
import { NotificationsModule } from '@giliran/notifications';
import { Module } from '@nestjs/common';
import { BoardRefresher } from './board-refresher';
import { IssueBatcher } from './issue-batcher';
import { BoardService } from './board.service';
import { CounterService } from './counter.service';
import { AdminOfficeController, NationalHolidaysController, PublicOfficeController } from './office.controller';
import { StatsController } from './stats.controller';
import { OfficeRepository } from './office.repository';
import { OfficeService } from './office.service';
import { PushController } from './push.controller';
import { CounterWorkController, PublicTicketController } from './ticket.controller';
import { CounterRepository } from './counter.repository';
import { TicketHistory } from './ticket-history';
import { TicketRepository } from './ticket.repository';
import { StatsService } from './stats.service';
import { TicketService } from './ticket.service';

@Module({
  imports: [JobsModule, NotificationsModule],
  controllers: [
    PublicOfficeController,
    AdminOfficeController,
    NationalHolidaysController,
    StatsController,
    PublicTicketController,
    CounterWorkController,
    PushController,
  ],
  providers: [
    BoardRefresher,
    IssueBatcher,
    OfficeRepository,
    TicketRepository,
    CounterRepository,
    TicketHistory,
    OfficeService,
    BoardService,
    TicketService,
    CounterService,
    StatsService,
  ],
  exports: [OfficeService, StatsService, BoardService, TicketService, CounterService, OfficeRepository, TicketRepository, CounterRepository],
})
export class TicketingModule {}
