/**
 * A GitHub REST API on 127.0.0.1 for the drift tests, answering the three calls the ci drift
 * reader makes with GitHub's documented response shapes:
 * - "Get a repository": https://docs.github.com/en/rest/repos/repos#get-a-repository
 * - "List check runs for a Git reference":
 *   https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference
 * - "List check run annotations":
 *   https://docs.github.com/en/rest/checks/runs#list-check-run-annotations
 * Each repository's answers are set per test; anything else is GitHub's 404 body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A check run as the docs' example response shows it (the fields GitHub always sends). */
export function checkRun(fields: {
  id: number;
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion?:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required'
    | null;
  started_at?: string;
  completed_at?: string | null;
  annotations_count?: number;
  owner?: string;
  repo?: string;
}) {
  const owner = fields.owner ?? 'acme';
  const repo = fields.repo ?? 'shop-ci';
  return {
    id: fields.id,
    head_sha: 'ce587453ced02b1526dfb4cb910479d431683101',
    node_id: 'MDg6Q2hlY2tSdW40',
    external_id: '',
    url: `https://api.github.com/repos/${owner}/${repo}/check-runs/${fields.id}`,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/1/job/${fields.id}`,
    details_url: `https://github.com/${owner}/${repo}/actions/runs/1/job/${fields.id}`,
    status: fields.status ?? 'completed',
    conclusion: fields.conclusion === undefined ? 'success' : fields.conclusion,
    started_at: fields.started_at ?? '2026-11-30T06:17:04Z',
    completed_at:
      fields.completed_at === undefined
        ? '2026-11-30T06:18:41Z'
        : fields.completed_at,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: fields.annotations_count ?? 0,
      annotations_url: `https://api.github.com/repos/${owner}/${repo}/check-runs/${fields.id}/annotations`,
    },
    name: 'drift',
    check_suite: { id: 5 },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}

/** An annotation a workflow command (`::warning title=…::…`) makes, as the docs show one. */
export function annotation(
  level: 'notice' | 'warning' | 'failure',
  title: string,
  message: string,
) {
  return {
    path: '.github',
    start_line: 1,
    end_line: 1,
    start_column: null,
    end_column: null,
    annotation_level: level,
    title,
    message,
    raw_details: '',
    blob_href:
      'https://github.com/acme/shop-ci/blob/ce587453ced02b1526dfb4cb910479d431683101/.github',
  };
}

/** What one repository answers. */
export interface FakeRepository {
  defaultBranch?: string;
  checkRuns?: ReturnType<typeof checkRun>[];
  annotations?: Record<number, ReturnType<typeof annotation>[]>;
  /** Answer every call with this status and GitHub's error body instead. */
  status?: number;
}

/** A request the server received: method, path with query, and its Authorization header. */
export interface ReceivedRequest {
  method: string;
  url: string;
  authorization?: string;
}

/**
 * Starts the server on 127.0.0.1 (a free port) over `repositories` (`owner/repo` → answers; the
 * map may be changed between calls). `apiBaseUrl` is what an `integrations.github` entry takes.
 */
export async function startGithubApi(
  repositories: Map<string, FakeRepository>,
): Promise<{
  apiBaseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = () =>
      send(404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m =
      /^\/api\/v3\/repos\/([^/]+)\/([^/]+)(?:\/commits\/([^/]+)\/check-runs|\/check-runs\/(\d+)\/annotations)?$/.exec(
        url.pathname,
      );
    const repository = m && repositories.get(`${m[1]}/${m[2]}`);
    if (req.method !== 'GET' || !m || !repository) {
      notFound();
      return;
    }
    if (repository.status) {
      send(repository.status, {
        message: repository.status === 401 ? 'Bad credentials' : 'Server Error',
        documentation_url: 'https://docs.github.com/rest',
        status: String(repository.status),
      });
      return;
    }
    const [, owner, repo, ref, checkRunId] = m;
    if (checkRunId) {
      send(200, repository.annotations?.[Number(checkRunId)] ?? []);
      return;
    }
    if (ref) {
      const name = url.searchParams.get('check_name');
      const runs = (repository.checkRuns ?? []).filter(
        r => !name || r.name === name,
      );
      send(200, { total_count: runs.length, check_runs: runs });
      return;
    }
    send(200, {
      id: 1296269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name: repo,
      full_name: `${owner}/${repo}`,
      private: true,
      default_branch: repository.defaultBranch ?? 'main',
    });
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}/api/v3`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(e => (e ? reject(e) : resolve())),
      ),
  };
}
