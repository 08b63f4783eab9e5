import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ConfiguredAccounts } from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import { generateEnvironmentFiles } from '../generator';
import { createGenerateEnvironmentAction } from './generateEnvironment';
import { mockContext } from './__testUtils__';

const form = {
  name: 'shop-dev',
  title: 'Shop dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'ap-southeast-2',
  tier: 'dev',
  components: [
    { name: 'db', type: 'postgres' },
    { name: 'assets', type: 'bucket' },
  ],
};

describe('terrace:environment:generate', () => {
  let workspacePath: string;
  const action = () =>
    createGenerateEnvironmentAction({
      generate: generateEnvironmentFiles,
      defaultSourceLocation: name => `file:///srv/terrace-repos/${name}`,
    });

  beforeEach(async () => {
    workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'terrace-generate-'),
    );
  });
  afterEach(() => fs.rm(workspacePath, { recursive: true, force: true }));

  it('writes the repository of the contract from the form fields', async () => {
    const ctx = mockContext({ input: form, workspacePath });
    await action().handler(ctx);
    for (const file of [
      'environment.yaml',
      'catalog-info.yaml',
      'README.md',
      'cost.json',
      'terraform/main.tf',
      '.github/workflows/terraform.yml',
    ]) {
      await expect(
        fs.stat(path.join(workspacePath, file)),
      ).resolves.toBeDefined();
    }
    const entity = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'shop-dev',
        annotations: {
          'terrace.dev/tier': 'dev',
          'backstage.io/source-location':
            'url:file:///srv/terrace-repos/shop-dev',
        },
      },
      spec: { type: 'environment', owner: 'group:default/shop' },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/shop-dev',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(['terraform/main.tf']),
    );
  });

  it('records the executor that will apply it in terrace.dev/terraform-executor', async () => {
    const entityWith = async (input: typeof form & { executor?: string }) => {
      await action().handler(mockContext({ input, workspacePath }));
      return yaml.parse(
        await fs.readFile(
          path.join(workspacePath, 'catalog-info.yaml'),
          'utf8',
        ),
      );
    };
    expect(
      (await entityWith({ ...form, executor: 'hcp' })).metadata.annotations[
        'terrace.dev/terraform-executor'
      ],
    ).toBe('hcp');
    expect((await entityWith(form)).metadata.annotations).not.toHaveProperty(
      'terrace.dev/terraform-executor',
    );
  });

  it("turns the form's TTL into spec.expiresAt and the terrace.dev/expires-at annotation", async () => {
    const now = new Date('2026-12-01T14:03:27.500Z');
    const ctx = mockContext({
      input: { ...form, expiresInDays: 7, destroyOnExpiry: true },
      workspacePath,
    });
    await createGenerateEnvironmentAction({
      generate: generateEnvironmentFiles,
      now: () => now,
    }).handler(ctx);
    const spec = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'environment.yaml'), 'utf8'),
    );
    expect(spec.spec.expiresAt).toBe('2026-12-08T14:03:27Z');
    expect(spec.spec.destroyOnExpiry).toBe(true);
    expect(spec.spec).not.toHaveProperty('expiresInDays');
    const entity = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.metadata.annotations).toMatchObject({
      'terrace.dev/expires-at': '2026-12-08T14:03:27.000Z',
      'terrace.dev/destroy-on-expiry': 'true',
    });
  });

  it("writes no expiry when the form's TTL is none (0)", async () => {
    const ctx = mockContext({
      input: { ...form, expiresInDays: 0, destroyOnExpiry: false },
      workspacePath,
    });
    await action().handler(ctx);
    const spec = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'environment.yaml'), 'utf8'),
    );
    expect(spec.spec).not.toHaveProperty('expiresAt');
    expect(spec.spec).not.toHaveProperty('destroyOnExpiry');
    const entity = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'terrace.dev/expires-at',
    );
  });

  it('refuses an expiry date on a prod environment, naming spec.expiresAt, and writes nothing', async () => {
    const ctx = mockContext({
      input: { ...form, tier: 'prod', expiresAt: '2026-12-24' },
      workspacePath,
    });
    await expect(action().handler(ctx)).rejects.toThrow(
      /spec\.expiresAt: is only allowed for the dev and staging tiers/,
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });

  it('generates the same files from the environment.yaml it wrote', async () => {
    await action().handler(mockContext({ input: form, workspacePath }));
    const first = await fs.readFile(
      path.join(workspacePath, 'terraform', 'main.tf'),
      'utf8',
    );
    const ctx = mockContext({
      input: { specPath: 'environment.yaml', targetPath: 'again' },
      workspacePath,
    });
    await action().handler(ctx);
    expect(
      await fs.readFile(
        path.join(workspacePath, 'again', 'terraform', 'main.tf'),
        'utf8',
      ),
    ).toBe(first);
  });

  it('lists every problem with its field path and writes nothing', async () => {
    const ctx = mockContext({
      input: {
        ...form,
        name: 'Shop_Dev',
        region: 'mars-1',
        components: [
          { name: 'db', type: 'postgres' },
          { name: 'db', type: 'redis' },
        ],
      },
      workspacePath,
    });
    const error = await action()
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^The environment spec is not valid: \d+ problems\n/,
    );
    expect(error.message).toMatch(/^metadata\.name: /m);
    expect(error.message).toMatch(/^spec\.region: /m);
    expect(error.message).toMatch(/^spec\.components\[1\]\.name: /m);
    expect(await fs.readdir(workspacePath)).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('generates a Google Cloud environment, without cost.json in a region whose prices the catalog lacks', async () => {
    const ctx = mockContext({
      input: { ...form, cloud: 'gcp', region: 'europe-west1' },
      workspacePath,
    });
    await action().handler(ctx);
    const backend = await fs.readFile(
      path.join(workspacePath, 'terraform/backend.tf'),
      'utf8',
    );
    expect(backend).toContain('backend "gcs"');
    expect(
      await fs.readFile(
        path.join(workspacePath, 'terraform/postgres-db.tf'),
        'utf8',
      ),
    ).toContain('resource "google_sql_database_instance" "db"');
    await expect(
      fs.stat(path.join(workspacePath, 'cost.json')),
    ).rejects.toThrow();
    expect(
      await fs.readFile(path.join(workspacePath, 'README.md'), 'utf8'),
    ).toContain(
      'No estimate was produced for this environment: spec.components[0].size: no cloudsql.postgres.zonal',
    );
  });

  it('says which field to change when the cloud cannot generate what the spec asks yet', async () => {
    const ctx = mockContext({
      input: {
        ...form,
        cloud: 'gcp',
        region: 'europe-west1',
        components: [
          ...form.components,
          { name: 'workers', type: 'vm-group', port: 8080, public: true },
          { name: 'front', type: 'cdn', origins: ['workers'] },
        ],
      },
      workspacePath,
    });
    const error = await action()
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /spec\.components\[3\]\.origins: "workers" is a vm-group; on Google Cloud a cdn serves buckets and Cloud Run services, not vm-groups yet/,
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });

  it('refuses a name already in the catalog, unless regenerating', async () => {
    const taken = createGenerateEnvironmentAction({
      generate: generateEnvironmentFiles,
      findExisting: async name => `resource:default/${name}`,
    });
    await expect(
      taken.handler(mockContext({ input: form, workspacePath })),
    ).rejects.toThrow(
      'metadata.name: "shop-dev" is taken: resource:default/shop-dev is already in the catalog; choose another name',
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);
    await taken.handler(
      mockContext({ input: { ...form, allowExisting: true }, workspacePath }),
    );
    await expect(
      fs.stat(path.join(workspacePath, 'catalog-info.yaml')),
    ).resolves.toBeDefined();
  });

  it('refuses a target outside the workspace', async () => {
    const ctx = mockContext({
      input: { ...form, targetPath: '../x' },
      workspacePath,
    });
    await expect(action().handler(ctx)).rejects.toThrow(
      'targetPath: "../x" is outside the task workspace',
    );
  });

  describe('the account it is placed in', () => {
    const accounts = ConfiguredAccounts.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            { accountId: '111111111111' },
            { accountId: '222222222222' },
          ],
        },
        terrace: {
          accounts: {
            aws: [{ accountId: '222222222222', title: 'Shop production' }],
          },
        },
      }),
    );
    const withAccounts = () =>
      createGenerateEnvironmentAction({
        generate: generateEnvironmentFiles,
        accounts,
      });

    it('puts the chosen account in the entity annotation and the state bucket name', async () => {
      const ctx = mockContext({
        input: { ...form, accountId: '222222222222' },
        workspacePath,
      });
      await withAccounts().handler(ctx);
      const entity = yaml.parse(
        await fs.readFile(
          path.join(workspacePath, 'catalog-info.yaml'),
          'utf8',
        ),
      );
      expect(entity.metadata.annotations['terrace.dev/account-id']).toBe(
        '222222222222',
      );
      expect(
        await fs.readFile(
          path.join(workspacePath, 'terraform/backend.tf'),
          'utf8',
        ),
      ).toContain('"terrace-tfstate-222222222222-ap-southeast-2"');
      expect(ctx.output).toHaveBeenCalledWith('accountId', '222222222222');
    });

    it('refuses an account that is not configured, naming the input, and writes nothing', async () => {
      const error = await withAccounts()
        .handler(
          mockContext({
            input: { ...form, accountId: '333333333333' },
            workspacePath,
          }),
        )
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'accountId: "333333333333" is not among the AWS accounts configured for new environments; choose one of 111111111111, Shop production (222222222222)',
      );
      expect(await fs.readdir(workspacePath)).toEqual([]);
    });

    it('asks which account when the portal has several and none is given, and writes nothing', async () => {
      await expect(
        withAccounts().handler(mockContext({ input: form, workspacePath })),
      ).rejects.toThrow(
        'accountId: the portal has 2 AWS accounts for new environments (111111111111, Shop production (222222222222)); choose one',
      );
      expect(await fs.readdir(workspacePath)).toEqual([]);
    });

    it("places it in the portal's only account when none is given (the template's empty value)", async () => {
      const one = createGenerateEnvironmentAction({
        generate: generateEnvironmentFiles,
        accounts: ConfiguredAccounts.fromConfig(
          new ConfigReader({
            aws: { accounts: [{ accountId: '123456789012' }] },
          }),
        ),
      });
      await one.handler(
        mockContext({ input: { ...form, accountId: '' }, workspacePath }),
      );
      expect(
        await fs.readFile(
          path.join(workspacePath, 'catalog-info.yaml'),
          'utf8',
        ),
      ).toContain('terrace.dev/account-id: "123456789012"');
    });
  });
});
