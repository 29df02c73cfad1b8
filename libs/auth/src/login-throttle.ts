import { DomainError } from '@giliran/core';
import { RateCounter } from '@giliran/infra';
import { Injectable } from '@nestjs/common';

/** API.md "Security and faults": failed logins allowed per username and per client address in a window. */
export const LOGIN_LIMITS = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 } as const;

/**
 * Guessing passwords is throttled: after 5 failed logins for one username, or 20 from one client
 * address, within 15 minutes, every login for it is refused with 429 TOO_MANY_ATTEMPTS until the
 * window ends (the right password too: otherwise the guessing simply goes on). Counted across
 * replicas in Redis, per process while Redis is down. A success clears its username's count.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly counter: RateCounter) {}

  async assertAllowed(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([this.counter.peek(userKey(username)), this.counter.peek(addressKey(address))]);
    const waits = [user.count >= LOGIN_LIMITS.perUsername ? user.resetInMs : 0, addr.count >= LOGIN_LIMITS.perAddress ? addr.resetInMs : 0];
    const wait = Math.max(...waits);
    if (wait > 0) throw new DomainError('TOO_MANY_ATTEMPTS', 429, 'too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.counter.hit(userKey(username), LOGIN_LIMITS.windowMs), this.counter.hit(addressKey(address), LOGIN_LIMITS.windowMs)]);
  }

  async succeeded(username: string): Promise<void> {
    await this.counter.reset(userKey(username));
  }
}

const userKey = (username: string) => `login:user:${username}`;
const addressKey = (address: string) => `login:address:${address}`;
