// Builds the three browser apps (kiosk, hall display, counter console) into dist/ui/<app>.
// The API server serves each folder under its base path, with index.html as SPA fallback.
import { build } from 'vite';
import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const apps = [
  { name: 'kiosk', dir: 'kiosk-ui', base: '/kiosk/' },
  // audio/: the recorded Indonesian words of a call (scripts/voice-clips.mjs), served as /display/audio/...
  { name: 'display', dir: 'display-ui', base: '/display/', copy: ['audio'] },
  { name: 'counter', dir: 'counter-ui', base: '/counter/' },
];

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = only.length ? apps.filter((app) => only.includes(app.name)) : apps;
if (only.length && selected.length !== only.length) {
  console.error(`Unknown app in ${only.join(', ')}; expected ${apps.map((a) => a.name).join(', ')}`);
  process.exit(1);
}

for (const app of selected) {
  await build({
    configFile: false,
    root: resolve(repoRoot, app.dir),
    base: app.base,
    logLevel: 'info',
    resolve: {
      alias: { '@giliran/contracts': resolve(repoRoot, 'libs/contracts/src/index.ts') },
    },
    build: {
      outDir: resolve(repoRoot, 'dist/ui', app.name),
      emptyOutDir: true,
      // Citizens' phones are often a few years old: stay on syntax their browsers know.
      target: ['es2020', 'chrome87', 'safari14', 'firefox78', 'edge88'],
      cssTarget: ['chrome87', 'safari14', 'firefox78', 'edge88'],
      sourcemap: false,
      reportCompressedSize: true,
    },
  });
  for (const dir of app.copy ?? []) cpSync(resolve(repoRoot, app.dir, dir), resolve(repoRoot, 'dist/ui', app.name, dir), { recursive: true });
}

// The tracking page's service worker (Web Push), at a fixed path: /kiosk/sw.js. One classic script
// with nothing to import, built after the kiosk (whose build empties the folder).
if (selected.some((app) => app.name === 'kiosk')) {
  await build({
    configFile: false,
    root: resolve(repoRoot, 'kiosk-ui'),
    logLevel: 'info',
    publicDir: false,
    build: {
      outDir: resolve(repoRoot, 'dist/ui/kiosk'),
      emptyOutDir: false,
      target: ['es2020', 'chrome87', 'safari14', 'firefox78', 'edge88'],
      lib: { entry: resolve(repoRoot, 'kiosk-ui/src/sw.ts'), formats: ['iife'], name: 'giliranServiceWorker', fileName: () => 'sw.js' },
      sourcemap: false,
      reportCompressedSize: true,
    },
  });
}
