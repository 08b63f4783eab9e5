/**
 * The hcp executor against a stand-in for the HCP Terraform API on 127.0.0.1 (HCP Terraform
 * itself cannot run here). The stand-in answers the JSON:API calls the executor makes and keeps
 * what it received, so the test can check the uploaded configuration and the variables.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { list as listTar } from 'tar';
import { Readable } from 'node:stream';
import { checkDrift } from '../drift/checkDrift';
import { HcpTerraformExecutor } from './hcp';
import { TerraformCommandError, TerraformTimeoutError } from './process';

const SECRET = 'hcp-secret-value-7f3a9c';
const TOKEN =
  'abcdefghijklmn.atlasv1.0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ';

interface Fake {
  url: string;
  close(): Promise<void>;
  vars: any[];
  uploaded: string[];
  runs: any[];
  cancelled: string[];
  /** How each run ends. */
  outcome: 'applied' | 'errored' | 'never';
  /** Run statuses answered, in order. */
  statuses: string[];
  /** Which log was read in which run status. */
  logReads: string[];
  authorization: Set<string | undefined>;
}

async function startFake(): Promise<Fake> {
  const fake: Fake = {
    url: '',
    close: async () => {},
    vars: [],
    uploaded: [],
    runs: [],
    cancelled: [],
    outcome: 'applied',
    statuses: [],
    logReads: [],
    authorization: new Set(),
  };
  let workspaceExists = false;
  let polls = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/vnd.api+json' });
      res.end(JSON.stringify(data));
    };
    const url = req.url ?? '';
    if (url.startsWith('/api/'))
      fake.authorization.add(req.headers.authorization);
    const route = `${req.method} ${url}`;
    if (
      route === 'GET /api/v2/organizations/acme/workspaces/terrace-shop-dev'
    ) {
      return workspaceExists
        ? json(200, { data: { id: 'ws-1' } })
        : json(404, { errors: [{ status: '404' }] });
    }
    if (route === 'POST /api/v2/organizations/acme/workspaces') {
      workspaceExists = true;
      return json(201, {
        data: {
          id: 'ws-1',
          attributes: JSON.parse(body.toString()).data.attributes,
        },
      });
    }
    if (route === 'GET /api/v2/workspaces/ws-1/vars')
      return json(200, { data: [] });
    if (route === 'POST /api/v2/workspaces/ws-1/vars') {
      fake.vars.push(JSON.parse(body.toString()).data.attributes);
      return json(201, { data: { id: `var-${fake.vars.length}` } });
    }
    if (route === 'POST /api/v2/workspaces/ws-1/configuration-versions') {
      return json(201, {
        data: {
          id: 'cv-1',
          attributes: {
            'upload-url': `${fake.url}/upload/cv-1`,
            status: 'pending',
          },
        },
      });
    }
    if (route === 'PUT /upload/cv-1') {
      await new Promise<void>((resolve, reject) => {
        const parser = listTar({
          onReadEntry: (e: { path: string }) =>
            fake.uploaded.push(e.path.replace(/^\.\//, '')),
        } as any);
        Readable.from(body)
          .pipe(parser as any)
          .on('finish', resolve)
          .on('error', reject);
      });
      res.writeHead(200);
      return res.end();
    }
    if (route === 'GET /api/v2/configuration-versions/cv-1') {
      return json(200, {
        data: { id: 'cv-1', attributes: { status: 'uploaded' } },
      });
    }
    if (route === 'POST /api/v2/runs') {
      fake.runs.push(JSON.parse(body.toString()).data);
      return json(201, {
        data: { id: 'run-1', attributes: { status: 'pending' } },
      });
    }
    if (route.startsWith('GET /api/v2/runs/run-1')) {
      polls++;
      let status: string = fake.outcome;
      if (fake.outcome === 'never' || polls === 1) status = 'planning';
      else if (polls === 2 && fake.outcome === 'applied') status = 'applying';
      fake.statuses.push(status);
      return json(200, {
        data: {
          id: 'run-1',
          attributes: { status },
          relationships: {
            plan: { data: { id: 'plan-1' } },
            apply: { data: { id: 'apply-1' } },
          },
        },
      });
    }
    if (route === 'POST /api/v2/runs/run-1/actions/cancel') {
      fake.cancelled.push('run-1');
      return json(202, {});
    }
    if (route === 'GET /api/v2/plans/plan-1') {
      return json(200, {
        data: {
          attributes: {
            'log-read-url': `${fake.url}/logs/plan`,
            'resource-additions': 2,
            'resource-changes': 1,
            'resource-destructions': 0,
          },
        },
      });
    }
    if (route === 'GET /api/v2/applies/apply-1') {
      return json(200, {
        data: { attributes: { 'log-read-url': `${fake.url}/logs/apply` } },
      });
    }
    if (route === 'GET /logs/plan') {
      // the log grows while the plan runs: first a partial line, then all of it
      fake.logReads.push(
        `plan while ${fake.statuses[fake.statuses.length - 1]}`,
      );
      res.writeHead(200);
      const full = `\u0002Terraform v1.5.7\n  + secret = "${SECRET}"\nPlan: 2 to add, 1 to change, 0 to destroy.\u0003`;
      return res.end(
        polls <= 1 ? full.slice(0, full.indexOf('Plan:') + 6) : full,
      );
    }
    if (route === 'GET /logs/apply') {
      fake.logReads.push(
        `apply while ${fake.statuses[fake.statuses.length - 1]}`,
      );
      res.writeHead(200);
      return res.end(
        polls <= 2
          ? 'Applying...\n'
          : 'Applying...\nApply complete! Resources: 2 added, 1 changed, 0 destroyed.\n',
      );
    }
    return json(404, {
      errors: [{ status: '404', title: `no route ${route}` }],
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise(resolve => server.close(() => resolve()));
  return fake;
}

describe('HcpTerraformExecutor', () => {
  let fake: Fake;
  let work: string;
  let lines: string[];

  beforeEach(async () => {
    fake = await startFake();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-hcp-'));
    await fs.mkdir(path.join(work, '.terraform'));
    await fs.writeFile(path.join(work, '.terraform', 'junk'), 'x');
    await fs.writeFile(
      path.join(work, 'main.tf'),
      'variable "api_token" {\n  type      = string\n  sensitive = true\n}\nvariable "size" {\n  type = string\n}\n',
    );
    lines = [];
  });
  afterEach(async () => {
    await fake.close();
    await fs.rm(work, { recursive: true, force: true });
  });

  const executor = () =>
    new HcpTerraformExecutor({
      address: fake.url,
      token: TOKEN,
      organization: 'acme',
      workspacePrefix: 'terrace-',
      pollIntervalMs: 10,
    });
  const request = (extra: object = {}) => ({
    environment: 'shop-dev',
    workingDirectory: work,
    variables: { api_token: SECRET, size: 'small' },
    env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
    log: (l: string) => lines.push(l),
    ...extra,
  });

  it('creates the workspace, sets variables, uploads the configuration, runs, streams the logs masked', async () => {
    const result = await executor().run(request());
    expect(result).toEqual({
      executor: 'hcp',
      status: 'applied',
      message: 'Applied. Plan: 2 to add, 1 to change, 0 to destroy.',
      plan: { add: 2, change: 1, destroy: 0, resources: [] },
      runUrl: `${fake.url}/app/acme/workspaces/terrace-shop-dev/runs/run-1`,
    });
    expect(fake.authorization).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(fake.uploaded).toContain('main.tf');
    expect(fake.uploaded.some(p => p.includes('.terraform'))).toBe(false);
    expect(fake.vars).toEqual([
      {
        key: 'api_token',
        value: SECRET,
        category: 'terraform',
        sensitive: true,
      },
      { key: 'size', value: 'small', category: 'terraform', sensitive: false },
      {
        key: 'AWS_ACCESS_KEY_ID',
        value: 'AKIAIOSFODNN7EXAMPLE',
        category: 'env',
        sensitive: true,
      },
    ]);
    expect(fake.runs[0].attributes).toEqual({
      message: 'Terrace: apply shop-dev',
      'plan-only': false,
      'is-destroy': false,
      'auto-apply': true,
    });
    const log = lines.join('\n');
    // followed while running, each line once, in order
    expect(fake.logReads).toEqual(
      expect.arrayContaining(['plan while planning', 'apply while applying']),
    );
    const fromLogs = lines.filter(
      l => !/^(HCP Terraform workspace|Uploaded|Run run-1)/.test(l),
    );
    expect(fromLogs).toEqual([
      'Terraform v1.5.7',
      '  + secret = ***',
      'Plan: 2 to add, 1 to change, 0 to destroy.',
      'Applying...',
      'Apply complete! Resources: 2 added, 1 changed, 0 destroyed.',
    ]);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(TOKEN);
  });

  it('plans only when asked', async () => {
    fake.outcome = 'applied';
    await executor().run(request({ planOnly: true }));
    expect(fake.runs[0].attributes['plan-only']).toBe(true);
    expect(fake.runs[0].attributes['auto-apply']).toBe(false);
  });

  it('checks drift with a plan-only run: changes are drifted, with the summary and the run', async () => {
    fake.outcome = 'applied';
    const drift = await checkDrift({
      executor: executor(),
      request: request(),
      now: () => new Date('2026-12-01T12:00:00.000Z'),
    });
    expect(fake.runs[0].attributes['plan-only']).toBe(true);
    expect(fake.runs[0].attributes['auto-apply']).toBe(false);
    expect(drift).toEqual({
      environment: 'shop-dev',
      status: 'drifted',
      checkedAt: '2026-12-01T12:00:00.000Z',
      resources: [],
      reason: `Plan: 2 to add, 1 to change, 0 to destroy. The resources are listed in the run: ${fake.url}/app/acme/workspaces/terrace-shop-dev/runs/run-1`,
    });
  });

  it('fails with the run status when the run errors', async () => {
    fake.outcome = 'errored';
    const error = await executor()
      .run(request())
      .catch(e => e);
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error.message).toBe(
      `HCP Terraform run run-1 ended errored: ${fake.url}/app/acme/workspaces/terrace-shop-dev/runs/run-1`,
    );
  });

  it('cancels the run when the time limit is reached', async () => {
    fake.outcome = 'never';
    const error = await executor()
      .run(request({ timeoutMs: 200 }))
      .catch(e => e);
    expect(error).toBeInstanceOf(TerraformTimeoutError);
    expect(fake.cancelled).toEqual(['run-1']);
  });
});
