import type { WaitingRoomChallenge } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a challenge may take to be solved and used. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The waiting room's proof of work, in ALTCHA's v1 format (API.md v1.1): `challenge` is
 * sha256(salt + number) in hex, `signature` the HMAC-SHA256 of the challenge, and the salt carries
 * its expiry (`?expires=<unix seconds>&`), so the server keeps nothing until a solution is spent.
 * A challenge costs the server one hash and an HMAC, its solution about `maxNumber / 2` hashes of
 * the client's; nothing leaves the office's servers. Made with node:crypto on the request's own
 * thread: altcha-lib's v1 (WebCrypto) sends each hash to the libuv thread pool, which a release
 * crowd queues up (tests check both agree: challenges.spec.ts).
 */
export class Challenges {
  private readonly hmacKey: string;

  constructor(
    secret: string,
    /** 0: challenges are off (joining needs none). */
    readonly maxNumber: number,
    /** Says whether the challenge was not spent before, and spends it (Redis, every replica). */
    private readonly spend: (challenge: string, ttlMs: number) => Promise<boolean>,
  ) {
    this.hmacKey = createHmac('sha256', secret).update('giliran challenge v1').digest('hex');
  }

  get enabled(): boolean {
    return this.maxNumber > 0;
  }

  issue(now = new Date()): WaitingRoomChallenge {
    const expires = Math.floor((now.getTime() + CHALLENGE_TTL_MS) / 1000);
    const salt = `${randomBytes(12).toString('hex')}?expires=${expires}&`;
    // Off: the number is 0, found at the first try.
    const number = this.enabled ? randomInt(0, this.maxNumber + 1) : 0;
    const challenge = sha256(salt + number);
    return { algorithm: 'SHA-256', challenge, salt, maxnumber: this.maxNumber, signature: this.sign(challenge) };
  }

  /** Accepts a solution (base64 of its JSON) once, or throws 400 CHALLENGE_FAILED. */
  async redeem(altcha: unknown, now = Date.now()): Promise<void> {
    if (!this.enabled) return;
    const p = typeof altcha === 'string' && altcha.length <= 2000 ? parsePayload(altcha) : null;
    if (!p || !this.valid(p, now) || !(await this.spend(p.challenge, CHALLENGE_TTL_MS)))
      throw new DomainError('CHALLENGE_FAILED', 400, 'altcha: not a solution of a challenge of ours, expired, or used before');
  }

  private valid(p: Payload, now: number): boolean {
    const expires = Number(new URLSearchParams(p.salt.split('?')[1] ?? '').get('expires'));
    if (!Number.isFinite(expires) || expires * 1000 < now) return false;
    if (sha256(p.salt + p.number) !== p.challenge) return false;
    const given = Buffer.from(p.signature, 'hex');
    const wanted = Buffer.from(this.sign(p.challenge), 'hex');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  private sign(challenge: string): string {
    return createHmac('sha256', this.hmacKey).update(challenge).digest('hex');
  }
}

interface Payload {
  algorithm: 'SHA-256';
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

function parsePayload(altcha: string): Payload | null {
  try {
    const p = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8')) as Record<string, unknown>;
    const ok =
      p !== null &&
      typeof p === 'object' &&
      p.algorithm === 'SHA-256' &&
      typeof p.challenge === 'string' &&
      /^[0-9a-f]{64}$/.test(p.challenge) &&
      Number.isSafeInteger(p.number) &&
      (p.number as number) >= 0 &&
      typeof p.salt === 'string' &&
      p.salt.length <= 200 &&
      typeof p.signature === 'string' &&
      /^[0-9a-f]{64}$/.test(p.signature);
    return ok ? (p as unknown as Payload) : null;
  } catch {
    return null;
  }
}
