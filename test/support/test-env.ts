import { randomBytes } from 'node:crypto';

/** Which database a test run targets: `TEST_DB=mysql` (default) or `TEST_DB=sqlite`. */
export const TEST_DB = (process.env.TEST_DB ?? 'mysql') as 'mysql' | 'sqlite';
export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/gtest_int';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis prefix of one's own, so tests never see each other's sequences, queues or events. */
export const uniquePrefix = (name: string) => `gtest:${name}:${randomBytes(4).toString('hex')}:`;
