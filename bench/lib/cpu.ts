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
 * The CPU each side spends per operation while a load runs: the API process (several replicas:
 * their sum), the database server and this load generator (which is the client of a raw
 * baseline: `apiPid` null). Where the time of an operation goes, in milliseconds of CPU, tells a
 * saturated API from a database that works too hard (a sort of the whole queue, a statement that
 * takes longer to plan than to run), which latencies alone do not.
 */
export async function cpuPerOperation<T>(
  apiPid: number | number[] | null,
  operations: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const dbPid = databasePid();
  const apiPids = apiPid === null ? [] : [apiPid].flat();
  const apiCpu = () => (apiPids.length ? sumOrNull(apiPids.map(cpuMsOf)) : null);
  const before = { api: apiCpu(), db: dbPid ? cpuMsOf(dbPid) : null, self: process.cpuUsage() };
  const result = await work();
  const self = process.cpuUsage(before.self);
  const per = (ms: number) => Math.round((ms / operations) * 1000) / 1000;
  const cpu: Record<string, number> = { loadGeneratorCpuMsPerOp: per((self.user + self.system) / 1000) };
  const api = apiCpu();
  if (api !== null && before.api !== null) cpu.apiCpuMsPerOp = per(api - before.api);
  const db = dbPid ? cpuMsOf(dbPid) : null;
  if (db !== null && before.db !== null) cpu.databaseCpuMsPerOp = per(db - before.db);
  return { result, cpu };
}

const sumOrNull = (values: (number | null)[]): number | null => (values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0));

/** The median of each figure over rounds. */
export function medianOf(rounds: Record<string, number>[]): Record<string, number> {
  return Object.fromEntries(Object.keys(rounds[0] ?? {}).map((k) => [k, median(rounds.map((r) => r[k]))]));
}

/** `loadGeneratorCpuMsPerOp` → `rawLoadGeneratorCpuMsPerOp`. */
export function prefixed(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]));
}

/**
 * The machine's TCP counters that tell a connection kept waiting by the kernel (Linux
 * /proc/net/netstat; null elsewhere): connections dropped because a listener's accept queue was
 * full, and SYNs sent again for them (after 1 s, then 2, 4, 8 s: latencies of whole seconds that
 * no server code shows). Machine-wide: whatever else runs meanwhile counts too.
 */
export function tcpCounters(): { listenOverflows: number; synRetransmits: number } | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('TcpExt:'));
    const names = lines[at].split(/\s+/);
    const values = lines[at + 1].split(/\s+/).map(Number);
    const get = (name: string) => values[names.indexOf(name)] ?? 0;
    return { listenOverflows: get('ListenOverflows'), synRetransmits: get('TCPSynRetrans') };
  } catch {
    return null;
  }
}
