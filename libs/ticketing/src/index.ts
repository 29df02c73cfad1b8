export * from './ticketing.module';
export * from './board.service';
export * from './ticket.service';
export * from './counter.service';
export * from './ticket.repository';
export * from './ticket.dto';
export * from './counter.repository';
export * from './ticket-history';
