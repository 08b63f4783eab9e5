/** Test-only msw handlers for the status API, on the loopback base URL. */
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { BASE_URL } from './fixtures';

type Section = 'resources' | 'alarms' | 'backups' | 'cost';

export const sectionPath = (section: Section) =>
  `${BASE_URL}/v1/environments/:namespace/:name/${section}`;

/** Answers the section with `body` (status 200). */
export function answerSection(section: Section, body: JsonBodyType) {
  return http.get(sectionPath(section), () => HttpResponse.json(body));
}

/** Never answers, so the card stays loading. */
export function hangSection(section: Section) {
  return http.get(sectionPath(section), async () => {
    await delay('infinite');
    return HttpResponse.json({});
  });
}

/** Answers with a Backstage error body and the given HTTP status (only once with `once`). */
export function failSection(
  section: Section,
  status: number,
  message: string,
  options: { once?: boolean } = {},
) {
  return http.get(
    sectionPath(section),
    () =>
      HttpResponse.json(
        {
          error: {
            name: status === 404 ? 'NotFoundError' : 'Error',
            message,
          },
          response: { statusCode: status },
        },
        { status },
      ),
    { once: options.once },
  );
}

/** Answers the plan endpoint (estimate, planned resources, apply state) with `body`. */
export function answerPlan(body: JsonBodyType) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/plan`, () =>
    HttpResponse.json(body),
  );
}

/** Answers the environment's history with `items` (newest first, as the backend does). */
export function answerHistory(items: JsonBodyType[]) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/history`, () =>
    HttpResponse.json({ items }),
  );
}

/**
 * A tiny approvals backend: answers `GET /v1/approvals` from `approvals` (filtered by status and
 * environment) and decides them on `POST /v1/approvals/:id/approve|reject` as the backend does
 * (403 for the requester, whom the test names in the `Authorization`-less fetch as `viewer`).
 */
export function approvalsBackend(
  approvals: Array<Record<string, any>>,
  viewer: string,
) {
  return [
    http.get(`${BASE_URL}/v1/approvals`, ({ request }) => {
      const url = new URL(request.url);
      const status = url.searchParams.get('status');
      const environment = url.searchParams.get('environment');
      return HttpResponse.json({
        items: approvals.filter(
          a =>
            (!status || a.status === status) &&
            (!environment || a.environment === environment),
        ),
      });
    }),
    http.post(`${BASE_URL}/v1/approvals/:id/:decision`, ({ params }) => {
      const approval = approvals.find(a => a.id === params.id);
      if (!approval) return HttpResponse.json({}, { status: 404 });
      if (approval.requestedBy === viewer) {
        return HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: `You requested the ${approval.action} of ${approval.environment}: someone else with the terrace.environment.approve permission must decide it`,
            },
          },
          { status: 403 },
        );
      }
      approval.status = params.decision === 'approve' ? 'approved' : 'rejected';
      approval.decidedBy = viewer;
      approval.decidedAt = new Date().toISOString();
      return HttpResponse.json(approval);
    }),
  ];
}

/** Answers the drift endpoint with `body` (an EnvironmentDrift), or fails with `status`. */
export function answerDrift(body: JsonBodyType, status = 200) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/drift`, () =>
    HttpResponse.json(body, { status }),
  );
}

/** Answers the pending changes endpoint with `body` (a PendingChangesResponse). */
export function answerChanges(body: JsonBodyType) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/changes`, () =>
    HttpResponse.json(body),
  );
}

/** Answers the spec endpoint (the current environment.yaml and its form data) with `body`. */
export function answerSpec(body: JsonBodyType) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/spec`, () =>
    HttpResponse.json(body),
  );
}
