import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  createExecutor,
  readPublishSettings,
  readTerraformSettings,
} from './config';

const config = (data: object) => mockServices.rootConfig({ data });

describe('module configuration', () => {
  it('has embedded defaults: local repositories in the temp folder, executor ci', () => {
    expect(readPublishSettings(config({}))).toEqual({
      localRoot: path.join(os.tmpdir(), 'terrace-repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    });
    const terraform = readTerraformSettings(config({}));
    expect(terraform).toMatchObject({
      executor: 'ci',
      allowedExecutors: ['ci'],
      binary: 'terraform',
      local: {
        overrideFiles: [],
        backendConfigFiles: [],
        awsEndpoint: undefined,
      },
      timeoutMs: 30 * 60_000,
      hcp: undefined,
    });
    expect(createExecutor('ci', terraform).kind).toBe('ci');
  });

  it('reads the terraform and hcp settings', () => {
    const terraform = readTerraformSettings(
      config({
        terrace: {
          terraform: {
            executor: 'hcp',
            binary: 'tofu',
            timeoutMinutes: 5,
            allowedExecutors: ['hcp', 'local'],
            local: {
              overrideFiles: ['/etc/terrace/moto.tf'],
              backendConfigFiles: ['/etc/terrace/moto.s3.tfbackend'],
            },
          },
          hcp: { organization: 'acme', token: 'secret-token' },
        },
      }),
    );
    expect(terraform).toMatchObject({
      executor: 'hcp',
      allowedExecutors: ['hcp', 'local'],
      binary: 'tofu',
      local: {
        overrideFiles: ['/etc/terrace/moto.tf'],
        backendConfigFiles: ['/etc/terrace/moto.s3.tfbackend'],
      },
      timeoutMs: 5 * 60_000,
      hcp: {
        address: 'https://app.terraform.io',
        organization: 'acme',
        token: 'secret-token',
        workspacePrefix: 'terrace-',
      },
    });
    expect(createExecutor('hcp', terraform).kind).toBe('hcp');
    expect(createExecutor('local', terraform).kind).toBe('local');
  });

  it('names the key when a value is wrong', () => {
    expect(() =>
      readTerraformSettings(
        config({ terrace: { terraform: { executor: 'ssh' } } }),
      ),
    ).toThrow('terrace.terraform.executor must be local, ci or hcp, not "ssh"');
    expect(() =>
      readTerraformSettings(
        config({
          terrace: { terraform: { allowedExecutors: ['ci', 'lambda'] } },
        }),
      ),
    ).toThrow(
      'terrace.terraform.allowedExecutors: "lambda" is not local, ci or hcp',
    );
  });

  it('says what to configure when hcp is chosen without settings', () => {
    const settings = readTerraformSettings(config({}));
    expect(() => createExecutor('hcp', settings)).toThrow(InputError);
    expect(() => createExecutor('hcp', settings)).toThrow(
      'executor "hcp" needs terrace.hcp.token and terrace.hcp.organization in the app config',
    );
  });
});
