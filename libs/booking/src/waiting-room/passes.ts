import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a pass names: the release waited for, and the pass's place in the order of joining. */
export interface Pass {
  officeId: string;
  serviceId: string;
  /** The released day, YYYY-MM-DD. */
  date: string;
  /** The line's epoch: a line Redis lost and that was started again has another. */
  epoch: number;
  number: number;
}

/** An admission: the pass it was given to, good until `expiresAt`. */
export interface Admission extends Pass {
  expiresAt: Date;
}

const PASS = 1;
const ADMISSION = 2;
const MAC_BYTES = 16;
const DAY_MS = 86_400_000;

/**
 * Pass and admission tokens, signed so that any replica reads them without a look-up: the pass
 * says which line and which place, the admission also until when. Booking checks an admission
 * without Redis (its single use is kept by the database, see AdmissionUse).
 */
export class PassTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('giliran waiting room v1').digest();
  }

  pass(p: Pass): string {
    return this.sign(PASS, p, []);
  }

  admission(a: Admission): string {
    return this.sign(ADMISSION, a, [Math.ceil(a.expiresAt.getTime() / 1000)]);
  }

  readPass(token: string): Pass | null {
    const read = this.read(PASS, token, 0);
    return read ? read.pass : null;
  }

  readAdmission(token: string): Admission | null {
    const read = this.read(ADMISSION, token, 1);
    return read ? { ...read.pass, expiresAt: new Date(read.extra[0]! * 1000) } : null;
  }

  private sign(kind: number, p: Pass, extra: number[]): string {
    const body = Buffer.alloc(1 + 16 + 16 + 4 * (3 + extra.length));
    body[0] = kind;
    Buffer.from(p.officeId.replace(/-/g, ''), 'hex').copy(body, 1);
    Buffer.from(p.serviceId.replace(/-/g, ''), 'hex').copy(body, 17);
    const ints = [Date.parse(`${p.date}T00:00:00Z`) / DAY_MS, p.epoch, p.number, ...extra];
    ints.forEach((n, i) => body.writeUInt32BE(n >>> 0, 33 + 4 * i));
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  private read(kind: number, token: string, extraCount: number): { pass: Pass; extra: number[] } | null {
    if (typeof token !== 'string' || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    const bodyLength = 1 + 16 + 16 + 4 * (3 + extraCount);
    if (raw.length !== bodyLength + MAC_BYTES || raw[0] !== kind) return null;
    const body = raw.subarray(0, bodyLength);
    if (!timingSafeEqual(raw.subarray(bodyLength), this.mac(body))) return null;
    const ints = Array.from({ length: 3 + extraCount }, (_, i) => body.readUInt32BE(33 + 4 * i));
    return {
      pass: {
        officeId: uuidOf(body.subarray(1, 17)),
        serviceId: uuidOf(body.subarray(17, 33)),
        date: new Date(ints[0]! * DAY_MS).toISOString().slice(0, 10),
        epoch: ints[1]!,
        number: ints[2]!,
      },
      extra: ints.slice(3),
    };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
