import { ClaimBook } from './claim-book';

describe('ClaimBook (racing calls of one process)', () => {
  it('passes over what another call is locking, and frees it when that call ends without it', () => {
    const book = new ClaimBook();
    const a = book.session();
    const b = book.session();
    expect(a.claim('t1')).toBe(true);
    expect(b.claim('t1')).toBe(false);
    a.settle(null); // a retry after a deadlock opens a new session: nothing of the failed attempt is held
    const retry = book.session();
    expect(retry.claim('t1')).toBe(true);
    retry.settle(null);
    b.settle(null);
  });

  it('keeps a called ticket from the calls that started before the call ended, and only from them', () => {
    const book = new ClaimBook();
    const older = book.session(); // read its candidates before t1 was called
    const caller = book.session();
    expect(caller.claim('t1')).toBe(true);
    caller.settle('t1');
    expect(older.claim('t1')).toBe(false);
    older.settle(null);
    // Once no call from before is left, a ticket sent back to the queue is seen at once.
    const later = book.session();
    expect(later.claim('t1')).toBe(true);
    later.settle(null);
  });

  it('keeps nothing when no other call was running', () => {
    const book = new ClaimBook();
    const only = book.session();
    expect(only.claim('t1')).toBe(true);
    only.settle('t1');
    const next = book.session();
    expect(next.claim('t1')).toBe(true);
    next.settle(null);
  });
});
