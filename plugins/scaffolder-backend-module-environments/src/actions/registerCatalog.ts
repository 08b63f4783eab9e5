import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './registerCatalog.examples';
import { withUserFacingErrors } from './userErrors';

/**
 * `terrace:catalog:register`: registers the environment entity's location (a file on the
 * Backstage host or a URL) and waits until the entity is in the catalog, so the link the task
 * shows opens a page that exists.
 */
export function createRegisterCatalogAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  waitSeconds: number;
}) {
  const { catalog, auth } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:catalog:register',
      description:
        'Registers the environment entity (file or URL location) in the catalog and waits until it appears.',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          catalogInfoUrl: z =>
            z.string({
              description:
                'Where catalog-info.yaml is: a file: URL or absolute path on the Backstage host, or an http(s) URL',
            }),
          entityRef: z =>
            z
              .string({
                description:
                  'The entity it holds, e.g. resource:default/shop-dev; waited for when given',
              })
              .regex(
                /^[a-z]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
                'must be kind:namespace/name',
              )
              .optional(),
          waitSeconds: z =>
            z
              .number({
                description: 'How long to wait for the entity to appear',
              })
              .int()
              .min(0)
              .max(600)
              .optional(),
        },
        output: {
          entityRef: z =>
            z.string({ description: 'The registered entity' }).optional(),
          locationRef: z => z.string({ description: 'The catalog location' }),
        },
      },
      async handler(ctx) {
        const raw = ctx.input.catalogInfoUrl;
        let location: { type: 'file' | 'url'; target: string };
        if (raw.startsWith('file:')) {
          location = { type: 'file', target: fileURLToPath(raw) };
        } else if (path.isAbsolute(raw)) {
          location = { type: 'file', target: raw };
        } else if (/^https?:\/\//.test(raw)) {
          location = { type: 'url', target: raw };
        } else {
          throw new InputError(
            `catalogInfoUrl: "${raw}" must be a file: URL, an absolute path or an http(s) URL`,
          );
        }
        const locationRef = `${location.type}:${location.target}`;
        if (ctx.isDryRun) {
          ctx.logger.info(`Dry run: would register ${locationRef}`);
          ctx.output('locationRef', locationRef);
          if (ctx.input.entityRef)
            ctx.output(
              'entityRef',
              ctx.input.entityRef.toLocaleLowerCase('en-US'),
            );
          return;
        }

        const credentials = await ctx.getInitiatorCredentials();
        await ctx.checkpoint({
          key: `terrace.catalog.register.${locationRef}`,
          fn: async () => {
            try {
              await catalog.addLocation(location, { credentials });
              ctx.logger.info(`Registered location ${locationRef}`);
            } catch (e) {
              // Registered before (the environment is being re-created): the entity refresh below
              // re-reads it.
              if ((e as Error)?.name === 'ConflictError') {
                ctx.logger.info(
                  `Location ${locationRef} was already registered`,
                );
                return;
              }
              const reason: string | undefined = (e as any)?.body?.error
                ?.message;
              if (
                location.type === 'file' &&
                reason?.includes('allowed type')
              ) {
                throw new InputError(
                  `catalogInfoUrl: the catalog does not accept file locations (${reason}); add catalogModuleEnvironmentFileLocations to the backend, or publish to a git host`,
                );
              }
              if (reason) {
                throw new InputError(
                  `catalogInfoUrl: the catalog refused ${locationRef}: ${reason}`,
                );
              }
              throw e;
            }
          },
        });

        const entityRef = ctx.input.entityRef?.toLocaleLowerCase('en-US');
        if (entityRef) {
          const deadline =
            Date.now() + (ctx.input.waitSeconds ?? options.waitSeconds) * 1000;
          const serviceCredentials = await auth.getOwnServiceCredentials();
          for (;;) {
            await catalog
              .refreshEntity(entityRef, { credentials: serviceCredentials })
              .catch(() => undefined);
            const entity = await catalog.getEntityByRef(entityRef, {
              credentials: serviceCredentials,
            });
            if (entity) {
              ctx.logger.info(`${entityRef} is in the catalog`);
              break;
            }
            if (Date.now() >= deadline) {
              ctx.logger.warn(
                `${entityRef} is not in the catalog yet; the catalog will process ${locationRef} shortly`,
              );
              break;
            }
            await new Promise(r => setTimeout(r, 500));
          }
          ctx.output('entityRef', entityRef);
        }
        ctx.output('locationRef', locationRef);
      },
    }),
  );
}
