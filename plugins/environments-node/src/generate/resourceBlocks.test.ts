import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  plannedResourceBlocks,
  terraformResourceBlocks,
} from './resourceBlocks';

const GOLDEN = path.resolve(__dirname, '__golden__/aussie-markets-staging');

async function goldenResourceLines() {
  const dir = path.join(GOLDEN, 'terraform');
  const out: string[] = [];
  for (const f of await fs.readdir(dir)) {
    const text = await fs.readFile(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)) {
      out.push(`${m[1]}.${m[2]}`);
    }
  }
  return out.sort();
}

describe('plannedResourceBlocks', () => {
  it("lists every resource block of the repo's terraform/ from its environment.yaml, each with its component", async () => {
    const spec = parseYaml(
      await fs.readFile(path.join(GOLDEN, 'environment.yaml'), 'utf8'),
    );
    const result = await plannedResourceBlocks(spec);
    if (!result.ok) throw new Error(result.reason);
    expect(result.blocks.map(b => b.address).sort()).toEqual(
      await goldenResourceLines(),
    );
    const db = result.blocks.find(b => b.address === 'aws_db_instance.db')!;
    expect(db).toMatchObject({ file: 'postgres-db.tf', component: 'db' });
    // an untagged block takes the component its file's tagged blocks carry
    const password = result.blocks.find(
      b => b.address === 'random_password.db_master',
    )!;
    expect(password.component).toBe('db');
    expect(result.blocks.every(b => b.component)).toBe(true);
  });

  it('says why when the spec is invalid or its cloud is not generated', async () => {
    const invalid = await plannedResourceBlocks({ apiVersion: 'nope' });
    expect(invalid).toMatchObject({ ok: false });
    expect((invalid as { reason: string }).reason).toMatch(
      /^environment.yaml is not valid: /,
    );
    const spec = parseYaml(
      await fs.readFile(path.join(GOLDEN, 'environment.yaml'), 'utf8'),
    );
    const none = await plannedResourceBlocks(spec, { emitters: {} });
    expect(none).toEqual({
      ok: false,
      reason: 'Terrace does not generate aws environments yet',
    });
  });
});

describe('terraformResourceBlocks', () => {
  it('marks count and for_each blocks as repeated and names a file that does not parse', async () => {
    const blocks = await terraformResourceBlocks({
      'a.tf':
        'resource "aws_s3_bucket" "b" {\n  count = 2\n  tags = { "terrace:component" = "logs" }\n}\nresource "aws_kms_key" "k" {}\n',
      'README.md': 'not terraform',
    });
    expect(blocks).toEqual([
      {
        address: 'aws_kms_key.k',
        type: 'aws_kms_key',
        file: 'a.tf',
        component: 'logs',
        repeated: false,
      },
      {
        address: 'aws_s3_bucket.b',
        type: 'aws_s3_bucket',
        file: 'a.tf',
        component: 'logs',
        repeated: true,
      },
    ]);
    await expect(
      terraformResourceBlocks({ 'broken.tf': 'resource "x" {' }),
    ).rejects.toThrow(/^broken.tf is not valid HCL/);
  });
});
