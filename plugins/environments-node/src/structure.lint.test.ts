import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const run = promisify(execFile);

/**
 * Proves the structure rules of scripts/eslint/structure.js: each package's own ESLint config
 * (its .eslintrc.js, as `yarn lint` uses it) reports a forbidden import and an import cycle.
 */
const plugins = path.resolve(__dirname, '../..');

/** The rules of scripts/eslint/structure.js (other rules may report the same line too). */
const STRUCTURE_RULES = [
  'no-restricted-imports',
  'import/no-restricted-paths',
  'import/no-cycle',
];

/**
 * Lints `code` as if it were `file` of package `pkg`, with ESLint in a child process (the
 * frontend's accessibility rules load axe-core, which does not load inside a jest sandbox).
 */
async function ruleIds(pkg: string, file: string, code: string) {
  const script = `
    const { ESLint } = require('eslint');
    const [cwd, filePath, code] = JSON.parse(process.argv[1]);
    new ESLint({ cwd }).lintText(code, { filePath }).then(
      ([result]) => process.stdout.write(JSON.stringify(result.messages)),
      error => { console.error(error); process.exit(1); },
    );`;
  const cwd = path.join(plugins, pkg);
  const { stdout } = await run(
    process.execPath,
    ['-e', script, JSON.stringify([cwd, path.join(cwd, file), code])],
    { cwd },
  );
  const messages: Array<{ ruleId: string | null; message: string }> =
    JSON.parse(stdout);
  return messages
    .filter(m => STRUCTURE_RULES.includes(m.ruleId ?? ''))
    .map(m => `${m.ruleId}: ${m.message}`);
}

describe('the package structure is held by lint', () => {
  jest.setTimeout(120_000);

  it('common may import neither Node nor another package of the suite', async () => {
    const messages = await ruleIds(
      'environments-common',
      'src/spec/lintProof.ts',
      "import fs from 'node:fs';\nimport { estimateSpec } from '@terrace/plugin-environments-node';\n\nexport const x = [fs, estimateSpec];\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*node:fs/),
      expect.stringMatching(
        /^no-restricted-imports: .*@terrace\/plugin-environments-node/,
      ),
    ]);
  });

  it('the frontend and the node library import only common of the suite', async () => {
    const code =
      "import { estimateSpec } from '@terrace/plugin-environments-node';\nimport { tierPolicy } from '@terrace/plugin-environments-common';\n\nexport const x = [estimateSpec, tierPolicy];\n";
    expect(await ruleIds('environments', 'src/lintProof.ts', code)).toEqual([
      expect.stringMatching(
        /^no-restricted-imports: .*@terrace\/plugin-environments-node/,
      ),
    ]);
    expect(
      await ruleIds(
        'environments-node',
        'src/lintProof.ts',
        code.replace('plugin-environments-node', 'plugin-environments-backend'),
      ),
    ).toEqual([
      expect.stringMatching(
        /^no-restricted-imports: .*@terrace\/plugin-environments-backend/,
      ),
    ]);
  });

  it('status readers never import the status service', async () => {
    const messages = await ruleIds(
      'environments-backend',
      'src/readers/aws/lintProof.ts',
      "import type { EnvironmentStatusService } from '../../service/types';\n\nexport type X = EnvironmentStatusService;\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^import\/no-restricted-paths: .*never import the service/,
      ),
    ]);
  });

  it("the backend's neutral code never imports one cloud's readers; that cloud's tests may", async () => {
    const backend = path.join(plugins, 'environments-backend');
    const code =
      "import { costPeriods } from '../readers/aws/cost';\n\nexport const x = costPeriods;\n";
    const files = ['src/service/lintProof.ts', 'src/service/lintProof.test.ts'];
    // on disk while linted: import/no-cycle follows the file's own imports
    files.forEach(f => fs.writeFileSync(path.join(backend, f), code));
    try {
      expect(await ruleIds('environments-backend', files[0], code)).toEqual([
        expect.stringMatching(
          /^import\/no-restricted-paths: .*never imports one cloud's readers/,
        ),
      ]);
      expect(await ruleIds('environments-backend', files[1], code)).toEqual([]);
    } finally {
      files.forEach(f => fs.rmSync(path.join(backend, f), { force: true }));
    }
  });

  it('an import cycle is reported', async () => {
    const dir = fs.mkdtempSync(path.join(__dirname, 'lintProof-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.ts'),
        "import { b } from './b';\n\nexport const a = () => b;\n",
      );
      fs.writeFileSync(
        path.join(dir, 'b.ts'),
        "import { a } from './a';\n\nexport const b = () => a;\n",
      );
      const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });
      const [result] = await eslint.lintFiles([path.join(dir, 'a.ts')]);
      expect(result.messages.map(m => m.ruleId)).toEqual(['import/no-cycle']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
