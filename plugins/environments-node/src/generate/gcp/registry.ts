import type { ResolvedRegistry } from '@terrace/plugin-environments-common';
import { attr, block, raw, resource } from '../hcl';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  REGION,
  skip,
} from './context';

const DAY_SECONDS = 86_400;

/**
 * `registry-<name>.tf` for a `registry` component: an Artifact Registry Docker repository in the
 * environment's region with cleanup policies: the `keepImages` most recent versions are kept,
 * untagged versions older than `untaggedExpireDays` are deleted, and tagged ones older than 30
 * days are deleted unless kept (KEEP policies win over DELETE ones). Tags are immutable in prod.
 */
export function emitRegistry(ctx: GcpContext, r: ResolvedRegistry): GcpEmitted {
  const n = id(r.name);
  const names = gcpNames(ctx, r);
  return {
    file: `registry-${r.name}.tf`,
    items: [
      resource('google_artifact_registry_repository', n, [
        skip(
          'CKV_GCP_84',
          'images are encrypted with Google-managed keys; no customer-managed key by design',
        ),
        attr('repository_id', names.repository),
        attr('location', REGION),
        attr('format', 'DOCKER'),
        attr('description', `Container images of ${ctx.env.name} (${r.name})`),
        attr('labels', componentLabels(r.name)),
        attr('cleanup_policy_dry_run', false),
        block('docker_config', [], { immutable_tags: ctx.env.tier === 'prod' }),
        block(
          'cleanup_policies',
          [],
          [
            attr('id', 'keep-most-recent'),
            attr('action', 'KEEP'),
            block('most_recent_versions', [], { keep_count: r.keepImages }),
          ],
        ),
        block(
          'cleanup_policies',
          [],
          [
            attr('id', 'delete-untagged'),
            attr('action', 'DELETE'),
            block('condition', [], {
              tag_state: 'UNTAGGED',
              older_than: `${r.untaggedExpireDays * DAY_SECONDS}s`,
            }),
          ],
        ),
        block(
          'cleanup_policies',
          [],
          [
            attr('id', 'delete-old-tagged'),
            attr('action', 'DELETE'),
            block('condition', [], {
              tag_state: 'TAGGED',
              older_than: `${30 * DAY_SECONDS}s`,
            }),
          ],
        ),
      ]),
    ],
    outputs: [
      block('output', [`${n}_repository_url`], {
        description: `${r.name}: Docker repository URL (push with docker push <url>/<image>:<tag>)`,
        value: raw(
          `"\${google_artifact_registry_repository.${n}.location}-docker.pkg.dev/\${google_artifact_registry_repository.${n}.project}/\${google_artifact_registry_repository.${n}.repository_id}"`,
        ),
      }),
    ],
  };
}
