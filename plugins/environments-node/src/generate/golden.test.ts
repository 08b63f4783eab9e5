import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { estimateSpec } from '../estimate';
import {
  azureCases,
  type Case,
  generateCase,
  PRICING_DAY,
  variations,
} from './__testUtils__/fixtures';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

/**
 * The safety net of refactors: every reference stack and every variation generates exactly the
 * committed repo under `__golden__/<case>/` (same file names, byte-identical content, `cost.json`
 * included), and `estimateSpec` (the path of the CLI, the endpoint and the action) prices it to
 * the same `cost.json`.
 *
 * When generation is meant to change, rewrite the golden repos and review their diff:
 *   TERRACE_UPDATE_GOLDEN=1 yarn backstage-cli package test src/generate/golden
 */
const GOLDEN = path.join(__dirname, '__golden__');
const UPDATE = process.env.TERRACE_UPDATE_GOLDEN === '1';

/** The in-repo copy of the reference stacks, so the golden files never depend on the machine. */
function inRepoReferenceStacks(): Case[] {
  const dir = path.resolve(
    __dirname,
    '../../../environments-common/src/spec/__fixtures__',
  );
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f => ({
      name: f.replace(/\.yaml$/, ''),
      spec: parse(fs.readFileSync(path.join(dir, f), 'utf8')),
    }));
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : [`${prefix}${e.name}`],
    )
    .sort();
}

const cases: Case[] = [
  ...inRepoReferenceStacks(),
  ...variations(),
  ...azureCases(),
];
/**
 * The cases whose cloud is priced (Azure's catalog prices no region completely yet, so no cost.json:
 * the README names what its region lacks; `estimate/azure/price.test.ts` prices them over a
 * refreshed catalog).
 */
const priced = cases.filter(
  c => (c.spec as { spec: { cloud: string } }).spec.cloud !== 'azure',
);

describe('generated repos match the committed golden repos', () => {
  it.each(cases.map(c => [c.name, c] as const))(
    '%s: same files, same bytes',
    async (name, c) => {
      const files = await generateCase(c);
      const dir = path.join(GOLDEN, name);
      if (UPDATE) {
        fs.rmSync(dir, { recursive: true, force: true });
        for (const [file, content] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), content);
        }
      }
      expect(Object.keys(files).sort()).toEqual(listFiles(dir));
      for (const [file, content] of Object.entries(files)) {
        // One expectation per file, so a failure names the file that changed.
        expect({ file, content }).toEqual({
          file,
          content: fs.readFileSync(path.join(dir, file), 'utf8'),
        });
      }
    },
  );

  it.each(priced.map(c => [c.name, c] as const))(
    '%s: estimateSpec prices it to the golden cost.json',
    (name, c) => {
      const result = estimateSpec(c.spec, { today: PRICING_DAY });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(`${JSON.stringify(result.estimate, null, 2)}\n`).toBe(
        fs.readFileSync(path.join(GOLDEN, name, 'cost.json'), 'utf8'),
      );
    },
  );
});
