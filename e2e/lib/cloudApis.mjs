// A local stand-in for the Azure and Google Cloud APIs the status readers call, for the browser
// tests: one node:http server on 127.0.0.1 that answers with the readers' own fixtures
// (plugins/environments-backend/src/readers/azure/__fixtures__ and readers/gcp/__fixtures__, each
// shaped as its API reference documents it; their READMEs cite the pages), with the fixtures'
// environment names replaced by the names of the environments a test created. Also the two token
// services the backend's credentials ask: Azure's App Service managed identity endpoint
// (IDENTITY_ENDPOINT, which DefaultAzureCredential reads) and Google's Security Token Service
// (the token_url of an external_account credential, which Application Default Credentials read).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { ROOT } from './portal.mjs';

const READERS = path.join(ROOT, 'plugins/environments-backend/src/readers');

/** The subscription the Azure fixtures are written for (src/testing/azureArm.ts). */
export const AZURE_SUBSCRIPTION = 'c2b9a5e8-2c55-4a5f-a4c3-6f5e0f0d7a11';
/** The project the Google Cloud fixtures are written for. */
export const GCP_PROJECT = 'terrace-shop-prod';
/** The token the fake Azure managed identity endpoint issues. */
export const AZURE_TOKEN = 'terrace-e2e-azure-token';
/** The token the fake Google Security Token Service issues. */
export const GCP_TOKEN = 'ya29.terrace-e2e-gcp-token';
/** The header value the Azure managed identity endpoint asks for (IDENTITY_HEADER). */
export const AZURE_IDENTITY_HEADER = 'terrace-e2e-identity-header';

/**
 * A fixture's JSON (without its `$doc` field), every string passed through `rename`.
 * @param {'azure' | 'gcp'} cloud
 * @param {string} name file name without .json
 * @param {(s: string) => string} rename
 */
function fixture(cloud, name, rename) {
  const body = JSON.parse(readFileSync(path.join(READERS, cloud, '__fixtures__', `${name}.json`), 'utf8'));
  delete body.$doc;
  return renamed(body, rename);
}

function renamed(value, rename) {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map(v => renamed(v, rename));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renamed(v, rename)]));
  }
  return value;
}

/**
 * The Azure fixtures describe the environment `shop-staging` (storage account
 * `stshopstaging3f9a1c`) beside another one, `shop`: `shop-staging` becomes `environment`.
 */
const azureRename = environment => s =>
  s.replaceAll('shop-staging', environment).replaceAll('shopstaging', environment.replaceAll('-', ''));

/**
 * The Google Cloud fixtures describe the environment `shop` (resources `shop-db`, alert policies
 * `shop/db/…`) beside `shop-staging`, in the project `terrace-shop-prod`: the word `shop` becomes
 * `environment` where it names that environment, not inside `shop-staging` or the project id.
 */
const gcpRename = environment => s => s.replace(/(?<![\w-])shop(?![\w]|-staging|-prod)/g, environment);

/**
 * Starts the server on 127.0.0.1 (an ephemeral port). `azure` / `gcp` name the environments whose
 * resources the fixtures describe. Resolves to `{ endpoint, seen, env, close }`: `seen` lists every
 * request as `METHOD path`; `env` is what the backend's process needs for its credentials to get
 * their tokens here (and nowhere else), given a directory to write the Google credential file in.
 * @param {{ azure: string, gcp: string }} environments
 */
export async function startCloudApis({ azure, gcp }) {
  const az = name => fixture('azure', name, azureRename(azure));
  const gc = name => fixture('gcp', name, gcpRename(gcp));
  const postgresServer = `psql-${azure}-db-3f9a1c`;
  const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;
  const seen = [];

  /** The answer to one request: [status, body] or undefined (404). */
  function answer(method, url, body, headers) {
    const p = decodeURIComponent(url.pathname);
    // Azure: App Service managed identity (api-version 2019-08-01), as DefaultAzureCredential asks it
    // https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity#rest-endpoint-reference
    if (method === 'GET' && p === '/msi/token') {
      if (headers['x-identity-header'] !== AZURE_IDENTITY_HEADER) return [401, { error: 'missing X-IDENTITY-HEADER' }];
      return [
        200,
        {
          access_token: AZURE_TOKEN,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: url.searchParams.get('resource'),
          token_type: 'Bearer',
        },
      ];
    }
    // Google: Security Token Service token exchange of an external_account credential
    // https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token
    if (method === 'POST' && p === '/v1/token') {
      return [
        200,
        {
          access_token: GCP_TOKEN,
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 3600,
        },
      ];
    }
    if (p.startsWith('/subscriptions/') || p.startsWith('/providers/')) {
      if (headers.authorization !== `Bearer ${AZURE_TOKEN}`) return [401, az('error.invalidAuthenticationToken')];
      return azureAnswer(method, p, body);
    }
    if (headers.authorization !== `Bearer ${GCP_TOKEN}`) return [401, gc('error-401')];
    return gcpAnswer(method, p, url.searchParams);
  }

  // the routes of src/testing/azureArm.ts (answerWithFixtures), with the names replaced
  function azureAnswer(method, p, body) {
    if (method === 'POST' && p === '/providers/Microsoft.ResourceGraph/resources') {
      const page1 = az('resourceGraph.page1');
      return [200, body?.options?.$skipToken === page1.$skipToken ? az('resourceGraph.page2') : page1];
    }
    if (method === 'GET' && /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Insights\/metricAlerts$/.test(p)) {
      return [200, az('metricAlerts')];
    }
    if (method === 'GET' && /^\/subscriptions\/[^/]+\/providers\/Microsoft\.AlertsManagement\/alerts$/.test(p)) {
      return [200, az('alerts.fired')];
    }
    if (method === 'GET' && /\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[^/]+$/.test(p)) {
      const server = az('postgresServer');
      if (p.endsWith(`/${postgresServer}`)) return [200, server];
      return [
        200,
        {
          ...server,
          id: p,
          name: p.split('/').pop(),
          properties: { ...server.properties, backup: { ...server.properties.backup, backupRetentionDays: 1 } },
        },
      ];
    }
    if (method === 'GET' && /\/flexibleServers\/[^/]+\/backups$/.test(p)) {
      return [200, p.includes(`/${postgresServer}/`) ? az('postgresBackups') : { value: [] }];
    }
    if (method === 'GET' && /\/storageAccounts\/[^/]+\/blobServices\/default$/.test(p)) {
      return [200, az('blobServices')];
    }
    if (method === 'GET' && /\/storageAccounts\/[^/]+\/managementPolicies\/default$/.test(p)) {
      return [200, az('managementPolicies')];
    }
    if (method === 'POST' && /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CostManagement\/query$/.test(p)) {
      const from = String(body?.timePeriod?.from ?? '');
      return [200, az(from >= monthStart ? 'costQuery.monthToDate' : 'costQuery.lastMonth')];
    }
    if (method === 'POST' && /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CostManagement\/forecast$/.test(p)) {
      return [200, az('costForecast')];
    }
    return undefined;
  }

  // the routes of readers/gcp/__testUtils__/fakeGoogleApis.ts, with the names replaced
  function gcpAnswer(method, p, query) {
    if (/^\/v1\/projects\/[^/]+:searchAllResources$/.test(p)) {
      return [200, gc(query.get('pageToken') ? 'searchAllResources-page2' : 'searchAllResources-page1')];
    }
    if (/^\/v3\/projects\/[^/]+\/alertPolicies$/.test(p)) return [200, gc('alertPolicies')];
    if (/^\/v3\/projects\/[^/]+\/alerts$/.test(p)) return [200, gc('alerts-open')];
    if (/^\/v1\/projects\/[^/]+\/instances$/.test(p)) return [200, gc('sql-instances')];
    if (/^\/v1\/projects\/[^/]+\/instances\/-\/backupRuns$/.test(p)) return [200, gc('backupRuns')];
    if (p === '/storage/v1/b') return [200, gc('buckets')];
    if (method === 'POST' && /^\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(p)) return [200, gc('bigquery-query')];
    return undefined;
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
      } catch {
        body = text;
      }
      seen.push(`${req.method} ${url.pathname}`);
      const [status, json] = answer(req.method ?? 'GET', url, body, req.headers) ?? [
        404,
        { error: { code: 'NotFound', message: `No route for ${req.method} ${url.pathname}` } },
      ];
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;

  return {
    endpoint,
    seen,
    /**
     * The backend's environment: Azure's managed identity endpoint, Google's credential file
     * (written into `dir`) and no metadata server; the readers' endpoints (APP_CONFIG_ overrides
     * of e2e/app-config.clouds.yaml) all point here.
     */
    env(dir) {
      const subjectToken = path.join(dir, 'subject-token');
      const credentials = path.join(dir, 'gcp-credentials.json');
      writeFileSync(subjectToken, 'eyJhbGciOiJSUzI1NiJ9.e2e-subject.signature');
      writeFileSync(
        credentials,
        JSON.stringify({
          type: 'external_account',
          audience:
            '//iam.googleapis.com/projects/804142017655/locations/global/workloadIdentityPools/backstage/providers/e2e',
          subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
          token_url: `${endpoint}/v1/token`,
          credential_source: { file: subjectToken },
        }),
      );
      return {
        IDENTITY_ENDPOINT: `${endpoint}/msi/token`,
        IDENTITY_HEADER: AZURE_IDENTITY_HEADER,
        GOOGLE_APPLICATION_CREDENTIALS: credentials,
        GCE_METADATA_HOST: endpoint.replace('http://', ''),
        METADATA_SERVER_DETECTION: 'none',
        APP_CONFIG_environments_azure_endpoint: endpoint,
        APP_CONFIG_environments_gcp_endpoint: endpoint,
      };
    },
    close() {
      return new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
