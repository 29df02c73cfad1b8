// npm run bench: builds the server and the bench, then runs every scenario against MariaDB and
// Redis on this machine (see docs/benchmarks.md). BENCH_SCALE=tiny, BENCH_ONLY=issuance,storm,…
import { execFileSync, spawnSync } from 'node:child_process';

const run = (bin, args) => execFileSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
run('scripts/build-server.mjs', []);
run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.bench.json']);
run('node_modules/tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.bench.json']);
const { status } = spawnSync(process.execPath, ['--max-old-space-size=8192', 'dist/bench-build/bench/run.js'], { stdio: 'inherit' });
process.exit(status ?? 1);
