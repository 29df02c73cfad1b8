import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The import graph (issue 15): no app imports another app, no lib imports a lib above it, no
 * cycle between libs, no relative path out of one's own folder. Read from the source text, so a
 * new file is checked the day it is written. Test files may reach further (a test of ticketing
 * may book an appointment) and are left out.
 */
const ROOT = resolve(__dirname, '../..');

/** Bottom first: a lib may import only libs before it. */
const LAYERS = [
  'contracts',
  'config',
  'core',
  'database',
  'infra',
  'auth',
  'audit',
  'realtime',
  'jobs',
  'notifications',
  'offices',
  'ticketing',
  'booking',
  'statistics',
  'insight',
  'assistant',
  'operations',
] as const;

/** Server apps, browser apps, and what each browser app may share. */
const APPS = ['apps/api', 'apps/worker', 'kiosk-ui', 'display-ui', 'counter-ui'];
const UI_SHARED = 'ui-shared';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') out.push(...sources(path));
    } else if (/\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(name)) out.push(path);
  }
  return out;
}

function specifiers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) found.push(m[1] ?? m[2]);
  return found;
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep) || path.startsWith(dir + '/');

/** Where a relative import of `file` lands, relative to the repository root. */
const target = (file: string, spec: string) => relative(ROOT, resolve(ROOT, dirname(file), spec));

describe('the import graph', () => {
  const libs = readdirSync(join(ROOT, 'libs')).filter((d) => statSync(join(ROOT, 'libs', d)).isDirectory());

  it('names every lib in a layer', () => {
    expect([...libs].sort()).toEqual([...LAYERS].sort());
  });

  it('no lib imports a lib above it (which also rules out cycles), nor reaches into another by path', () => {
    const wrong: string[] = [];
    for (const lib of libs) {
      const rank = LAYERS.indexOf(lib as (typeof LAYERS)[number]);
      for (const file of sources(`libs/${lib}/src`))
        for (const spec of specifiers(file)) {
          const used = /^@giliran\/([a-z-]+)$/.exec(spec)?.[1];
          if (used && used !== lib && LAYERS.indexOf(used as (typeof LAYERS)[number]) > rank)
            wrong.push(`${file} imports @giliran/${used}, a lib above ${lib}`);
          if (used === lib) wrong.push(`${file} imports its own lib through @giliran/${lib}`);
          if (spec.startsWith('@giliran/') && !used) wrong.push(`${file} imports ${spec}: a lib is imported through its root`);
          if (spec.startsWith('.') && !inside(target(file, spec), `libs/${lib}`)) wrong.push(`${file} reaches out of its lib: ${spec}`);
        }
    }
    expect(wrong).toEqual([]);
  });

  it('no app imports another app: what two apps share lives in a lib (or ui-shared for the UIs)', () => {
    const wrong: string[] = [];
    for (const app of APPS)
      for (const file of sources(app))
        for (const spec of specifiers(file)) {
          if (!spec.startsWith('.')) continue;
          const to = target(file, spec);
          const allowed = inside(to, app) || (!app.startsWith('apps/') && inside(to, UI_SHARED));
          if (!allowed) wrong.push(`${file} imports ${spec} (${to})`);
        }
    // ui-shared serves every UI and imports none of them.
    for (const file of sources(UI_SHARED))
      for (const spec of specifiers(file)) if (spec.startsWith('.') && !inside(target(file, spec), UI_SHARED)) wrong.push(`${file} imports ${spec}`);
    expect(wrong).toEqual([]);
  });

  it('would see the worker importing the API (the check reads what it should)', () => {
    // The shape of the import this test exists to refuse, as it once was in apps/worker.
    const spec = '../../api/src/app.module';
    expect(inside(target('apps/worker/src/worker.module.ts', spec), 'apps/worker')).toBe(false);
    expect(specifiers('apps/worker/src/worker.module.ts')).toContain('@giliran/operations');
  });

  it('no import cycle between the files of one folder (a UI, ui-shared, a lib, an app)', () => {
    const folders = [...APPS, UI_SHARED, ...libs.map((l) => `libs/${l}`)];
    const cycles: string[] = [];
    for (const folder of folders) {
      const files = new Set(sources(folder));
      const graph = new Map<string, string[]>();
      for (const file of files)
        graph.set(
          file,
          specifiers(file)
            .filter((s) => s.startsWith('.'))
            .map((s) => `${target(file, s)}.ts`)
            .filter((t) => files.has(t)),
        );
      // Depth-first search; a file met again while still on the path closes a cycle.
      const state = new Map<string, 'open' | 'done'>();
      const path: string[] = [];
      const visit = (file: string): void => {
        state.set(file, 'open');
        path.push(file);
        for (const next of graph.get(file) ?? []) {
          if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
          else if (!state.has(next)) visit(next);
        }
        path.pop();
        state.set(file, 'done');
      };
      for (const file of files) if (!state.has(file)) visit(file);
    }
    expect(cycles).toEqual([]);
  });
});
