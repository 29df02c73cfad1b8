import mysql from 'mysql2/promise';
import { type AppProcess, freshEnvironment, seedOffice, startApp } from '../../test/support/app-process';
import { api } from './http';
import { MYSQL_URL } from '../../test/support/test-env';

export { api, seedOffice };

/** A Giliran API process on MySQL with its own database and Redis prefix, rate limit off. */
export async function giliranOnMysql(name: string, extra: Record<string, string> = {}): Promise<AppProcess> {
  // BENCH_PROFILE=<dir>: the API writes a V8 CPU profile there when it stops (docs/benchmarks.md).
  const nodeArgs = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  return startApp({
    env: { ...(await freshEnvironment(`bench_${name}`)), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...extra },
    timeoutMs: 60_000,
    nodeArgs,
  });
}

/** A raw mysql2 pool on a scratch database, for the baselines. */
export async function rawPool(connections: number) {
  const url = new URL(MYSQL_URL);
  const admin = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await admin.query('CREATE DATABASE IF NOT EXISTS gtest_bench_raw');
  await admin.end();
  return mysql.createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: 'gtest_bench_raw',
    connectionLimit: connections,
  });
}
