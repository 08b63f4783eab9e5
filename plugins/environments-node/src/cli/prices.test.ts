import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { defaultAwsPricesDir } from '../estimate/aws/catalog';
import { runCli } from './index';

async function terrace(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'terrace', ...args], {
    io: { out: t => out.push(t), err: t => err.push(t) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('terrace prices refresh (error paths)', () => {
  const pricing = mockClient(PricingClient);
  afterEach(() => pricing.reset());
  afterAll(() => pricing.restore());

  it('says what to set when there are no AWS credentials, and changes nothing', async () => {
    const e = Object.assign(
      new Error('Could not load credentials from any providers'),
      {
        name: 'CredentialsProviderError',
      },
    );
    pricing.on(GetProductsCommand).rejects(e);
    const { code, err } = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'aws',
      '--region',
      'eu-west-1',
    );
    expect(code).toBe(1);
    expect(err).toBe(
      'prices refresh: no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for an identity allowed pricing:GetProducts; the catalog was not changed',
    );
  });

  it('says which permission is missing when AWS refuses the call', async () => {
    const e = Object.assign(
      new Error('User is not authorized to perform: pricing:GetProducts'),
      {
        name: 'AccessDeniedException',
      },
    );
    pricing.on(GetProductsCommand).rejects(e);
    const { code, err } = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'aws',
      '--region',
      'us-east-1',
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /^prices refresh: AWS refused the Price List API call \(AccessDeniedException: .*\); the identity needs pricing:GetProducts; the catalog was not changed$/,
    );
  });

  it('rejects a cloud or region it cannot refresh, naming the option', async () => {
    const azure = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'azure',
      '--region',
      'eastus',
    );
    expect(azure.code).toBe(1);
    expect(azure.err).toContain(
      "option '--cloud <cloud>' argument 'azure' is invalid. Azure has no price catalog to refresh; clouds with one: aws, gcp",
    );
    const unknown = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'oracle',
      '--region',
      'eu-west-1',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      '"oracle" is not a cloud (aws, azure, gcp); clouds with a price catalog to refresh: aws, gcp',
    );
    const region = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'aws',
      '--region',
      'mars-1',
    );
    expect(region.code).toBe(1);
    expect(region.err).toContain(
      "error: option '--region <region>' argument 'mars-1' is invalid. \"mars-1\" is not an aws region",
    );
    // The region is checked against the cloud, in whichever order the options come.
    const first = await terrace(
      'prices',
      'refresh',
      '--region',
      'eastus',
      '--cloud',
      'aws',
    );
    expect(first.code).toBe(1);
    expect(first.err).toContain('"eastus" is not an aws region');
    // A copy of the catalog, so that nothing here can write into the package's own files.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-prices-'));
    fs.copyFileSync(
      path.join(defaultAwsPricesDir(), 'us-east-1.json'),
      path.join(dir, 'us-east-1.json'),
    );
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    const missing = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'aws',
      '--region',
      'sa-east-1',
      '--dir',
      dir,
    );
    // A region without a file is built from the API alone; an empty answer writes nothing.
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      '--region: the Price List answered no complete group for sa-east-1 (does the region run these services?); nothing written',
    );
    expect(fs.readdirSync(dir)).toEqual(['us-east-1.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
