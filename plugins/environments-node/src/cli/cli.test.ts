import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { runCli } from './index';
import { GENERATED_MARKER } from './writeRepo';

// generating a repo takes seconds on a loaded machine (jest's default is 5 s per test)
jest.setTimeout(60_000);

const STACKS = path.resolve(
  __dirname,
  '../../../environments-common/src/spec/__fixtures__',
);
const STAGING = path.join(STACKS, 'aussie-markets-staging.yaml');
const PROD = path.join(STACKS, 'mve-production.yaml');

async function terrace(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'terrace', ...args], {
    io: { out: t => out.push(t), err: t => err.push(t) },
  });
  return { code, out, err };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeSpec(name: string, edit: (text: string) => string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, edit(fs.readFileSync(STAGING, 'utf8')));
  return file;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('terrace validate', () => {
  it('exits 0 for a valid spec and says so', async () => {
    const r = await terrace('validate', STAGING);
    expect(r).toEqual({
      code: 0,
      out: [
        `${STAGING}: aussie-markets-staging is valid (aws ap-southeast-2, staging, 6 components)`,
      ],
      err: [],
    });
  });

  it('exits 1 with one line per problem, field path first', async () => {
    const file = writeSpec('bad.yaml', t =>
      t
        .replace('size: db.t3.micro', 'size: db.t9.huge')
        .replace(
          'region: ap-southeast-2',
          'region: ap-southeast-2\n  colour: blue',
        )
        .replace('cpu: 0.25', 'cpu: 3'),
    );
    const before = listFiles(tmp);
    const r = await terrace('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'spec.colour: is not a field of spec',
      expect.stringMatching(
        /^spec\.components\[0\]\.size: "db\.t9\.huge" is not a known aws postgres size in ap-southeast-2 \(known: db\.t3\.micro, /,
      ),
      'spec.components[2].cpu: 3 is not a Fargate CPU size (0.25, 0.5, 1, 2, 4, 8, 16)',
    ]);
    expect(listFiles(tmp)).toEqual(before);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const file = writeSpec('broken.yaml', t =>
      t.replace('  tier: staging', '\ttier: staging'),
    );
    const r = await terrace('validate', file);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^broken\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('reports a missing file and a missing argument', async () => {
    const missing = path.join(tmp, 'none.yaml');
    expect(await terrace('validate', missing)).toEqual({
      code: 1,
      out: [],
      err: [`${missing}: does not exist`],
    });
    const r = await terrace('validate');
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(
      "error: missing required argument 'environment.yaml'",
    );
  });

  it('prints JSON with --json', async () => {
    const file = writeSpec('bad.yaml', t =>
      t.replace('tier: staging', 'tier: qa'),
    );
    const r = await terrace('validate', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out.join('\n'))).toEqual({
      ok: false,
      warnings: [],
      problems: [
        { path: 'spec.tier', message: '"qa" is not one of dev, staging, prod' },
      ],
    });
  });
});

describe('terrace generate', () => {
  it('writes the environment repo into a new directory, marked as generated', async () => {
    const out = path.join(tmp, 'repo');
    const r = await terrace('generate', PROD, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const files = listFiles(out);
    expect(files).toEqual(
      expect.arrayContaining([
        GENERATED_MARKER,
        'environment.yaml',
        'catalog-info.yaml',
        'README.md',
        'cost.json',
        path.join('.github', 'workflows', 'terraform.yml'),
        path.join('terraform', 'main.tf'),
        path.join('terraform', 'versions.tf'),
      ]),
    );
    expect(r.out).toEqual([
      `Wrote ${files.length - 1} files for mve-production to ${out}`,
    ]);
    const marker = JSON.parse(
      fs.readFileSync(path.join(out, GENERATED_MARKER), 'utf8'),
    );
    expect(marker.environment).toBe('mve-production');
    expect(marker.files).toHaveLength(files.length - 1);
  });

  it('writes nothing for an invalid spec', async () => {
    const file = writeSpec('bad.yaml', t =>
      t.replace('tier: staging', 'tier: qa'),
    );
    const out = path.join(tmp, 'repo');
    const r = await terrace('generate', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['spec.tier: "qa" is not one of dev, staging, prod']);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a non-empty directory it did not generate, unless --force', async () => {
    const out = path.join(tmp, 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'my notes');
    const refused = await terrace('generate', STAGING, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      `--out: ${out} is not empty and was not generated by terrace; choose an empty directory or pass --force to write into it`,
    ]);
    expect(listFiles(out)).toEqual(['notes.txt']);

    const forced = await terrace('generate', STAGING, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(listFiles(out)).toEqual(
      expect.arrayContaining(['notes.txt', 'environment.yaml']),
    );
  });

  it('regenerates over its own output: byte-identical, stale files removed, others kept', async () => {
    const out = path.join(tmp, 'repo');
    expect((await terrace('generate', PROD, '--out', out)).code).toBe(0);
    const first = new Map(
      listFiles(out).map(f => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
    );
    // A user's state and a file from an older generation that is no longer produced.
    fs.writeFileSync(path.join(out, 'terraform', 'terraform.tfstate'), '{}');
    const marker = JSON.parse(
      fs.readFileSync(path.join(out, GENERATED_MARKER), 'utf8'),
    );
    marker.files.push('terraform/old-component.tf');
    fs.writeFileSync(path.join(out, GENERATED_MARKER), JSON.stringify(marker));
    fs.writeFileSync(path.join(out, 'terraform', 'old-component.tf'), '# old');

    const again = await terrace('generate', PROD, '--out', out);
    expect(again.code).toBe(0);
    expect(again.out[0]).toContain('(removed 1 no longer generated)');
    expect(fs.existsSync(path.join(out, 'terraform', 'old-component.tf'))).toBe(
      false,
    );
    expect(
      fs.existsSync(path.join(out, 'terraform', 'terraform.tfstate')),
    ).toBe(true);
    for (const [f, content] of first) {
      expect(fs.readFileSync(path.join(out, f), 'utf8')).toBe(content);
    }
  });

  it('refuses an --out that is a file', async () => {
    const out = path.join(tmp, 'file');
    fs.writeFileSync(out, 'x');
    const r = await terrace('generate', STAGING, '--out', out);
    expect(r).toEqual({
      code: 1,
      out: [],
      err: [`--out: ${out} exists and is not a directory`],
    });
  });

  it('refuses to write through a symbolic link in the output directory', async () => {
    const out = path.join(tmp, 'repo');
    expect((await terrace('generate', PROD, '--out', out)).code).toBe(0);
    const elsewhere = path.join(tmp, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.rmSync(path.join(out, 'terraform'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(out, 'terraform'));
    const r = await terrace('generate', PROD, '--out', out);
    expect(r).toEqual({
      code: 1,
      out: [],
      err: [
        `--out: ${path.join(
          out,
          'terraform',
        )} is a symbolic link; terrace does not write through links`,
      ],
    });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('records --executor in the catalog entity, and names the option when the value is not one', async () => {
    const generateWith = (out: string, executor: string) =>
      terrace('generate', STAGING, '--out', out, '--executor', executor);
    const out = path.join(tmp, 'repo');
    const r = await generateWith(out, 'hcp');
    expect(r.code).toBe(0);
    const entity = yaml.parse(
      fs.readFileSync(path.join(out, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.metadata.annotations['terrace.dev/terraform-executor']).toBe(
      'hcp',
    );

    const other = path.join(tmp, 'other');
    const bad = await generateWith(other, 'atlantis');
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toContain(
      '--executor must be one of local, ci, hcp',
    );
    expect(fs.existsSync(other)).toBe(false);
  });

  it('requires --out', async () => {
    const r = await terrace('generate', STAGING);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe("error: required option '--out <dir>' not specified");
  });

  it('generates an Azure environment without cost.json, its README saying why', async () => {
    const file = path.resolve(
      __dirname,
      '../generate/azure/__fixtures__/integration-platform-azure.yaml',
    );
    const out = path.join(tmp, 'azure-repo');
    const r = await terrace('generate', file, '--out', out);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'terraform', 'redis-cache.tf'))).toBe(
      true,
    );
    expect(
      fs.readFileSync(path.join(out, 'terraform', 'redis-cache.tf'), 'utf8'),
    ).toContain('resource "azurerm_managed_redis" "cache"');
    expect(fs.existsSync(path.join(out, 'cost.json'))).toBe(false);
    // West Europe is priced only in part: the README names each missing price and the command
    // that reads it from the Retail Prices API.
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain(
      'spec.components[1].size: no redis.managed price for "Balanced_B1" in westeurope (`terrace prices refresh --cloud azure --region westeurope` reads it from the Azure Retail Prices API)',
    );
    expect(readme).toContain(
      'No estimate was produced for this environment: spec.components[0].size: no MongoDB Atlas on Azure price for M10 in EUROPE_WEST',
    );
    // The private endpoint (a Global meter) is priced in westeurope now.
    expect(readme).not.toContain('privateEndpoint.hour');
  });

  it('writes a Google Cloud repo without cost.json, the README saying why', async () => {
    const file = path.join(tmp, 'gcp.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: terrace.dev/v1alpha1',
        'kind: Environment',
        'metadata: { name: shop-dev, owner: group:default/shop }',
        'spec:',
        '  cloud: gcp',
        '  region: europe-west1',
        '  tier: dev',
        '  components: [{ name: db, type: postgres }]',
      ].join('\n'),
    );
    const out = path.join(tmp, 'repo');
    const r = await terrace('generate', file, '--out', out);
    expect(r.code).toBe(0);
    expect(
      fs.readFileSync(path.join(out, 'terraform', 'postgres-db.tf'), 'utf8'),
    ).toContain('resource "google_sql_database_instance" "db"');
    // europe-west1's catalog file lacks Cloud SQL prices: no cost.json, the README names them.
    expect(fs.existsSync(path.join(out, 'cost.json'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toContain(
      'No estimate was produced for this environment: spec.components[0].size: no cloudsql.postgres.zonal.micro price in europe-west1 (prices/gcp/europe-west1.json)',
    );
  });

  it('says plainly when the cloud cannot generate what the spec asks yet, writing nothing', async () => {
    const file = path.join(tmp, 'gcp-vm.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: terrace.dev/v1alpha1',
        'kind: Environment',
        'metadata: { name: shop-dev, owner: group:default/shop }',
        'spec:',
        '  cloud: gcp',
        '  region: europe-west1',
        '  tier: dev',
        '  components:',
        '    - { name: workers, type: vm-group, port: 8080, public: true }',
        '    - { name: front, type: cdn, origins: [workers] }',
      ].join('\n'),
    );
    const out = path.join(tmp, 'repo');
    const r = await terrace('generate', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      /^generate: spec\.components\[1\]\.origins: "workers" is a vm-group; on Google Cloud a cdn serves buckets and Cloud Run services, not vm-groups yet.*; nothing was written$/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('terrace schema', () => {
  it('prints the JSON Schema of the spec', async () => {
    const r = await terrace('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n')).title).toBe('Terrace Environment');
  });
});
