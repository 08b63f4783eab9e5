import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { defaultAwsPricesDir } from '../estimate/aws/catalog';
import { startRetailPricesServer } from '../prices/azure/__testUtils__/retailPricesServer';
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
    const gcp = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'gcp',
      '--region',
      'us-central1',
    );
    expect(gcp.code).toBe(1);
    expect(gcp.err).toContain(
      "option '--cloud <cloud>' argument 'gcp' is invalid. Google Cloud has no price catalog to refresh; clouds with one: aws, azure",
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
      '"oracle" is not a cloud (aws, azure, gcp); clouds with a price catalog to refresh: aws, azure',
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

describe('terrace prices refresh --cloud azure', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startRetailPricesServer>>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-prices-azure-'));
    server = await startRetailPricesServer({ pageSize: 20 });
    process.env.TERRACE_AZURE_RETAIL_PRICES_URL = server.baseUrl;
  });
  afterEach(async () => {
    delete process.env.TERRACE_AZURE_RETAIL_PRICES_URL;
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the region file from the Retail Prices API at TERRACE_AZURE_RETAIL_PRICES_URL and says what it did', async () => {
    const { code, out, err } = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'azure',
      '--region',
      'westeurope',
      '--dir',
      dir,
    );
    expect(code).toBe(0);
    expect(out).toBe(
      `${path.join(
        dir,
        'westeurope.json',
      )}: 17 groups refreshed, 0 kept, 0 prices changed`,
    );
    expect(err).toContain('postgres.compute: 5 prices');
    expect(fs.readdirSync(dir)).toEqual(['westeurope.json']);
  });

  it('names --region when the API has no prices for the region, and writes nothing', async () => {
    const { code, err } = await terrace(
      'prices',
      'refresh',
      '--cloud',
      'azure',
      '--region',
      'uksouth',
      '--dir',
      dir,
    );
    expect(code).toBe(1);
    expect(err).toContain(
      '--region: the Azure Retail Prices API answered no prices for armRegionName "uksouth"',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
