import { PiiCipher } from './pii';

describe('personal data at rest', () => {
  const cipher = new PiiCipher('a'.repeat(64));

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = cipher.encrypt('3201011505900001');
    const b = cipher.encrypt('3201011505900001');
    expect(a).not.toBe(b);
    expect(a).not.toContain('3201011505900001');
    expect(cipher.decrypt(a)).toBe('3201011505900001');
  });

  it('detects tampering', () => {
    const sealed = cipher.encrypt('Siti Aminah').split(':');
    sealed[3] = sealed[3].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(() => cipher.decrypt(sealed.join(':'))).toThrow();
  });

  it('hashes deterministically under the key, differently under another', () => {
    expect(cipher.hash('3201011505900001')).toBe(cipher.hash('3201011505900001'));
    expect(new PiiCipher('b'.repeat(64)).hash('3201011505900001')).not.toBe(cipher.hash('3201011505900001'));
  });
});
