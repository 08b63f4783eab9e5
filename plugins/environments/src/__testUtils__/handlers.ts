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

/** Answers the drift endpoint with `body` (an EnvironmentDrift), or fails with `status`. */
export function answerDrift(body: JsonBodyType, status = 200) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/drift`, () =>
    HttpResponse.json(body, { status }),
  );
}

/** Answers the spec endpoint (the current environment.yaml and its form data) with `body`. */
export function answerSpec(body: JsonBodyType) {
  return http.get(`${BASE_URL}/v1/environments/:namespace/:name/spec`, () =>
    HttpResponse.json(body),
  );
}
