import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findUnsafeConfiguration } from './guard';

describe('findUnsafeConfiguration', () => {
  let repo: string;
  let work: string;
  beforeEach(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-guard-'));
    work = path.join(repo, 'terraform');
    await fs.mkdir(path.join(work, 'modules', 'net'), { recursive: true });
    await fs.writeFile(
      path.join(work, 'main.tf'),
      'module "net" {\n  source = "./modules/net"\n}\nresource "terraform_data" "ok" {}\n',
    );
    await fs.writeFile(
      path.join(work, 'modules', 'net', 'main.tf'),
      'resource "terraform_data" "n" {}\n',
    );
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  const write = (file: string, text: string) =>
    fs.writeFile(path.join(work, file), text);

  it('accepts generated-style configuration with local modules', async () => {
    await expect(findUnsafeConfiguration(work, repo)).resolves.toEqual([]);
  });

  it('refuses remote-exec and file provisioners, in modules too', async () => {
    await fs.writeFile(
      path.join(work, 'modules', 'net', 'extra.tf'),
      'resource "terraform_data" "r" {\n  provisioner "remote-exec" {\n    inline = ["id"]\n  }\n  provisioner "file" {\n    source = "a"\n    destination = "b"\n  }\n}\n',
    );
    const problems = await findUnsafeConfiguration(work, repo);
    expect(
      problems.map(p => `${p.file}: ${p.address}: ${p.reason}`).sort(),
    ).toEqual([
      'terraform/modules/net/extra.tf: resource.terraform_data.r: has a "file" provisioner; provisioners run arbitrary commands on the host',
      'terraform/modules/net/extra.tf: resource.terraform_data.r: has a "remote-exec" provisioner; provisioners run arbitrary commands on the host',
    ]);
  });

  it('refuses the external data source and provider', async () => {
    await write(
      'ext.tf',
      'terraform {\n  required_providers {\n    ext = {\n      source = "hashicorp/external"\n    }\n  }\n}\ndata "external" "x" {\n  program = ["sh"]\n}\n',
    );
    const reasons = (await findUnsafeConfiguration(work, repo)).map(
      p => p.address,
    );
    expect(reasons).toEqual([
      'data.external.x',
      'terraform.required_providers.ext',
    ]);
  });

  it('refuses module sources outside the repository, from registries or git', async () => {
    await write(
      'mods.tf',
      [
        'module "up" {\n  source = "../../elsewhere"\n}',
        'module "reg" {\n  source = "terraform-aws-modules/vpc/aws"\n}',
        'module "git" {\n  source = "git::https://example.test/m.git"\n}',
      ].join('\n'),
    );
    const problems = await findUnsafeConfiguration(work, repo);
    expect(problems.map(p => `${p.address}: ${p.reason}`).sort()).toEqual([
      'module.git: has module source "git::https://example.test/m.git"; only folders inside the repository are allowed',
      'module.reg: has module source "terraform-aws-modules/vpc/aws"; only folders inside the repository are allowed',
      'module.up: has module source "../../elsewhere", which is outside the repository',
    ]);
  });

  it('refuses reading or writing host files and state kept outside the repository', async () => {
    await write(
      'host.tf',
      [
        'terraform {\n  backend "local" {\n    path = "/root/.ssh/authorized_keys"\n  }\n}',
        'data "local_file" "keys" {\n  filename = "/etc/shadow"\n}',
        'resource "local_file" "drop" {\n  filename = "/tmp/x"\n  content = "x"\n}',
      ].join('\n'),
    );
    const problems = await findUnsafeConfiguration(work, repo);
    expect(problems.map(p => `${p.address}: ${p.reason}`).sort()).toEqual([
      'data.local_file.keys: uses "local_file", which reads files on the host',
      'resource.local_file.drop: uses "local_file", which writes files on the host',
      'terraform.backend.local: keeps state at path "/root/.ssh/authorized_keys", outside the repository',
    ]);
  });

  it('checks .tf.json files and refuses what it cannot parse', async () => {
    await write(
      'x.tf.json',
      JSON.stringify({
        resource: {
          terraform_data: {
            j: [{ provisioner: { 'local-exec': [{ command: 'id' }] } }],
          },
        },
      }),
    );
    await write('broken.tf', 'resource "terraform_data" {{{');
    const problems = await findUnsafeConfiguration(work, repo);
    expect(problems.map(p => p.file)).toEqual([
      'terraform/broken.tf',
      'terraform/x.tf.json',
    ]);
    expect(problems[0].reason).toMatch(/^could not be parsed/);
  });
});
