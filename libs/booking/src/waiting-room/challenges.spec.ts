import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { Challenges } from './challenges';

/** Finds the number as API.md says: sha256(salt + number) in hex = challenge. */
async function solve(c: { salt: string; challenge: string; maxnumber: number }): Promise<number> {
  const { createHash } = await import('node:crypto');
  for (let n = 0; n <= c.maxnumber; n++)
    if (
      createHash('sha256')
        .update(c.salt + n)
        .digest('hex') === c.challenge
    )
      return n;
  throw new Error('no solution');
}

const encode = (p: object) => Buffer.from(JSON.stringify(p)).toString('base64');

describe('waiting room challenges (ALTCHA v1)', () => {
  const spent = new Set<string>();
  const challenges = new Challenges('a-secret-of-at-least-32-characters!', 1000, async (c) => !spent.has(c) && !!spent.add(c));

  it('gives challenges that altcha-lib, the ALTCHA reference, verifies, and verifies what it solves', async () => {
    const c = challenges.issue();
    expect(c).toMatchObject({ algorithm: 'SHA-256', maxnumber: 1000 });
    const number = await solve(c);
    const payload = { algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature };
    // The reference agrees, given the same key (the key is derived from the secret inside; reach it through a challenge of the library's own).
    const key = (challenges as unknown as { hmacKey: string }).hmacKey;
    expect(await verifySolution(payload, key)).toBe(true);
    const theirs = await createChallenge({ hmacKey: key, maxnumber: 1000, expires: new Date(Date.now() + 60_000) });
    const theirNumber = await solve({ ...theirs, maxnumber: 1000 });
    await expect(challenges.redeem(encode({ ...theirs, number: theirNumber }))).resolves.toBeUndefined();
    await expect(challenges.redeem(encode(payload))).resolves.toBeUndefined();
  });

  it('refuses a wrong number, a forged signature, an expired challenge and a second use', async () => {
    const c = challenges.issue();
    const number = await solve(c);
    const payload = { algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature };
    await expect(challenges.redeem(encode({ ...payload, number: number + 1 }))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    await expect(challenges.redeem(encode({ ...payload, signature: 'f'.repeat(64) }))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    await expect(challenges.redeem(encode(payload), Date.now() + 11 * 60_000)).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    await challenges.redeem(encode(payload));
    await expect(challenges.redeem(encode(payload))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    for (const bad of [undefined, '', 'bm90IGpzb24=', encode({ ...payload, algorithm: 'SHA-1' })])
      await expect(challenges.redeem(bad)).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
  });

  it('is off at 0: maxnumber 0, number 0, and joining needs no solution', async () => {
    const off = new Challenges('a-secret-of-at-least-32-characters!', 0, async () => true);
    const c = off.issue();
    expect(c.maxnumber).toBe(0);
    expect(await solve(c)).toBe(0);
    await expect(off.redeem(undefined)).resolves.toBeUndefined();
  });
});
