// Compiles apps/ and libs/ to dist/ (CommonJS; Node 20.19+ loads the ESM-only NestJS 12 through
// require(esm)), rewrites the @giliran/* path aliases, and adds short entry points
// dist/apps/api/main.js and dist/apps/worker/main.js.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const run = (bin, args) => execFileSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
run('node_modules/tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.build.json']);
for (const app of ['api', 'worker']) writeFileSync(`dist/apps/${app}/main.js`, "require('./src/main.js');\n");
