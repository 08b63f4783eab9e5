import { InputError } from '@backstage/errors';
import type {
  ComponentType,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { assertUniqueAddresses } from '../addresses';
import { attr, Block, BodyItem, comment, formatHcl } from '../hcl';
import { createContext, GcpContext, GcpEmitted } from './context';
import { emitBucket } from './bucket';
import { emitCdn } from './cdn';
import { atlasVariables, emitMongodb } from './mongodb';
import { emitNetwork } from './network';
import { emitPostgres } from './postgres';
import { emitRedis } from './redis';
import { emitRegistry } from './registry';
import { emitSecrets } from './secrets';
import { emitService } from './service';
import { emitVmGroup } from './vmGroup';
import { emitShared } from './shared';
import { emitBackend, emitProviders, emitVersions } from './state';
import { id } from './naming';

export { gcpStateLocation, GOOGLE_PROVIDER_CONSTRAINT } from './state';

/** @public The component types the GCP emitter generates; any other is refused by name. */
export const GCP_GENERATED_TYPES: readonly ComponentType[] = [
  'postgres',
  'redis',
  'bucket',
  'secrets',
  'registry',
  'service',
  'cdn',
  'mongodb',
  'vm-group',
];

/**
 * Refuses, before anything is built, every component whose type the GCP emitter does not
 * generate yet: one line per component, at `spec.components[i].type`, and a cdn routed to a
 * vm-group at its `origins`. Nothing is half-generated.
 */
function assertGenerated(env: ResolvedEnvironment) {
  const problems = env.components.flatMap((c, i) =>
    GCP_GENERATED_TYPES.includes(c.type)
      ? []
      : [
          `spec.components[${i}].type: "${c.type}" (${
            c.name
          }) is not generated on Google Cloud yet; Google Cloud environments can hold ${GCP_GENERATED_TYPES.join(
            ', ',
          )}`,
        ],
  );
  // A cdn routes /api/* to Cloud Run through a serverless NEG; a vm-group behind it is not built.
  env.components.forEach((c, i) => {
    if (c.type !== 'cdn' || !c.serviceOrigin) return;
    const origin = env.components.find(o => o.name === c.serviceOrigin);
    if (origin?.type === 'vm-group') {
      problems.push(
        `spec.components[${i}].origins: "${origin.name}" is a vm-group; on Google Cloud a cdn serves buckets and Cloud Run services, not vm-groups yet (a vm-group has its own load balancer)`,
      );
    }
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

function emitComponents(ctx: GcpContext): GcpEmitted[] {
  return ctx.env.components.map((c, i) => {
    switch (c.type) {
      case 'postgres':
        return emitPostgres(ctx, c, i);
      case 'redis':
        return emitRedis(ctx, c, i);
      case 'bucket':
        return emitBucket(ctx, c);
      case 'secrets':
        return emitSecrets(ctx, c);
      case 'registry':
        return emitRegistry(ctx, c);
      case 'service':
        return emitService(ctx, c);
      case 'cdn':
        return emitCdn(ctx, c);
      case 'mongodb':
        return emitMongodb(ctx, c);
      case 'vm-group':
        return emitVmGroup(ctx, c);
      default:
        throw new TypeError(
          `no GCP emitter for component type ${(c as { type: string }).type}`,
        );
    }
  });
}

/** The root module's HCL items per file name (unformatted), for tests and the writer. */
export function buildGcpTerraform(
  env: ResolvedEnvironment,
): Map<string, BodyItem[]> {
  if (env.cloud !== 'gcp') {
    throw new TypeError(
      `the GCP generator cannot generate a ${env.cloud} environment`,
    );
  }
  assertGenerated(env);
  const ctx = createContext(env);
  const emitted: GcpEmitted[] = [
    emitVersions(ctx),
    emitProviders(ctx),
    emitBackend(ctx),
    emitShared(ctx),
    emitNetwork(ctx),
    ...emitComponents(ctx),
  ];
  const files = new Map<string, BodyItem[]>();
  const variables: Block[] = [];
  const outputs: Block[] = [];
  for (const e of emitted) {
    files.set(e.file, [...(files.get(e.file) ?? []), ...e.items]);
    variables.push(...(e.variables ?? []));
    outputs.push(...(e.outputs ?? []));
  }
  if (ctx.ofType('mongodb').length > 0) variables.push(...atlasVariables());
  files.set('variables.tf', variables);
  files.set('outputs.tf', outputs);
  const required = variables.filter(
    v => !v.body.some(i => i.kind === 'attribute' && i.name === 'default'),
  );
  files.set('terraform.tfvars', [
    attr('region', env.region),
    comment('Required before the first plan:'),
    ...required
      // Atlas API keys go in CI secrets as TF_VAR_atlas_*, never in this file.
      .filter(v => !/^atlas_(public|private)_key$/.test(v.labels[0]))
      .map(v => comment(`${v.labels[0]} = "..."`)),
  ]);
  assertUniqueAddresses(env, files, {
    id,
    taken: 'a generated resource of the environment has that address',
  });
  return files;
}

/** The formatted root module: file name (under `terraform/`) to content, sorted by name. */
export async function generateGcpTerraform(
  env: ResolvedEnvironment,
): Promise<Record<string, string>> {
  const built = buildGcpTerraform(env);
  const out: Record<string, string> = {};
  for (const name of [...built.keys()].sort()) {
    out[name] = await formatHcl(built.get(name)!);
  }
  return out;
}
