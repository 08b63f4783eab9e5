import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { defaultGcpPricesDir } from '../../estimate/gcp/catalog';
import { createGcpPriceRefresher } from './refresher';

const FIXTURES = path.join(__dirname, '__fixtures__');
const fixture = (name: string) =>
  fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/**
 * A local stand-in for cloudbilling.googleapis.com on 127.0.0.1, answering the recorded shapes:
 * Cloud SQL in two pages, Cloud Run in one, every other service with no SKUs; or, with
 * `failService`, a 403 for that service. Records each request's path and query.
 */
async function billingServer(opts: { failService?: string } = {}) {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const service = /^\/v1\/services\/([^/]+)\/skus$/.exec(url.pathname)?.[1];
    res.setHeader('content-type', 'application/json');
    if (!service || url.searchParams.get('key') !== 'test-key') {
      res.statusCode = 400;
      res.end(
        JSON.stringify({
          error: {
            code: 400,
            message: 'bad request',
            status: 'INVALID_ARGUMENT',
          },
        }),
      );
      return;
    }
    if (service === opts.failService) {
      res.statusCode = 403;
      res.end(fixture('error-403.json'));
      return;
    }
    if (service === '9662-B51E-5089') {
      res.end(
        fixture(
          url.searchParams.get('pageToken') === 'page-2'
            ? 'skus-cloud-sql-page2.json'
            : 'skus-cloud-sql-page1.json',
        ),
      );
      return;
    }
    if (service === '152E-C115-5142') {
      res.end(fixture('skus-cloud-run.json'));
      return;
    }
    res.end(JSON.stringify({ skus: [], nextPageToken: '' }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

function catalogCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcp-refresh-'));
  fs.copyFileSync(
    path.join(defaultGcpPricesDir(), 'us-central1.json'),
    path.join(dir, 'us-central1.json'),
  );
  return dir;
}

describe('terrace prices refresh --cloud gcp', () => {
  const saved = process.env.TERRACE_GCP_BILLING_API_KEY;
  beforeEach(() => {
    process.env.TERRACE_GCP_BILLING_API_KEY = 'test-key';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TERRACE_GCP_BILLING_API_KEY;
    else process.env.TERRACE_GCP_BILLING_API_KEY = saved;
  });

  it('re-reads the prices of the region file over every page, fills SKU ids and keeps what the catalog does not answer', async () => {
    const server = await billingServer();
    const dir = catalogCopy();
    try {
      const refresher = createGcpPriceRefresher(server.baseUrl);
      const result = await refresher.refresh({
        region: 'us-central1',
        dir,
        today: '2026-12-01',
      });
      expect(result.updated).toEqual([
        'cloudsql.postgres.regional.vcpu',
        'cloudsql.postgres.zonal.ram',
        'cloudsql.postgres.zonal.storage',
        'cloudsql.postgres.zonal.vcpu',
        'run.cpu.active',
        'run.requests',
      ]);
      expect(result.changed).toEqual([
        { group: 'cloudsql.postgres.zonal.storage', from: 0.17, to: 0.18 },
      ]);
      expect(result.kept).toEqual(
        expect.arrayContaining([
          {
            group: 'atlas.M10',
            reason:
              'not sold through the Cloud Billing Catalog (kept with its source)',
          },
          expect.objectContaining({ group: 'memorystore.basic.M1' }),
        ]),
      );
      const written = JSON.parse(
        fs.readFileSync(path.join(dir, 'us-central1.json'), 'utf8'),
      );
      expect(written.prices['cloudsql.postgres.zonal.vcpu']).toEqual({
        unit: 'vCPU-hour',
        usd: 0.0413,
        source: 'gcp-cloud-billing-catalog-api',
        sku: {
          id: 'AB12-3C4D-5E6F',
          description: 'Cloud SQL for PostgreSQL: Zonal - vCPU in Americas',
        },
      });
      // The first tier of the CPU SKU is the free grant: the list price is the next one.
      expect(written.prices['run.cpu.active'].usd).toBe(0.000024);
      // Per request in the API, per million in the catalog.
      expect(written.prices['run.requests'].usd).toBe(0.4);
      expect(written.sources['gcp-cloud-billing-catalog-api']).toEqual({
        title:
          'Cloud Billing Catalog API, services.skus.list (list prices in USD)',
        url: 'https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list',
        retrieved: '2026-12-01',
      });
      const sqlPages = server.requests.filter(
        u => u.pathname === '/v1/services/9662-B51E-5089/skus',
      );
      expect(sqlPages.map(u => u.searchParams.get('pageToken'))).toEqual([
        null,
        'page-2',
      ]);
      expect(sqlPages[0].searchParams.get('currencyCode')).toBe('USD');
    } finally {
      await server.close();
    }
  });

  it('writes nothing when the API refuses a call, and says what the key needs', async () => {
    const server = await billingServer({ failService: '152E-C115-5142' });
    const dir = catalogCopy();
    const before = fs.readFileSync(path.join(dir, 'us-central1.json'), 'utf8');
    try {
      const refresher = createGcpPriceRefresher(server.baseUrl);
      const error = await refresher
        .refresh({ region: 'us-central1', dir, today: '2026-12-01' })
        .catch(e => e);
      expect(refresher.describeFailure(error)).toEqual({
        message:
          'the Cloud Billing Catalog refused services/152E-C115-5142/skus (403 PERMISSION_DENIED: Cloud Billing API has not been used in project 000000000000 before or it is disabled.); the key must be valid and allowed the Cloud Billing API (TERRACE_GCP_BILLING_API_KEY)',
      });
      expect(fs.readFileSync(path.join(dir, 'us-central1.json'), 'utf8')).toBe(
        before,
      );
      expect(fs.readdirSync(dir)).toEqual(['us-central1.json']);
    } finally {
      await server.close();
    }
  });

  it('refuses a region it cannot name at --region, before any call', async () => {
    const server = await billingServer();
    try {
      const refresher = createGcpPriceRefresher(server.baseUrl);
      for (const region of ['us-central9', 'europe-west4']) {
        const error = await refresher
          .refresh({ region, dir: catalogCopy(), today: '2026-12-01' })
          .catch(e => e);
        const failure = refresher.describeFailure(error);
        expect(failure?.option).toBe('--region');
        expect(failure?.message).toMatch(
          region === 'us-central9'
            ? /^"us-central9" is not a Google Cloud region/
            : /^no catalog file .*europe-west4\.json for "europe-west4"/,
        );
      }
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('asks for the API key by its variable when none is set, and never calls', async () => {
    delete process.env.TERRACE_GCP_BILLING_API_KEY;
    const server = await billingServer();
    try {
      const refresher = createGcpPriceRefresher(server.baseUrl);
      const error = await refresher
        .refresh({
          region: 'us-central1',
          dir: catalogCopy(),
          today: '2026-12-01',
        })
        .catch(e => e);
      expect(refresher.describeFailure(error)?.message).toMatch(
        /^no Cloud Billing Catalog API key: set TERRACE_GCP_BILLING_API_KEY/,
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
