import { createECDH, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string };

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  /** As given; when absent the embedded default decides (see @giliran/infra resolveRedis). */
  redisUrl: string | undefined;
  redisPrefix: string;
  adminUsername: string;
  adminPassword: string | undefined;
  jwtSecret: string;
  jwtTtlSeconds: number;
  piiKey: string;
  worker: 'inline' | 'off';
  rateLimitPerMinute: number;
  /** The difficulty of the waiting room's proof of work (the largest number a challenge hides); 0: no challenge. */
  challengeMaxNumber: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logJson: boolean;
  varDir: string;
  uiDir: string;
  /** Default reminder offsets before a slot (minutes), unless an office sets its own. */
  reminderOffsetsMinutes: number[];
  notifyAttempts: number;
  notifyRetryDelayMs: number;
  notifyClaimTimeoutMs: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  webhookSecret: string;
  retentionDays: number;
  /** Where citizens reach the booking site, for links in messages (e.g. https://antrean.example.go.id). */
  publicUrl: string | undefined;
  /** Webhooks to loopback and private addresses allowed (a gateway in the office network, a test sink). */
  allowPrivateWebhooks: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe: a hop count, or addresses and CIDR ranges. The
   * client address decides rate limits and login throttling.
   */
  trustProxy: number | string[];
  /** Origins allowed for browser calls and sockets from other sites; empty: this site only. */
  corsOrigins: string[];
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** `frame-ancestors` of the hall display (a signage player may frame it); `'none'` by default. */
  displayFrameAncestors: string;
  /** Web Push (VAPID, RFC 8292): the key pair the browsers' push services know this server by. */
  vapid: VapidConfig;
  /** Push endpoints on http://localhost and loopback addresses accepted (tests, a local push service). */
  pushAllowLocal: boolean;
}

export interface VapidConfig {
  /** The uncompressed P-256 public key, base64url (65 bytes): what `GET /push/key` answers. */
  publicKey: string;
  /** The private scalar, base64url (32 bytes). */
  privateKey: string;
  /** `mailto:` or `https:`: whom a push service may contact about this sender. */
  subject: string;
}

export class ConfigError extends Error {}

const intInRange = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const envSchema = z.object({
  PORT: intInRange(1, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/.+/.test(v) || /^mariadb:\/\/.+/.test(v), 'must be sqlite:<path> or mysql://user:password@host:port/db')
    .default('sqlite:var/giliran.sqlite'),
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\/.+/.test(v), 'must be redis://host:port[/db] or rediss://…')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,40}$/, 'must be 1–40 of A-Z a-z 0-9 : _ . -')
    .default('giliran:'),
  ADMIN_USERNAME: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3–64 of a-z 0-9 . _ -')
    .default('admin'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(128).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: intInRange(60, 7 * 24 * 3600).default(12 * 3600),
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  WORKER: z.enum(['inline', 'off']).default('inline'),
  RATE_LIMIT_PER_MINUTE: intInRange(0, 1_000_000).default(30),
  CHALLENGE_MAX_NUMBER: intInRange(0, 100_000_000).default(100_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  GILIRAN_VAR_DIR: z.string().default('var'),
  REMINDER_OFFSETS_MINUTES: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5}){0,4}$/, 'must be up to 5 comma-separated minute counts, e.g. 1440,120')
    .default('1440,120'),
  NOTIFY_ATTEMPTS: intInRange(1, 20).default(5),
  NOTIFY_RETRY_DELAY_MS: intInRange(10, 3_600_000).default(10_000),
  NOTIFY_CLAIM_TIMEOUT_MS: intInRange(100, 3_600_000).default(60_000),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), 'must be smtp://user:password@host:port or smtps://…')
    .optional(),
  SMTP_FROM: z.string().min(3).max(200).default('Giliran <no-reply@localhost>'),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RETENTION_DAYS: intInRange(1, 3650).default(90),
  PUBLIC_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL')
    .optional(),
  GILIRAN_UI_DIR: z.string().optional(),
  ALLOW_PRIVATE_WEBHOOKS: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => /^\d{1,2}$/.test(v) || v.split(',').every((part) => isIpOrCidr(part.trim())),
      'must be a hop count (1) or addresses and CIDR ranges (10.0.0.0/8,192.168.1.5)',
    )
    .default('loopback'),
  CORS_ORIGINS: z
    .string()
    .trim()
    .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), 'must be origins like https://antrean.example.go.id, comma-separated')
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  DISPLAY_FRAME_ANCESTORS: z
    .string()
    .trim()
    .refine(
      (v) => v === "'none'" || v === "'self'" || v.split(/\s+/).every((o) => /^(https?:\/\/[^/\s]+|'self')$/.test(o)),
      "must be 'none', 'self' or origins separated by spaces",
    )
    .default("'none'"),
  VAPID_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(/^B[A-Za-z0-9_-]{86}$/, 'must be an uncompressed P-256 public key, 65 bytes in base64url (npx web-push generate-vapid-keys)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, 32 bytes in base64url')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .trim()
    .max(200)
    .refine((v) => /^mailto:[^@\s]+@[^@\s]+$/.test(v) || /^https:\/\/[^/\s]+/.test(v), 'must be mailto:someone@example.go.id or an https: URL')
    .optional(),
  PUSH_ALLOW_LOCAL: z.enum(['true', 'false']).default('false'),
});

/** An IPv4/IPv6 address or CIDR range, or a name proxy-addr knows (loopback, linklocal, uniquelocal). */
function isIpOrCidr(v: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(v)) return true;
  const [ip, bits, ...rest] = v.split('/');
  if (rest.length || !ip) return false;
  const v4 = /^(\d{1,3})(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255);
  const v6 = /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':');
  if (!v4 && !v6) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
}

function parseDatabaseUrl(url: string, root: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return { type: 'sqlite', path: path === ':memory:' ? path : isAbsolute(path) ? path : resolve(root, path) };
  }
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!u.hostname || !database) throw new ConfigError('DATABASE_URL: a mysql URL needs a host and a database name');
  return {
    type: 'mysql',
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database,
  };
}

/**
 * A secret the operator did not set: generated once and kept in var/, so a restart of the
 * embedded default keeps logins and encrypted data readable. Multi-replica deployments set them.
 */
function persistedSecret(varDir: string, name: string, bytes: number): string {
  const file = join(varDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString('hex');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

/**
 * The VAPID key pair: both from the environment (checked to belong together), or, with neither set,
 * generated once into var/secrets/ like the other secrets, so the embedded default needs no
 * configuration and browsers' subscriptions survive a restart. Replicas must share one pair (a
 * subscription is bound to the public key it was made with): production sets both variables.
 */
function vapidKeys(publicKey: string | undefined, privateKey: string | undefined, varDir: string): { publicKey: string; privateKey: string } {
  if (publicKey === undefined && privateKey === undefined) {
    const file = join(varDir, 'secrets', 'vapid.json');
    if (existsSync(file)) {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
      if (typeof kept.publicKey !== 'string' || typeof kept.privateKey !== 'string')
        throw new ConfigError(`${file}: not a VAPID key pair; remove it to generate a new one`);
      return { publicKey: kept.publicKey, privateKey: kept.privateKey };
    }
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    // A private scalar with leading zero bytes comes back shorter: VAPID wants all 32.
    const keys = {
      publicKey: ecdh.getPublicKey('base64url'),
      privateKey: Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()])
        .subarray(-32)
        .toString('base64url'),
    };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    return keys;
  }
  if (publicKey === undefined || privateKey === undefined)
    throw new ConfigError(
      `Invalid configuration:\n  ${publicKey === undefined ? 'VAPID_PUBLIC_KEY' : 'VAPID_PRIVATE_KEY'}: set with ${publicKey === undefined ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'}, or neither`,
    );
  let derived: string;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    derived = ecdh.getPublicKey('base64url');
  } catch {
    throw new ConfigError('Invalid configuration:\n  VAPID_PRIVATE_KEY: not a valid P-256 private key');
  }
  if (derived !== publicKey) throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY: does not belong to VAPID_PRIVATE_KEY');
  return { publicKey, privateKey };
}

/** Parses and validates the environment once; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const varDir = isAbsolute(e.GILIRAN_VAR_DIR) ? e.GILIRAN_VAR_DIR : resolve(root, e.GILIRAN_VAR_DIR);
  let database: DatabaseConfig;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL, root);
  } catch (err) {
    throw new ConfigError(err instanceof ConfigError ? err.message : 'DATABASE_URL: not a valid URL');
  }
  return {
    port: e.PORT,
    database,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET ?? persistedSecret(varDir, 'jwt-secret', 32),
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    piiKey: e.PII_KEY ?? persistedSecret(varDir, 'pii-key', 32),
    worker: e.WORKER,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    challengeMaxNumber: e.CHALLENGE_MAX_NUMBER,
    logLevel: e.LOG_LEVEL,
    logJson: e.LOG_FORMAT === 'json',
    varDir,
    uiDir: e.GILIRAN_UI_DIR ? resolve(root, e.GILIRAN_UI_DIR) : resolve(root, 'dist/ui'),
    reminderOffsetsMinutes: [...new Set(e.REMINDER_OFFSETS_MINUTES.split(',').map(Number))].sort((a, b) => b - a),
    notifyAttempts: e.NOTIFY_ATTEMPTS,
    notifyRetryDelayMs: e.NOTIFY_RETRY_DELAY_MS,
    notifyClaimTimeoutMs: e.NOTIFY_CLAIM_TIMEOUT_MS,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    webhookSecret: e.WEBHOOK_SECRET ?? persistedSecret(varDir, 'webhook-secret', 32),
    retentionDays: e.RETENTION_DAYS,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowPrivateWebhooks: e.ALLOW_PRIVATE_WEBHOOKS === 'true',
    trustProxy: /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY.split(',').map((p) => p.trim()),
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')) : [],
    metricsToken: e.METRICS_TOKEN,
    displayFrameAncestors: e.DISPLAY_FRAME_ANCESTORS,
    vapid: {
      ...vapidKeys(e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, varDir),
      // Apple's push service refuses a localhost subject: production sets VAPID_SUBJECT (or an https PUBLIC_URL).
      subject: e.VAPID_SUBJECT ?? (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL.replace(/\/$/, '') : 'mailto:no-reply@localhost'),
    },
    pushAllowLocal: e.PUSH_ALLOW_LOCAL === 'true',
  };
}
