import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES } from '../../../ui-shared/error-messages';
import { ErrorCode } from './errors';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('spec.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  const registry = new Set<string>(Object.values(ErrorCode));

  it('the registry holds every code the server can answer with', () => {
    const thrown = new Set<string>();
    for (const file of [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:DomainError|fail)\(\s*'([A-Z_]+)'/g)) thrown.add(m[1]);
    }
    expect(thrown.size).toBeGreaterThan(20);
    expect([...thrown].filter((code) => !registry.has(code)).sort()).toEqual([]);
  });

  it('every code has its words in Indonesian and in English, and they differ', () => {
    for (const code of registry) {
      const words = (ERROR_MESSAGES as Record<string, { id: string; en: string }>)[code];
      expect({ code, id: Boolean(words?.id.trim()), en: Boolean(words?.en.trim()) }).toEqual({ code, id: true, en: true });
      expect({ code, same: words.id === words.en }).toEqual({ code, same: false });
    }
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...registry].sort());
  });
});
