import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Issue 15: no class over 300 lines (ESLint has no such rule of its own). */
const giliran = {
  rules: {
    'max-class-lines': {
      meta: {
        type: 'suggestion',
        schema: [{ type: 'integer', minimum: 1 }],
        messages: { long: 'class {{name}} has {{n}} lines (at most {{max}}): split it by what it does' },
      },
      create(context) {
        const max = context.options[0] ?? 300;
        const check = (node) => {
          const n = node.loc.end.line - node.loc.start.line + 1;
          if (n > max) context.report({ node: node.id ?? node, messageId: 'long', data: { name: node.id?.name ?? '(anonymous)', n, max } });
        };
        return { ClassDeclaration: check, ClassExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'test-results/**', 'bench/results/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // STYLE.md 7: libs are imported through their root, never by deep path.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    plugins: { giliran },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@giliran/*/*'], message: 'import a lib through its root: @giliran/<lib>' },
            { group: ['**/libs/*/src/**'], message: 'import a lib through @giliran/<lib>' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Issue 15: a function a reader can hold in their head, and a class that does one thing; the
    // UIs' screens too (state, view and actions in files of their own).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'kiosk-ui/**/*.ts', 'display-ui/**/*.ts', 'counter-ui/**/*.ts', 'ui-shared/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    plugins: { giliran },
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
      'giliran/max-class-lines': ['error', 300],
    },
  },
  {
    // Issue 15: no app imports another app; what they share lives in a lib (libs/operations wires
    // every process). test/architecture/imports.spec.ts checks the whole graph, layers included.
    files: ['apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@giliran/*/*'], message: 'import a lib through its root: @giliran/<lib>' },
            { group: ['**/libs/*/src/**'], message: 'import a lib through @giliran/<lib>' },
            { group: ['../../*/src/**', '**/apps/*/src/**'], message: 'an app never imports another app: share it through a lib' },
          ],
        },
      ],
    },
  },
);
