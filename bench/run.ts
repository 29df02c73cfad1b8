// npm run bench — every scenario runs its raw baseline and Giliran in the same run; results go to
// bench/results/<date>.json and .md. BENCH_SCALE=tiny for a quick smoke run; BENCH_ONLY=a,b to pick.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/support/app-process';
import { analytics } from './scenarios/analytics';
import { assistant } from './scenarios/assistant';
import { board } from './scenarios/board';
import { bookingStorm } from './scenarios/booking-storm';
import { callNext } from './scenarios/call-next';
import { fanOut } from './scenarios/fan-out';
import { history } from './scenarios/history';
import { issuance } from './scenarios/issuance';
import { release } from './scenarios/release';
import { reminders } from './scenarios/reminders';
import type { Scale, ScenarioResult } from './lib/types';

/** The names BENCH_ONLY takes. */
export const SCENARIOS = ['issuance', 'call-next', 'storm', 'fan-out', 'reminders', 'board', 'history', 'release', 'analytics', 'assistant'] as const;

export async function runBench(scale: Scale, only?: Set<string>): Promise<ScenarioResult[]> {
  const unknown = [...(only ?? [])].filter((k) => !(SCENARIOS as readonly string[]).includes(k));
  if (unknown.length) throw new Error(`BENCH_ONLY: no scenario ${unknown.join(', ')} (there are ${SCENARIOS.join(', ')})`);
  const want = (k: (typeof SCENARIOS)[number]) => !only || only.has(k);
  const results: ScenarioResult[] = [];
  if (want('issuance')) results.push(await issuance(scale));
  if (want('call-next')) results.push(await callNext(scale));
  if (want('storm')) results.push(await bookingStorm(scale));
  if (want('fan-out')) {
    const { fan, memory } = await fanOut(scale);
    results.push(fan, memory);
  }
  if (want('reminders')) results.push(await reminders(scale));
  if (want('board')) results.push(...(await board(scale)));
  if (want('history')) results.push(...(await history(scale)));
  if (want('release')) results.push(await release(scale));
  if (want('analytics')) results.push(...(await analytics(scale)));
  if (want('assistant')) results.push(await assistant(scale));
  return results;
}

export function markdown(results: ScenarioResult[], when: string): string {
  const rows = results.map((r) => {
    const u = r.unit ?? 'ms';
    const base = `${r.baseline.what}: ${r.baseline.perSecond ? `${r.baseline.perSecond}/s, ` : ''}p50 ${r.baseline.p50} ${u}, p99 ${r.baseline.p99} ${u}`;
    const ours = `${r.giliran.what}: ${r.giliran.perSecond ? `${r.giliran.perSecond}/s, ` : ''}p50 ${r.giliran.p50} ${u}, p95 ${r.giliran.p95} ${u}, p99 ${r.giliran.p99} ${u}, errors ${r.giliran.errors}`;
    return `| ${r.name} | ${base} | ${ours} | **${r.ratio}** | ${r.target} | ${r.met ? 'yes' : '**no**'} | ${Object.entries(r.checks)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')} |`;
  });
  return [
    `# Giliran benchmark, ${when}`,
    '',
    '| scenario | raw baseline | Giliran | ratio | target | met | checks |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  const scale = (process.env.BENCH_SCALE === 'tiny' ? 'tiny' : 'full') as Scale;
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
  const when = new Date().toISOString().replace(/:/g, '-').slice(0, 19);
  runBench(scale, only).then(
    (results) => {
      const dir = join(ROOT, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const md = markdown(results, when);
      writeFileSync(join(dir, `${when}.json`), JSON.stringify({ when, scale, node: process.version, results }, null, 2));
      writeFileSync(join(dir, `${when}.md`), md);
      console.log(`\n\n${md}\nwritten to bench/results/${when}.json and .md`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
