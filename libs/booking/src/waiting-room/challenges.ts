import type { WaitingRoomChallenge } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { createHmac } from 'node:crypto';

/** How long a challenge may take to be solved and used. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

/**
 * The waiting room's proof of work (ALTCHA, API.md v1.1): a challenge costs the server one hash
 * and an HMAC, its solution about `maxNumber / 2` hashes of the client's. Nothing leaves the office's
 * servers. A solution is good once: `spend` must say it was not seen before (Redis, every replica).
 */
export class Challenges {
  private readonly hmacKey: string;

  constructor(
    secret: string,
    /** 0: challenges are off (joining needs none). */
    readonly maxNumber: number,
    private readonly spend: (challenge: string, ttlMs: number) => Promise<boolean>,
  ) {
    this.hmacKey = createHmac('sha256', secret).update('giliran challenge v1').digest('hex');
  }

  get enabled(): boolean {
    return this.maxNumber > 0;
  }

  async issue(now = new Date()): Promise<WaitingRoomChallenge> {
    const c = await createChallenge({
      algorithm: 'SHA-256',
      hmacKey: this.hmacKey,
      expires: new Date(now.getTime() + CHALLENGE_TTL_MS),
      // Off: the number is 0, found at the first try.
      ...(this.enabled ? { maxnumber: this.maxNumber } : { number: 0, maxnumber: 1 }),
    });
    return { algorithm: 'SHA-256', challenge: c.challenge, salt: c.salt, maxnumber: this.enabled ? this.maxNumber : 0, signature: c.signature };
  }

  /** Accepts a solution (base64 of its JSON) once, or throws 400 CHALLENGE_FAILED. */
  async redeem(altcha: unknown): Promise<void> {
    if (!this.enabled) return;
    const payload = typeof altcha === 'string' && altcha.length <= 2000 ? parsePayload(altcha) : null;
    const valid = payload !== null && (await verifySolution(payload, this.hmacKey, true).catch(() => false));
    if (!valid || !(await this.spend(payload.challenge, CHALLENGE_TTL_MS)))
      throw new DomainError('CHALLENGE_FAILED', 400, 'altcha: not a solution of a challenge of ours, expired, or used before');
  }
}

function parsePayload(altcha: string): { algorithm: 'SHA-256'; challenge: string; number: number; salt: string; signature: string } | null {
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
      p.signature.length <= 200;
    return ok ? (p as { algorithm: 'SHA-256'; challenge: string; number: number; salt: string; signature: string }) : null;
  } catch {
    return null;
  }
}
