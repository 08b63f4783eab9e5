import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import { assertUniqueAddresses } from '../addresses';
import { attr, Block, BodyItem, comment, formatHcl } from '../hcl';
import { AwsContext, AwsEmitted, createContext, id } from './context';
import { emitBucket } from './bucket';
import { emitCdn } from './cdn';
import { atlasVariables } from '../atlas';
import { emitMongodb } from './mongodb';
import { emitNetwork } from './network';
import { emitPostgres } from './postgres';
import { emitRedis } from './redis';
import { emitRegistry } from './registry';
import { emitSecrets } from './secrets';
import { emitEcsCluster, emitService } from './service';
import { emitShared } from './shared';
import { emitBackend, emitVersions } from './state';
import { emitProviders } from './tags';
import { emitVmGroup } from './vmGroup';

export { stateLocation, AWS_PROVIDER_CONSTRAINT } from './state';
export { secretParameterName, SECRET_PLACEHOLDER } from './secrets';

function emitComponents(ctx: AwsContext): AwsEmitted[] {
  return ctx.env.components.map(c => {
    switch (c.type) {
      case 'postgres':
        return emitPostgres(ctx, c);
      case 'redis':
        return emitRedis(ctx, c);
      case 'bucket':
        return emitBucket(ctx, c);
      case 'cdn':
        return emitCdn(ctx, c);
      case 'service':
        return emitService(ctx, c);
      case 'vm-group':
        return emitVmGroup(ctx, c);
      case 'mongodb':
        return emitMongodb(ctx, c);
      case 'registry':
        return emitRegistry(ctx, c);
      case 'secrets':
        return emitSecrets(ctx, c);
      default:
        throw new TypeError(
          `no AWS emitter for component type ${(c as { type: string }).type}`,
        );
    }
  });
}

/** The root module's HCL items per file name (unformatted), for tests and the writer. */
export function buildAwsTerraform(
  env: ResolvedEnvironment,
): Map<string, BodyItem[]> {
  if (env.cloud !== 'aws') {
    throw new TypeError(
      `the AWS generator cannot generate a ${env.cloud} environment`,
    );
  }
  const ctx = createContext(env);
  const emitted: AwsEmitted[] = [
    emitVersions(ctx),
    emitProviders(ctx),
    emitBackend(ctx),
    emitShared(ctx),
    emitNetwork(ctx),
    ...(ctx.ofType('service').length > 0 ? [emitEcsCluster(ctx)] : []),
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
  if (ctx.ofType('mongodb').length > 0) {
    variables.push(...atlasVariables());
  }
  files.set('variables.tf', variables);
  files.set('outputs.tf', outputs);
  files.set('terraform.tfvars', tfvars(ctx, variables));
  assertUniqueAddresses(env, files, {
    id,
    taken:
      'names ending in -alb, -task, -logs and the like are taken by generated resources',
  });
  return files;
}

/** Values for the variables: the region, and placeholders (comments) for what the owner must supply. */
function tfvars(ctx: AwsContext, variables: Block[]): BodyItem[] {
  const items: BodyItem[] = [attr('region', ctx.env.region)];
  const required = variables.filter(
    v => !v.body.some(i => i.kind === 'attribute' && i.name === 'default'),
  );
  if (required.length > 0) {
    items.push(
      comment(
        ctx.ofType('mongodb').length > 0
          ? 'Required before the first plan (Atlas API keys go in CI secrets as TF_VAR_atlas_*, not here):'
          : 'Required before the first plan:',
      ),
    );
    for (const v of required) {
      if (v.labels[0].startsWith('atlas_') && v.labels[0] !== 'atlas_org_id')
        continue;
      items.push(comment(`${v.labels[0]} = "..."`));
    }
  }
  return items;
}

/** The formatted root module: file name (under `terraform/`) to content, sorted by name. */
export async function generateAwsTerraform(
  env: ResolvedEnvironment,
): Promise<Record<string, string>> {
  const built = buildAwsTerraform(env);
  const out: Record<string, string> = {};
  for (const name of [...built.keys()].sort()) {
    out[name] = await formatHcl(built.get(name)!);
  }
  return out;
}
