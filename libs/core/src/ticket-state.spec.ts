import { type TicketAction, type TicketStatus, canTransition, nextStatus } from './ticket-state';

describe('ticket state machine', () => {
  const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'];
  const legal: [TicketStatus, TicketAction, TicketStatus][] = [
    ['waiting', 'call', 'called'],
    ['called', 'recall', 'called'],
    ['called', 'start', 'serving'],
    ['serving', 'complete', 'done'],
    ['called', 'complete', 'done'],
    ['called', 'no_show', 'no_show'],
    ['waiting', 'cancel', 'cancelled'],
    ['called', 'cancel', 'cancelled'],
    ['waiting', 'transfer', 'waiting'],
    ['called', 'transfer', 'waiting'],
    ['waiting', 'close_day', 'cancelled'],
    ['called', 'close_day', 'no_show'],
    ['serving', 'close_day', 'done'],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('allows nothing else', () => {
    const allowed = new Set(legal.map(([f, a]) => `${f}:${a}`));
    const actions: TicketAction[] = ['call', 'recall', 'start', 'complete', 'no_show', 'cancel', 'close_day'];
    for (const from of statuses) for (const action of actions) if (!allowed.has(`${from}:${action}`)) expect(canTransition(from, action)).toBe(false);
  });

  it('treats final statuses as final', () => {
    for (const from of ['done', 'no_show', 'cancelled'] as TicketStatus[])
      for (const action of ['call', 'start', 'complete', 'no_show', 'cancel', 'close_day', 'transfer'] as TicketAction[])
        expect(nextStatus(from, action)).toBeNull();
  });
});
