import type { ResolvedService } from '@terrace/plugin-environments-common';
import {
  attr,
  block,
  body,
  raw,
  resource,
  template,
  TemplateExpr,
} from '../hcl';
import { emitAlarms } from './alarms';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  NETWORK_ID,
  PROJECT,
  REGION,
  SUBNET_ID,
} from './context';

/**
 * Who may reach a Cloud Run service. Terrace's own rule (checkov 3.3.30 does not check Cloud Run
 * v2): the service is invoked by `allUsers` only when the spec says `public: true`; otherwise it
 * takes internal traffic only and no public invoker binding is made.
 */
export function cloudRunIngress(svc: ResolvedService): string {
  return svc.public ? 'INGRESS_TRAFFIC_ALL' : 'INGRESS_TRAFFIC_INTERNAL_ONLY';
}

/** The image reference: inside the environment's Artifact Registry repository when `registry` is set. */
function image(svc: ResolvedService): string | TemplateExpr {
  if (!svc.registry) return svc.image;
  const repo = `google_artifact_registry_repository.${id(svc.registry)}`;
  return template(
    raw(`${repo}.location`),
    '-docker.pkg.dev/',
    PROJECT,
    '/',
    raw(`${repo}.repository_id`),
    `/${svc.image}`,
  );
}

/**
 * `service-<name>.tf` for a `service` component: a Cloud Run v2 service with its own service
 * account, `minCount`-`maxCount` instances, the container's CPU and memory limits, a startup and
 * liveness probe on `healthCheckPath`, Direct VPC egress into the environment's subnet for
 * private ranges (Cloud SQL and Memorystore private IPs), deletion protection in prod, a public
 * invoker binding only when `public: true`, and its alert policies. Cloud Run scales on
 * concurrency, so `cpuTarget` has no Cloud Run setting.
 */
export function emitService(ctx: GcpContext, svc: ResolvedService): GcpEmitted {
  const n = id(svc.name);
  const names = gcpNames(ctx, svc);
  const probe = (kind: string, extra: Record<string, number>) =>
    block(
      kind,
      [],
      [
        ...Object.entries(extra).map(([k, v]) => attr(k, v)),
        block('http_get', [], { path: svc.healthCheckPath, port: svc.port }),
      ],
    );
  const service = `google_cloud_run_v2_service.${n}`;
  return {
    file: `service-${svc.name}.tf`,
    items: body(
      {},
      resource('google_service_account', n, {
        account_id: names.serviceAccount,
        display_name: `Cloud Run service ${names.runService}`,
        description: `Identity of the ${svc.name} service of ${ctx.env.name}`,
      }),
      resource('google_cloud_run_v2_service', n, [
        attr('name', names.runService),
        attr('location', REGION),
        attr('ingress', cloudRunIngress(svc)),
        attr('deletion_protection', ctx.env.tier === 'prod'),
        attr('labels', componentLabels(svc.name)),
        block(
          'template',
          [],
          [
            attr('service_account', raw(`google_service_account.${n}.email`)),
            attr('labels', componentLabels(svc.name)),
            block('scaling', [], {
              min_instance_count: svc.minCount,
              max_instance_count: svc.maxCount,
            }),
            block(
              'vpc_access',
              [],
              [
                attr('egress', 'PRIVATE_RANGES_ONLY'),
                block('network_interfaces', [], {
                  network: NETWORK_ID,
                  subnetwork: SUBNET_ID,
                }),
              ],
            ),
            block(
              'containers',
              [],
              [
                attr('image', image(svc)),
                block('ports', [], { container_port: svc.port }),
                block(
                  'resources',
                  [],
                  [
                    attr('limits', {
                      kind: 'map',
                      entries: [
                        ['cpu', String(svc.cpu)],
                        ['memory', `${svc.memoryMb}Mi`],
                      ],
                    }),
                    attr('cpu_idle', true),
                  ],
                ),
                probe('startup_probe', {
                  period_seconds: 10,
                  failure_threshold: 6,
                }),
                probe('liveness_probe', {
                  period_seconds: 30,
                  failure_threshold: 3,
                }),
              ],
            ),
          ],
        ),
      ]),
      svc.public &&
        resource('google_cloud_run_v2_service_iam_member', `${n}_public`, {
          name: raw(`${service}.name`),
          location: raw(`${service}.location`),
          role: 'roles/run.invoker',
          member: 'allUsers',
        }),
      emitAlarms(ctx, svc.name, () =>
        template(
          'resource.labels.service_name = "',
          raw(`${service}.name`),
          '"',
        ),
      ),
    ),
    outputs: [
      block('output', [`${n}_url`], {
        description: `${svc.name}: Cloud Run service URL`,
        value: raw(`${service}.uri`),
      }),
    ],
  };
}
