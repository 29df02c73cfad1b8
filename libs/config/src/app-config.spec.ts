import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const varDir = () => mkdtempSync(join(tmpdir(), 'giliran-config-'));

describe('configuration', () => {
  it('has the defaults of API.md', () => {
    const c = loadConfig({ GILIRAN_VAR_DIR: varDir() }, '/srv/giliran');
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ type: 'sqlite', path: '/srv/giliran/var/giliran.sqlite' });
    expect(c.worker).toBe('inline');
    expect(c.rateLimitPerMinute).toBe(30);
    expect(c.adminUsername).toBe('admin');
    expect(c.redisUrl).toBeUndefined();
  });

  it('parses a mysql URL', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://app:s%40cret@db.local:3307/giliran', GILIRAN_VAR_DIR: varDir() });
    expect(c.database).toEqual({ type: 'mysql', host: 'db.local', port: 3307, username: 'app', password: 's@cret', database: 'giliran' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://x/y'],
    ['REDIS_URL', 'localhost:6379'],
    ['WORKER', 'sometimes'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['JWT_SECRET', 'short'],
    ['PII_KEY', 'not-a-key'],
    ['ADMIN_PASSWORD', 'short'],
  ])('stops on an invalid %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value, GILIRAN_VAR_DIR: varDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value, GILIRAN_VAR_DIR: varDir() })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
  });

  it('keeps generated secrets across restarts of the embedded default', () => {
    const dir = varDir();
    const a = loadConfig({ GILIRAN_VAR_DIR: dir });
    const b = loadConfig({ GILIRAN_VAR_DIR: dir });
    expect(a.jwtSecret).toHaveLength(64);
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(b.piiKey).toBe(a.piiKey);
  });
});
