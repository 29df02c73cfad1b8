import { createECDH } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const varDir = () => mkdtempSync(join(tmpdir(), 'giliran-vapid-'));

function keyPair(): { VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // A scalar with a leading zero byte (1 in 256) comes back shorter: VAPID, like the config, wants all 32.
  const privateKey = Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()]).subarray(-32);
  return { VAPID_PUBLIC_KEY: ecdh.getPublicKey('base64url'), VAPID_PRIVATE_KEY: privateKey.toString('base64url') };
}

describe('Web Push (VAPID) configuration', () => {
  it('generates a key pair once into var/secrets/ and keeps it across restarts', () => {
    const dir = varDir();
    const a = loadConfig({ GILIRAN_VAR_DIR: dir }).vapid;
    const b = loadConfig({ GILIRAN_VAR_DIR: dir }).vapid;
    expect(b).toEqual(a);
    expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(a.privateKey, 'base64url')).toHaveLength(32);
    // The pair belongs together.
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(a.privateKey, 'base64url'));
    expect(ecdh.getPublicKey('base64url')).toBe(a.publicKey);
    expect(statSync(join(dir, 'secrets', 'vapid.json')).mode & 0o077).toBe(0);
    expect(loadConfig({ GILIRAN_VAR_DIR: varDir() }).vapid.publicKey).not.toBe(a.publicKey);
    expect(a.subject).toMatch(/^mailto:/);
  });

  it('takes the key pair and subject from the environment (replicas share them)', () => {
    const keys = keyPair();
    const c = loadConfig({ ...keys, VAPID_SUBJECT: 'mailto:antrean@example.go.id', GILIRAN_VAR_DIR: varDir() });
    expect(c.vapid).toEqual({ publicKey: keys.VAPID_PUBLIC_KEY, privateKey: keys.VAPID_PRIVATE_KEY, subject: 'mailto:antrean@example.go.id' });
    expect(loadConfig({ ...keys, PUBLIC_URL: 'https://antrean.example.go.id/', GILIRAN_VAR_DIR: varDir() }).vapid.subject).toBe(
      'https://antrean.example.go.id',
    );
    expect(loadConfig({ GILIRAN_VAR_DIR: varDir() }).pushAllowLocal).toBe(false);
    expect(loadConfig({ PUSH_ALLOW_LOCAL: 'true', GILIRAN_VAR_DIR: varDir() }).pushAllowLocal).toBe(true);
  });

  it.each([
    ['VAPID_PUBLIC_KEY', { VAPID_PUBLIC_KEY: 'not-a-key', VAPID_PRIVATE_KEY: keyPair().VAPID_PRIVATE_KEY }],
    ['VAPID_PRIVATE_KEY', { VAPID_PUBLIC_KEY: keyPair().VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: 'short' }],
    ['VAPID_PRIVATE_KEY', { VAPID_PUBLIC_KEY: keyPair().VAPID_PUBLIC_KEY }],
    ['VAPID_PUBLIC_KEY', { VAPID_PRIVATE_KEY: keyPair().VAPID_PRIVATE_KEY }],
    // Two valid keys of different pairs.
    ['VAPID_PUBLIC_KEY', { VAPID_PUBLIC_KEY: keyPair().VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: keyPair().VAPID_PRIVATE_KEY }],
    ['VAPID_SUBJECT', { VAPID_SUBJECT: 'http://example.go.id' }],
    ['VAPID_SUBJECT', { VAPID_SUBJECT: 'antrean@example.go.id' }],
    ['PUSH_ALLOW_LOCAL', { PUSH_ALLOW_LOCAL: 'yes' }],
  ])('stops on an invalid %s and names it', (name, env) => {
    const load = () => loadConfig({ ...env, GILIRAN_VAR_DIR: varDir() });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
  });
});
