// npm start: builds what is missing or stale, then runs the API with everything in one process
// (API, socket.io gateway, job processors, the UIs). `--seed-demo` creates the demo office instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.build-stamp';

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(...['apps', 'libs', 'kiosk-ui', 'display-ui', 'counter-ui', 'ui-shared'].map(newest), statSync('package-lock.json').mtimeMs);
const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (built < sources || !existsSync('dist/apps/api/main.js') || !existsSync('dist/ui/kiosk/index.html')) {
  console.log('Building Giliran (first start or sources changed)…');
  for (const script of ['scripts/build-server.mjs', 'scripts/build-ui.mjs']) {
    const { status } = spawnSync(process.execPath, [script], { stdio: 'inherit' });
    if (status !== 0) process.exit(status ?? 1);
  }
  writeFileSync(STAMP, new Date().toISOString());
}

const entry = process.argv.includes('--seed-demo') ? 'dist/apps/api/src/seed-demo.js' : 'dist/apps/api/main.js';
const child = spawn(process.execPath, [entry], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
