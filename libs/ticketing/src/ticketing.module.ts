import { JobsModule } from '@giliran/jobs';
import { NotificationsModule } from '@giliran/notifications';
import { OfficesModule } from '@giliran/offices';
import { Module } from '@nestjs/common';
import { BoardRefresher } from './board-refresher';
import { IssueBatcher } from './issue-batcher';
import { BoardService } from './board.service';
import { CounterService } from './counter.service';
import { BoardController } from './board.controller';
import { PushController } from './push.controller';
import { CounterWorkController, PublicTicketController } from './ticket.controller';
import { CounterRepository } from './counter.repository';
import { TicketHistory } from './ticket-history';
import { QueuePositions } from './queue-positions';
import { TicketRepository } from './ticket.repository';
import { TicketReads } from './ticket-reads';
import { TicketService } from './ticket.service';

@Module({
  imports: [JobsModule, NotificationsModule, OfficesModule],
  controllers: [BoardController, PublicTicketController, CounterWorkController, PushController],
  providers: [
    BoardRefresher,
    IssueBatcher,
    TicketRepository,
    QueuePositions,
    CounterRepository,
    TicketHistory,
    BoardService,
    TicketService,
    TicketReads,
    CounterService,
  ],
  exports: [OfficesModule, BoardService, TicketService, CounterService, TicketRepository, CounterRepository, TicketHistory],
})
export class TicketingModule {}
