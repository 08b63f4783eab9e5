import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAndValidateSpec, loadSpecFile, validateSpec } from './load';
import { parseSpecYaml } from './parse';

/** The reference stacks, kept in the common package's fixtures. */
const STACKS_DIR = path.resolve(
  __dirname,
  '../../../environments-common/src/spec/__fixtures__',
);

describe('loadSpecFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-load-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads and parses a file', async () => {
    const result = await loadSpecFile(
      path.join(STACKS_DIR, 'mve-production.yaml'),
    );
    expect(result.ok && (result.raw as any).metadata.name).toBe(
      'mve-production',
    );
  });

  it('reports a missing file and a directory without throwing', async () => {
    const missing = path.join(dir, 'nope.yaml');
    expect(await loadSpecFile(missing)).toEqual({
      ok: false,
      problems: [{ path: missing, message: 'does not exist' }],
    });
    expect(await loadSpecFile(dir)).toEqual({
      ok: false,
      problems: [{ path: dir, message: 'is not a file' }],
    });
  });

  it('locates syntax errors in the named file', async () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'kind: Environment\nspec: {cloud: aws\n');
    const result = await loadSpecFile(file);
    expect(result.ok ? [] : result.problems[0].path).toMatch(
      /^broken\.yaml:\d+:\d+$/,
    );
  });
});

describe('validateSpec with the price catalog', () => {
  it.each(['aussie-markets-staging', 'mve-production'])(
    'accepts the reference stack %s',
    async name => {
      const result = await loadAndValidateSpec(
        path.join(STACKS_DIR, `${name}.yaml`),
      );
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  it('refuses a size the catalog does not price', async () => {
    const text = fs
      .readFileSync(
        path.join(STACKS_DIR, 'aussie-markets-staging.yaml'),
        'utf8',
      )
      .replace('size: db.t3.micro', 'size: db.t9.huge');
    const parsed = parseSpecYaml(text);
    const result = validateSpec(parsed.ok && parsed.raw);
    expect(
      result.ok ? [] : result.problems.map(p => `${p.path}: ${p.message}`),
    ).toEqual([
      expect.stringMatching(
        /^spec\.components\[0\]\.size: "db\.t9\.huge" is not a known aws postgres size in ap-southeast-2 \(known: /,
      ),
    ]);
  });

  it('accepts a region the catalog has no prices for, with a warning at spec.region', async () => {
    const text = fs
      .readFileSync(
        path.join(STACKS_DIR, 'aussie-markets-staging.yaml'),
        'utf8',
      )
      .replace('region: ap-southeast-2', 'region: af-south-1');
    const parsed = parseSpecYaml(text);
    const result = validateSpec(parsed.ok && parsed.raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect((result.warnings ?? []).map(p => p.path)).toEqual(['spec.region']);
  });
});
