// npm test: builds what the tests start, then runs every tier — unit once, integration,
// end-to-end, contract and fuzz against MySQL (MariaDB) and SQLite, the browser tests once — and ends with one line
// `tests: N passed, N failed`. Needs MariaDB on 127.0.0.1:3306 (root, no password) and Redis on
// 127.0.0.1:6379 (see README). `npm test -- --only unit,int` runs a subset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : null;
const want = (tier) => !only || only.has(tier);

const runs = [
  { tier: 'unit', project: 'unit', db: 'mysql' },
  { tier: 'int', project: 'int', db: 'mysql' },
  { tier: 'int', project: 'int', db: 'sqlite' },
  { tier: 'e2e', project: 'e2e', db: 'mysql' },
  { tier: 'e2e', project: 'e2e', db: 'sqlite' },
  { tier: 'contract', project: 'contract', db: 'mysql' },
  { tier: 'contract', project: 'contract', db: 'sqlite' },
  { tier: 'fuzz', project: 'fuzz', db: 'mysql' },
  { tier: 'fuzz', project: 'fuzz', db: 'sqlite' },
  { tier: 'browser', project: 'browser', db: 'mysql' },
].filter((r) => want(r.tier));

const outDir = join('test-results', 'jest');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// Databases left by earlier runs (every test database is named gtest_*).
async function dropTestDatabases() {
  const { default: mysql } = await import('mysql2/promise');
  const url = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/gtest_int');
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  const [rows] = await conn.query("SHOW DATABASES LIKE 'gtest\\_%'");
  for (const row of rows) await conn.query(`DROP DATABASE \`${Object.values(row)[0]}\``);
  await conn.end();
}
await dropTestDatabases().catch((err) => console.warn(`could not clean old test databases: ${err.message}`));

// The tiers that start the API as a process (e2e, contract, fuzz, browser) run on a pinned clock:
// 10:00 in Asia/Jakarta on the office's current day, time flowing from there. Tests then do not
// depend on the hour they run (a tier started at 23:59 no longer crosses midnight halfway), and
// every process of the tier (Jest, its workers, the APIs, Chromium) shares the one clock. The pin
// is an offset for libfaketime (`apt-get install faketime`; .ci/run installs it); without it the
// tiers run on the real clock. GILIRAN_TEST_CLOCK=real turns the pin off. Unit and integration
// tests inject their instants themselves. README "Tests" says how to try both around midnight.
const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1'].find((f) => existsSync(f));
const PINNED_TIERS = new Set(['e2e', 'contract', 'fuzz', 'browser']);
const PIN_ZONE_OFFSET_HOURS = 7; // Asia/Jakarta, no daylight saving
const PIN_HOUR = 10;

/** The machine's real clock, even when this script itself runs under libfaketime. */
function realNowSeconds() {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  const out = spawnSync('date', ['+%s.%N'], { env, encoding: 'utf8' });
  const real = Number(out.stdout);
  return Number.isFinite(real) && real > 0 ? real : Date.now() / 1000;
}

function pinnedClock(tier) {
  if (!PINNED_TIERS.has(tier) || process.env.GILIRAN_TEST_CLOCK === 'real') return {};
  if (!LIBFAKETIME) {
    console.warn('libfaketime not found: this tier runs on the real clock (apt-get install faketime)');
    return {};
  }
  // "Today" as this process sees it (under an outer libfaketime: the fake day), 10:00 there.
  const zoneMs = PIN_ZONE_OFFSET_HOURS * 3_600_000;
  const localDay = Math.floor((Date.now() + zoneMs) / 86_400_000) * 86_400_000;
  const target = (localDay + PIN_HOUR * 3_600_000 - zoneMs) / 1000;
  const offset = Math.round(target - realNowSeconds());
  console.log(`clock pinned at ${new Date(target * 1000).toISOString()} (offset ${offset} s)`);
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `${offset >= 0 ? '+' : ''}${offset}`, FAKETIME_DONT_RESET: '1' };
}

let passed = 0;
let failed = 0;
const step = (cmd, argv, env = {}) => spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

if (runs.some((r) => ['e2e', 'contract', 'fuzz', 'browser'].includes(r.tier))) {
  console.log('\n== build');
  if (step(process.execPath, ['scripts/build-server.mjs']) !== 0 || (want('browser') && step(process.execPath, ['scripts/build-ui.mjs']) !== 0)) {
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

// Static checks count as one test each: Jest through SWC does not type-check.
if (want('static')) {
  for (const [name, argv] of [
    ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
    ...['kiosk-ui', 'display-ui', 'counter-ui', 'test/ui'].map((ui) => [`typecheck ${ui}`, ['node_modules/typescript/bin/tsc', '-p', ui, '--noEmit']]),
    ['lint', ['node_modules/eslint/bin/eslint.js', 'apps', 'libs', 'test', 'scripts', 'bench', 'kiosk-ui', 'display-ui', 'counter-ui', 'ui-shared']],
    ['format', ['node_modules/prettier/bin/prettier.cjs', '--check', '.']],
  ]) {
    console.log(`\n== ${name}`);
    if (step(process.execPath, argv) === 0) passed++;
    else failed++;
  }
}

for (const [i, run] of runs.entries()) {
  console.log(`\n== ${run.tier} (${run.db})`);
  const file = join(outDir, `${i}-${run.tier}-${run.db}.json`);
  const status = step(process.execPath, ['node_modules/jest/bin/jest.js', '--selectProjects', run.project, '--json', `--outputFile=${file}`], {
    TEST_DB: run.db,
    ...pinnedClock(run.tier),
  });
  try {
    const result = JSON.parse(readFileSync(file, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
    if (result.numTotalTests === 0) failed += 1; // a tier that ran nothing is a failure, not a pass
  } catch {
    failed += 1;
  }
  if (status !== 0 && failed === 0) failed += 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
