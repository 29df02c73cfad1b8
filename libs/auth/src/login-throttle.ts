import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DomainError, PiiCipher } from '@giliran/core';
import { RateCounter, addressKey } from '@giliran/infra';
import { Inject, Injectable } from '@nestjs/common';

/** API.md "Security and faults": failed logins allowed per username and per client address in a window. */
export const LOGIN_LIMITS = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 } as const;

/**
 * Guessing passwords is throttled: after 5 failed logins for one username, or 20 from one client
 * address (an IPv6 client by its /64), within 15 minutes, every login for it is refused with 429
 * TOO_MANY_ATTEMPTS until the window ends (the right password too: otherwise the guessing simply
 * goes on). An attempt is counted before the password is checked, in one atomic step, so that
 * attempts sent all at once are counted like attempts sent one by one; a success gives its
 * attempt back and clears its username's count. Counted across replicas in Redis, per process
 * while Redis is down. A username is counted under its keyed hash: what was typed may be a password.
 */
@Injectable()
export class LoginThrottle {
  private readonly pii: PiiCipher;

  constructor(
    private readonly counter: RateCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  /** Counts an attempt; 429 TOO_MANY_ATTEMPTS when the username or the address is past its failures. */
  async attempt(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([
      this.counter.hit(this.userKey(username), LOGIN_LIMITS.windowMs),
      this.counter.hit(addressOf(address), LOGIN_LIMITS.windowMs),
    ]);
    const waits = [user.count > LOGIN_LIMITS.perUsername ? user.resetInMs : 0, addr.count > LOGIN_LIMITS.perAddress ? addr.resetInMs : 0];
    const wait = Math.max(...waits);
    if (wait > 0) throw new DomainError('TOO_MANY_ATTEMPTS', 429, 'too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }

  /** The attempt was right: it is no failure. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.counter.reset(this.userKey(username)), this.counter.hit(addressOf(address), LOGIN_LIMITS.windowMs, -1)]);
  }

  private userKey(username: string): string {
    return `login:user:${this.pii.hash(`login:${username}`)}`;
  }
}

const addressOf = (address: string) => `login:address:${addressKey(address)}`;
