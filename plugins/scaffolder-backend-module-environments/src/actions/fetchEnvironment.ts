import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TIER,
} from '@terrace/plugin-environments-common';
import type { PublishSettings } from '../config';
import { examples } from './fetchEnvironment.examples';
import { git } from './git';
import { insideWorkspace } from './publishGit';
import { withUserFacingErrors } from './userErrors';

/** `[kind:][namespace/]name`, as the EntityPicker writes it. */
const ENTITY_REF =
  /^(?:([a-z][a-z0-9-]*):)?(?:([a-z0-9._-]+)\/)?([a-z0-9._-]+)$/i;

function isInside(root: string, candidate: string) {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * `terrace:environment:fetch`: puts the repository of an environment entity in the workspace, for
 * the day-two actions (destroy). The entity's `backstage.io/source-location` says where it is: a
 * local repository of `terrace:git:publish` (`url:file://<localRoot>/<name>`) is cloned here from
 * its bare repository, since the scaffolder's `fetch:plain` cannot read `file:` URLs; any other
 * location (a git host) is returned as `remoteUrl` for a following `fetch:plain` step, which
 * reads it through the portal's integrations.
 *
 * Errors: `NotFoundError` for an unknown entity; `InputError` naming `entityRef` when it has no
 * source location or a `file:` one outside `terrace.publish.localRoot`.
 */
export function createFetchEnvironmentAction(options: {
  catalog: CatalogService;
  publish: PublishSettings;
}) {
  const { catalog, publish } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:fetch',
      description:
        "Clones an environment entity's local repository into the workspace; for a repository on a git host, outputs its URL for fetch:plain.",
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          entityRef: z =>
            z.string({
              description:
                'The environment entity, e.g. resource:default/shop-dev',
            }),
          targetPath: z =>
            z
              .string({
                description:
                  'Where in the workspace to put the repository. Default: the workspace itself',
              })
              .optional(),
        },
        output: {
          name: z => z.string({ description: 'The environment name' }),
          entityRef: z => z.string({ description: 'The entity, normalised' }),
          tier: z =>
            z
              .string({ description: 'terrace.dev/tier of the entity' })
              .optional(),
          localPath: z =>
            z
              .string({
                description: 'The local repository cloned, when it is one',
              })
              .optional(),
          remoteUrl: z =>
            z
              .string({
                description:
                  'The source location on a git host, for fetch:plain; absent for a local repository',
              })
              .optional(),
        },
      },
      async handler(ctx) {
        const parts = ENTITY_REF.exec(ctx.input.entityRef.trim());
        if (!parts) {
          throw new InputError(
            `entityRef: "${ctx.input.entityRef}" is not an entity reference, e.g. resource:default/shop-dev`,
          );
        }
        const entityRef = `${parts[1] ?? 'resource'}:${parts[2] ?? 'default'}/${
          parts[3]
        }`.toLocaleLowerCase('en-US');
        const entity = await catalog.getEntityByRef(entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        if (!entity) {
          throw new NotFoundError(
            `entityRef: ${entityRef} is not in the catalog`,
          );
        }
        const annotations = entity.metadata.annotations ?? {};
        const source = annotations[ANNOTATION_SOURCE_LOCATION];
        if (!source) {
          throw new InputError(
            `entityRef: ${entityRef} has no ${ANNOTATION_SOURCE_LOCATION} annotation; Terrace cannot tell where its repository is`,
          );
        }
        const url = source.replace(/^url:/, '');
        ctx.output('name', entity.metadata.name);
        ctx.output('entityRef', entityRef);
        if (annotations[ANNOTATION_TIER]) {
          ctx.output('tier', annotations[ANNOTATION_TIER]);
        }
        if (!url.startsWith('file:')) {
          ctx.logger.info(
            `The repository of ${entityRef} is on a git host (${url}): the fetch:plain step reads it`,
          );
          ctx.output('remoteUrl', url);
          return;
        }
        const checkout = path.resolve(fileURLToPath(url));
        if (!isInside(path.resolve(publish.localRoot), checkout)) {
          throw new InputError(
            `entityRef: the repository of ${entityRef} (${checkout}) is outside the local repositories (terrace.publish.localRoot ${publish.localRoot})`,
          );
        }
        const bare = `${checkout.replace(/\/+$/, '')}.git`;
        const from = (await fs
          .stat(path.join(bare, 'HEAD'))
          .catch(() => undefined))
          ? bare
          : checkout;
        if (!(await fs.stat(from).catch(() => undefined))) {
          throw new NotFoundError(
            `entityRef: the repository of ${entityRef} (${checkout}) does not exist`,
          );
        }
        const target = insideWorkspace(
          ctx.workspacePath,
          ctx.input.targetPath ?? '.',
          'targetPath',
        );
        await fs.mkdir(target, { recursive: true });
        ctx.logger.info(`Cloning ${from} into the workspace`);
        await git(['clone', '--quiet', from, '.'], target);
        ctx.output('localPath', checkout);
      },
    }),
  );
}
