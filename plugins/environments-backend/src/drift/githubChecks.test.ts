import { ConfigReader } from '@backstage/config';
import { GithubChecksDriftReader } from './githubChecks';
import {
  annotation,
  checkRun,
  startGithubApi,
  type FakeRepository,
} from './__testUtils__/githubApi';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOST = 'github.terrace.test';
const location = (repo: string) => `url:https://${HOST}/acme/${repo}`;

describe('GithubChecksDriftReader (a GitHub API on 127.0.0.1)', () => {
  const repositories = new Map<string, FakeRepository>();
  let api: Awaited<ReturnType<typeof startGithubApi>>;
  let reader: GithubChecksDriftReader;

  beforeAll(async () => {
    api = await startGithubApi(repositories);
    reader = GithubChecksDriftReader.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: HOST, apiBaseUrl: api.apiBaseUrl, token: 'test-token' },
          ],
        },
      }),
      { now: () => NOW },
    );
  });
  afterAll(() => api.close());
  beforeEach(() => {
    repositories.clear();
    api.requests.length = 0;
  });

  it('reads the latest drift job on the default branch: success is no drift, at the time it completed', async () => {
    repositories.set('acme/shop-ci', {
      defaultBranch: 'trunk',
      checkRuns: [
        // the push's run skipped the drift job; two scheduled runs, the later one counts
        checkRun({
          id: 30,
          conclusion: 'skipped',
          completed_at: '2026-12-01T09:00:00Z',
        }),
        checkRun({
          id: 10,
          conclusion: 'failure',
          completed_at: '2026-11-30T00:18:00Z',
        }),
        checkRun({
          id: 20,
          conclusion: 'success',
          completed_at: '2026-12-01T06:18:41Z',
        }),
      ],
    });
    await expect(reader.read('shop-ci', location('shop-ci'))).resolves.toEqual({
      environment: 'shop-ci',
      status: 'none',
      checkedAt: '2026-12-01T06:18:41Z',
    });
    expect(api.requests).toEqual([
      {
        method: 'GET',
        url: '/api/v3/repos/acme/shop-ci',
        authorization: 'token test-token',
      },
      {
        method: 'GET',
        url: '/api/v3/repos/acme/shop-ci/commits/trunk/check-runs?check_name=drift&filter=all&per_page=100',
        authorization: 'token test-token',
      },
    ]);
  });

  it('a failed drift job is drifted, with the resources its annotation lists', async () => {
    repositories.set('acme/shop-ci', {
      checkRuns: [
        checkRun({ id: 41, conclusion: 'failure', annotations_count: 2 }),
      ],
      annotations: {
        41: [
          annotation(
            'failure',
            'Process completed with exit code 2.',
            'Process completed with exit code 2.',
          ),
          annotation(
            'warning',
            'terraform drift',
            'aws_s3_bucket.assets (update)\naws_ssm_parameter.db["url"] (delete, create)',
          ),
        ],
      },
    });
    await expect(reader.read('shop-ci', location('shop-ci'))).resolves.toEqual({
      environment: 'shop-ci',
      status: 'drifted',
      checkedAt: '2026-11-30T06:18:41Z',
      resources: [
        { address: 'aws_s3_bucket.assets', actions: ['update'] },
        {
          address: 'aws_ssm_parameter.db["url"]',
          actions: ['delete', 'create'],
        },
      ],
    });
    expect(api.requests.at(-1)?.url).toBe(
      '/api/v3/repos/acme/shop-ci/check-runs/41/annotations?per_page=100',
    );
  });

  it('a failed job without the list (an older workflow) is drifted with a link to the run', async () => {
    repositories.set('acme/shop-ci', {
      checkRuns: [checkRun({ id: 42, conclusion: 'failure' })],
    });
    await expect(reader.read('shop-ci', location('shop-ci'))).resolves.toEqual({
      environment: 'shop-ci',
      status: 'drifted',
      checkedAt: '2026-11-30T06:18:41Z',
      reason:
        'the drift job failed without listing the changed resources (a workflow generated before Terrace listed them, or a step before the plan failed): https://github.com/acme/shop-ci/actions/runs/1/job/42',
    });
  });

  it('a plan that failed in the job is unknown with Terraform’s error', async () => {
    repositories.set('acme/shop-ci', {
      checkRuns: [
        checkRun({ id: 43, conclusion: 'failure', annotations_count: 1 }),
      ],
      annotations: {
        43: [
          annotation(
            'failure',
            'terraform drift check failed',
            'Error: No valid credential sources found',
          ),
        ],
      },
    });
    await expect(reader.read('shop-ci', location('shop-ci'))).resolves.toEqual({
      environment: 'shop-ci',
      status: 'unknown',
      checkedAt: NOW.toISOString(),
      reason:
        "the drift job's terraform plan failed: Error: No valid credential sources found (https://github.com/acme/shop-ci/actions/runs/1/job/43)",
    });
  });

  it('no run yet, a run still going or cancelled: unknown with why', async () => {
    const reasonWith = async (repository: FakeRepository) => {
      repositories.set('acme/shop-ci', repository);
      const drift = await reader.read('shop-ci', location('shop-ci'));
      expect(drift.status).toBe('unknown');
      return drift.reason;
    };
    expect(
      await reasonWith({
        checkRuns: [checkRun({ id: 1, conclusion: 'skipped' })],
      }),
    ).toBe(
      "the drift job (.github/workflows/terraform.yml, job drift) has not run on the latest commit of main yet: it runs on the workflow's schedule",
    );
    expect(await reasonWith({ checkRuns: [] })).toMatch(/has not run/);
    expect(
      await reasonWith({
        checkRuns: [
          checkRun({
            id: 2,
            status: 'in_progress',
            conclusion: null,
            completed_at: null,
            started_at: '2026-12-01T11:59:00Z',
          }),
        ],
      }),
    ).toBe(
      'the drift job is in progress (started 2026-12-01T11:59:00Z): https://github.com/acme/shop-ci/actions/runs/1/job/2',
    );
    expect(
      await reasonWith({
        checkRuns: [checkRun({ id: 3, conclusion: 'cancelled' })],
      }),
    ).toBe(
      "the drift job's latest run ended cancelled: https://github.com/acme/shop-ci/actions/runs/1/job/3",
    );
  });

  it('GitHub refusing, a missing repository, a local repository or a host without an integration: unknown with why', async () => {
    repositories.set('acme/shop-ci', { status: 401 });
    expect(await reader.read('shop-ci', location('shop-ci'))).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(
        /^GitHub answered 401 for the repository of acme\/shop-ci: Bad credentials/,
      ),
    });
    expect(
      (await reader.read('shop-gone', location('shop-gone'))).reason,
    ).toMatch(/^GitHub answered 404 for the repository of acme\/shop-gone/);
    expect(
      await reader.read('shop-dev', 'url:file:///var/terrace/repos/shop-dev/'),
    ).toEqual({
      environment: 'shop-dev',
      status: 'unknown',
      checkedAt: NOW.toISOString(),
      reason:
        "the ci executor's drift job runs in the repository's workflow (.github/workflows/terraform.yml), but file:///var/terrace/repos/shop-dev/ is a local git repository, where no workflow runs: publish the environment to GitHub, or check it with the local or hcp executor",
    });
    expect(
      (await reader.read('shop-gl', 'url:https://gitlab.terrace.test/acme/x'))
        .reason,
    ).toBe(
      "no GitHub integration is configured for gitlab.terrace.test (integrations.github), so the drift job's checks in https://gitlab.terrace.test/acme/x cannot be read",
    );
    expect((await reader.read('shop-x', undefined)).reason).toMatch(
      /no backstage.io\/source-location/,
    );
    expect(
      (await reader.read('shop-x', `url:https://${HOST}/acme`)).reason,
    ).toBe(
      `the source location https://${HOST}/acme names no repository (https://${HOST}/<owner>/<repository>)`,
    );
  });
});
