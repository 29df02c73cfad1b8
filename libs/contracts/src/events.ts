import type { CounterBoard, QueueBoard, ServiceBoard, TicketPriority, TicketStatus, TrackingView } from './tickets';

/** Every event to an office room carries the office id and its per-office sequence. */
export interface Sequenced {
  officeId: string;
  seq: number;
}

export interface TicketIssuedEvent extends Sequenced {
  ticketId: string;
  number: string;
  serviceId: string;
  priority: TicketPriority;
  issuedAt: string;
}

export interface TicketCalledEvent extends Sequenced {
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  counterName: string;
  calledAt: string;
  recall: boolean;
}

export interface TicketUpdatedEvent extends Sequenced {
  ticketId: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  counterId: string | null;
}

export interface QueueUpdatedEvent extends Sequenced {
  services: ServiceBoard[];
}

export type CounterUpdatedEvent = Sequenced & CounterBoard;

/** The supervisor changed the display's running text or voice (extends API.md). */
export interface OfficeUpdatedEvent extends Sequenced {
  announcements: string[];
  voiceLocale: 'id' | 'en';
}

/** Payloads of office-room events, keyed by event name: the one place an event name is spelled. */
export interface OfficeEvents {
  'ticket.issued': TicketIssuedEvent;
  'ticket.called': TicketCalledEvent;
  'ticket.updated': TicketUpdatedEvent;
  'queue.updated': QueueUpdatedEvent;
  'counter.updated': CounterUpdatedEvent;
  'office.updated': OfficeUpdatedEvent;
}
export type OfficeEventName = keyof OfficeEvents;
export type OfficeEvent = { [K in OfficeEventName]: { name: K; payload: Omit<OfficeEvents[K], 'seq'> } }[OfficeEventName];

/** What a ticket's own room (`ticket:<trackingToken>`) receives. */
export type TicketRoomUpdate = TrackingView & { trackingToken?: never };

export type SubscribeRequest = { officeId: string } | { counterId: string } | { trackingToken: string };
/** A refused subscription (API.md "Realtime"): the codes of HTTP. */
export interface SubscribeRefusal {
  error: { code: string; message: string };
}
/**
 * API.md "Realtime": the acknowledgement IS the snapshot — for an office or a counter the body of
 * `GET .../queue` (with its `seq`), for a ticket the tracking body — or a refusal.
 */
export type SubscribeAck = QueueBoard | TrackingView | SubscribeRefusal;
export const isRefusal = (ack: SubscribeAck): ack is SubscribeRefusal => 'error' in ack;
/** A board has its office and seq; the tracking body has neither. */
export const isBoard = (body: QueueBoard | TrackingView): body is QueueBoard => 'seq' in body && 'officeId' in body;

export interface ServerToClientEvents {
  'ticket.issued': (e: TicketIssuedEvent) => void;
  'ticket.called': (e: TicketCalledEvent) => void;
  'ticket.updated': (e: TicketUpdatedEvent | TrackingView) => void;
  'queue.updated': (e: QueueUpdatedEvent) => void;
  'counter.updated': (e: CounterUpdatedEvent) => void;
  'office.updated': (e: OfficeUpdatedEvent) => void;
  /**
   * To a ticket's own room, with every `ticket.updated` it gets: the same tracking body under a
   * name of its own, so that a client listens for one payload per event name (extends API.md).
   */
  'ticket.tracking': (e: TrackingView) => void;
  /** To a ticket's own room, once, when it reaches the office's "turn is near" position. */
  'ticket.near': (e: { number: string; position: number }) => void;
  /**
   * To every socket: the event history restarted (Redis came back empty, and with it each
   * office's seq). Subscribe again and take the new snapshot; events before it are void.
   */
  'queue.resync': (e: { reason: 'redis-lost' }) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (res: SubscribeAck) => void) => void;
  /**
   * Extension: answered at once with the server's time. A hall display asks every few seconds and
   * knows within seconds when its network has stalled without a word (no `offline` event).
   */
  heartbeat: (ack: (res: { at: number }) => void) => void;
}

export const SOCKET_NAMESPACE = '/queue';
export const rooms = {
  office: (officeId: string) => `office:${officeId}`,
  counter: (counterId: string) => `counter:${counterId}`,
  ticket: (trackingToken: string) => `ticket:${trackingToken}`,
} as const;
