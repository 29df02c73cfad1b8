import { createHash } from 'node:crypto';

/** A challenge of `GET /challenge`, as API.md v1.1 describes it. */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  salt: string;
  maxnumber: number;
  signature: string;
}

/** Solves it the way API.md says (sha256(salt + number) in hex = challenge) and encodes the `altcha` field. */
export function solveAltcha(c: AltchaChallenge): string {
  for (let number = 0; number <= c.maxnumber; number++) {
    if (
      createHash('sha256')
        .update(c.salt + number)
        .digest('hex') === c.challenge
    ) {
      return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString('base64');
    }
  }
  throw new Error('no solution in 0…maxnumber');
}
