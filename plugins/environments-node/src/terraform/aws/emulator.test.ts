import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAwsEmulatorFiles } from './emulator';

describe('writeAwsEmulatorFiles', () => {
  let root: string;
  let config: string;
  let scratch: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-emulator-'));
    config = path.join(root, 'terraform');
    scratch = path.join(root, 'scratch');
    await fs.mkdir(config);
    await fs.mkdir(scratch);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const write = (versionLine: string) =>
    writeAwsEmulatorFiles({
      workingDirectory: config,
      scratch,
      endpoint: 'http://127.0.0.1:5999',
      versionLine,
    });

  it('points the AWS provider and the S3 backend at the endpoint, in the setting names of the version', async () => {
    await fs.writeFile(
      path.join(config, 'main.tf'),
      'terraform {\n  backend "s3" {}\n}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n',
    );
    const files = await write('Terraform v1.5.7');
    expect(files).toEqual({
      overrideFiles: [path.join(scratch, 'terrace_aws_endpoint.tf')],
      backendConfigFiles: [path.join(scratch, 'aws-endpoint.s3.tfbackend')],
    });
    const override = await fs.readFile(files.overrideFiles[0], 'utf8');
    expect(override).toContain('"http://127.0.0.1:5999"');
    const backend = await fs.readFile(files.backendConfigFiles[0], 'utf8');
    expect(backend).toContain('force_path_style            = true');

    const newer = await write('OpenTofu v1.12.6');
    const newerBackend = await fs.readFile(newer.backendConfigFiles[0], 'utf8');
    expect(newerBackend).toContain('use_path_style              = true');
  });

  it('writes nothing for a configuration with neither the AWS provider nor an S3 backend', async () => {
    await fs.writeFile(
      path.join(config, 'main.tf'),
      'resource "random_id" "x" {\n  byte_length = 4\n}\n',
    );
    expect(await write('Terraform v1.5.7')).toEqual({
      overrideFiles: [],
      backendConfigFiles: [],
    });
    expect(await fs.readdir(scratch)).toEqual([]);
  });
});
