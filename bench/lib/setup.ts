import mysql from 'mysql2/promise';
import { type AppProcess, freshEnvironment, seedOffice, startApp } from '../../test/support/app-process';
import { api } from './http';
import { MYSQL_URL } from '../../test/support/test-env';

export { api, seedOffice };

/** A Giliran API process on MySQL with its own database and Redis prefix, rate limit off. */
export async function giliranOnMysql(name: string, extra: Record<string, string> = {}): Promise<AppProcess> {
  return startBenchApp(name, { ...(await freshEnvironment(`bench_${name}`, 'mysql')), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...extra });
}

/**
 * `count` API replicas sharing one fresh MySQL database and Redis prefix (as behind a load
 * balancer), rate limit off. Started one after the other: the first one runs the migrations.
 */
export async function replicasOnMysql(name: string, count: number, extra: Record<string, string> = {}): Promise<AppProcess[]> {
  const env = { ...(await freshEnvironment(`bench_${name}`, 'mysql')), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...extra };
  const replicas: AppProcess[] = [];
  try {
    for (let r = 0; r < count; r++) replicas.push(await startBenchApp(`${name}-${r + 1}`, env));
  } catch (err) {
    await Promise.all(replicas.map((a) => a.stop()));
    throw err;
  }
  return replicas;
}

function startBenchApp(name: string, env: Record<string, string>): Promise<AppProcess> {
  // BENCH_PROFILE=<dir>: the API writes a V8 CPU profile there when it stops (docs/benchmarks.md).
  const nodeArgs = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  return startApp({ env, timeoutMs: 60_000, nodeArgs });
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
