import { readFileSync, readdirSync } from 'node:fs';
import { median } from './measure';

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. */
function cpuMsOf(pid: number): number | null {
  try {
    // Fields after the command name: utime is the 12th, stime the 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The local MariaDB (or MySQL) server's pid, when it runs on this machine (from /proc; null elsewhere). */
export function databasePid(): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (['mariadbd', 'mysqld'].includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
      } catch {
        /* the process ended meanwhile */
      }
    }
  } catch {
    /* no /proc */
  }
  return null;
}

/**
 * The CPU each side spends per operation while a load runs: the API process, the database server
 * and this load generator (which is the client of a raw baseline: `apiPid` null). Where the time of an operation goes, in milliseconds of CPU, tells a
 * saturated API from a database that works too hard (a sort of the whole queue, a statement that
 * takes longer to plan than to run), which latencies alone do not.
 */
export async function cpuPerOperation<T>(
  apiPid: number | null,
  operations: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const dbPid = databasePid();
  const before = { api: apiPid ? cpuMsOf(apiPid) : null, db: dbPid ? cpuMsOf(dbPid) : null, self: process.cpuUsage() };
  const result = await work();
  const self = process.cpuUsage(before.self);
  const per = (ms: number) => Math.round((ms / operations) * 1000) / 1000;
  const cpu: Record<string, number> = { loadGeneratorCpuMsPerOp: per((self.user + self.system) / 1000) };
  const api = apiPid ? cpuMsOf(apiPid) : null;
  if (api !== null && before.api !== null) cpu.apiCpuMsPerOp = per(api - before.api);
  const db = dbPid ? cpuMsOf(dbPid) : null;
  if (db !== null && before.db !== null) cpu.databaseCpuMsPerOp = per(db - before.db);
  return { result, cpu };
}

/** The median of each figure over rounds. */
export function medianOf(rounds: Record<string, number>[]): Record<string, number> {
  return Object.fromEntries(Object.keys(rounds[0] ?? {}).map((k) => [k, median(rounds.map((r) => r[k]))]));
}

/** `loadGeneratorCpuMsPerOp` → `rawLoadGeneratorCpuMsPerOp`. */
export function prefixed(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]));
}
