import fs from 'fs';
import path from 'path';
import { gcpCases, generateGcpCase } from './__testUtils__/cases';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

/**
 * The Google Cloud golden repos: the GCP variant of the aussie-markets-staging reference stack and
 * one variation per tier generate exactly the committed repo under `__golden__/<case>/` (same
 * file names, byte-identical content), `cost.json` where the GCP price catalog prices the
 * region completely (us-central1); elsewhere the README says which prices the region lacks.
 *
 * When generation is meant to change, rewrite them and review the diff:
 *   TERRACE_UPDATE_GOLDEN=1 yarn backstage-cli package test src/generate/gcp/golden
 */
const GOLDEN = path.join(__dirname, '..', '__golden__');
const UPDATE = process.env.TERRACE_UPDATE_GOLDEN === '1';

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

it.each(gcpCases().map(c => [c.name, c] as const))(
  '%s: same files, same bytes as the golden repo',
  async (name, c) => {
    const files = await generateGcpCase(c);
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
      expect({ file, content }).toEqual({
        file,
        content: fs.readFileSync(path.join(dir, file), 'utf8'),
      });
    }
  },
);
