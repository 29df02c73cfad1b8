import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a random IV per value (`v1:<iv>:<tag>:<data>`, base64url),
 * and a keyed hash (HMAC-SHA256) for look-ups and uniqueness, with keys derived from PII_KEY so the
 * hash key is never the encryption key.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(piiKey: string) {
    const master = /^[0-9a-fA-F]{64}$/.test(piiKey) ? Buffer.from(piiKey, 'hex') : Buffer.from(piiKey, 'base64');
    if (master.length !== 32) throw new RangeError('PII key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'giliran pii encryption v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'giliran pii lookup v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic: the same input gives the same hash, for look-ups; useless without the key. */
  hash(value: string): string {
    return createHmac('sha256', this.macKey).update(value).digest('hex');
  }
}
