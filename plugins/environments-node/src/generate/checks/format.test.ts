import { parse } from '@cdktf/hcl2json';
import fs from 'fs';
import path from 'path';
import {
  Case,
  generateCase,
  referenceStacks,
  variations,
  writeFiles,
} from '../__testUtils__/fixtures';
import { run, terraformBin } from '../__testUtils__/tools';

jest.setTimeout(180_000);

const cases: Case[] = [...referenceStacks(), ...variations()];
const generated = new Map<
  string,
  { files: Record<string, string>; dir: string }
>();

beforeAll(async () => {
  for (const c of cases) {
    const files = await generateCase(c);
    generated.set(c.name, { files, dir: writeFiles(files, c.name) });
  }
});

afterAll(() => {
  for (const { dir } of generated.values())
    fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(cases.map(c => [c.name]))('%s', name => {
  it('writes the repo layout of the contract', () => {
    const files = Object.keys(generated.get(name)!.files);
    for (const f of [
      'environment.yaml',
      'catalog-info.yaml',
      'README.md',
      'cost.json',
      '.github/workflows/terraform.yml',
      'terraform/versions.tf',
      'terraform/providers.tf',
      'terraform/backend.tf',
      'terraform/main.tf',
      'terraform/variables.tf',
      'terraform/outputs.tf',
      'terraform/terraform.tfvars',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('parses every .tf with a real HCL parser', async () => {
    const { files } = generated.get(name)!;
    const tf = Object.entries(files).filter(([f]) => /\.(tf|tfvars)$/.test(f));
    expect(tf.length).toBeGreaterThan(8);
    for (const [file, content] of tf) {
      await expect(parse(file, content)).resolves.toBeInstanceOf(Object);
    }
  });

  it('is already in terraform fmt form', () => {
    const { dir } = generated.get(name)!;
    const result = run(terraformBin(), [
      'fmt',
      '-check',
      '-recursive',
      '-diff',
      path.join(dir, 'terraform'),
    ]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('generates identical bytes twice', async () => {
    const again = await generateCase(cases.find(c => c.name === name)!);
    expect(again).toEqual(generated.get(name)!.files);
  });

  it('writes no secret value and outputs no password', async () => {
    const { files } = generated.get(name)!;
    const all = Object.values(files).join('\n');
    expect(all).not.toMatch(/(AKIA|ASIA)[0-9A-Z]{16}/);
    expect(all).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    // Passwords and tokens only ever come from random_password, never from a literal.
    expect(all).not.toMatch(/(password|auth_token|secret_string)\s*=\s*"/);
    const outputs = await parse('outputs.tf', files['terraform/outputs.tf']);
    for (const [outName, [o]] of Object.entries(outputs.output ?? {}) as Array<
      [string, any[]]
    >) {
      expect(`${outName} ${JSON.stringify(o.value)}`).not.toMatch(
        /random_password|\.password|auth_token/,
      );
    }
    const ssm = [
      ...all.matchAll(/resource "aws_ssm_parameter"[\s\S]*?\n}/g),
    ].map(m => m[0]);
    for (const p of ssm) {
      expect(p).toMatch(/value\s+= "set-outside-terraform"/);
      expect(p).toMatch(/ignore_changes = \[value\]/);
    }
  });
});
