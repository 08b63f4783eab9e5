import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import { assertUniqueAddresses } from '../addresses';
import { attr, Block, BodyItem, comment, formatHcl } from '../hcl';
import { atlasVariables } from '../atlas';
import { emitBucket, emitStorage } from './bucket';
import { emitCdn } from './cdn';
import { AzureContext, AzureEmitted, createContext, id } from './context';
import { emitMongodb } from './mongodb';
import { emitNetwork } from './network';
import { emitPostgres } from './postgres';
import { emitRedis } from './redis';
import { emitRegistry } from './registry';
import { emitSecrets } from './secrets';
import { emitAppsEnvironment, emitService } from './service';
import { emitShared } from './shared';
import { emitBackend, emitProviders, emitVersions } from './state';
import { emitVmGroup } from './vmGroup';

export { azureStateLocation, AZURERM_PROVIDER_CONSTRAINT } from './state';

/** Every component's emitter output, the environment-wide storage and Container Apps first. */
function emitComponents(ctx: AzureContext): AzureEmitted[] {
  const out: AzureEmitted[] = [];
  if (ctx.ofType('bucket').length > 0) out.push(emitStorage(ctx));
  if (ctx.ofType('service').length > 0) out.push(emitAppsEnvironment(ctx));
  for (const c of ctx.env.components) {
    switch (c.type) {
      case 'postgres':
        out.push(emitPostgres(ctx, c));
        break;
      case 'redis':
        out.push(emitRedis(ctx, c));
        break;
      case 'bucket':
        out.push(emitBucket(ctx, c));
        break;
      case 'mongodb':
        out.push(emitMongodb(ctx, c));
        break;
      case 'secrets':
        out.push(emitSecrets(ctx, c));
        break;
      case 'cdn':
        out.push(emitCdn(ctx, c));
        break;
      case 'registry':
        out.push(emitRegistry(ctx, c));
        break;
      case 'service':
        out.push(emitService(ctx, c));
        break;
      case 'vm-group':
        out.push(emitVmGroup(ctx, c));
        break;
      default:
        throw new TypeError(
          `no Azure emitter for component type ${(c as { type: string }).type}`,
        );
    }
  }
  return out;
}

/** The root module's HCL items per file name (unformatted), for tests and the writer. */
export function buildAzureTerraform(
  env: ResolvedEnvironment,
): Map<string, BodyItem[]> {
  if (env.cloud !== 'azure') {
    throw new TypeError(
      `the Azure generator cannot generate a ${env.cloud} environment`,
    );
  }
  const ctx = createContext(env);
  const emitted: AzureEmitted[] = [
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
  files.set('terraform.tfvars', tfvars(ctx, variables));
  assertUniqueAddresses(env, files, {
    id,
    taken:
      'names such as key-vault, storage and storage-blob are taken by generated resources',
  });
  return files;
}

/** Values for the variables: the location, and placeholders (comments) for what the owner supplies. */
function tfvars(ctx: AzureContext, variables: Block[]): BodyItem[] {
  const items: BodyItem[] = [attr('location', ctx.env.region)];
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
      const list = v.body.some(
        i =>
          i.kind === 'attribute' &&
          i.name === 'type' &&
          typeof i.value === 'object' &&
          i.value !== null &&
          'text' in i.value &&
          i.value.text.startsWith('list'),
      );
      items.push(comment(`${v.labels[0]} = ${list ? '["..."]' : '"..."'}`));
    }
  }
  return items;
}

/** The formatted root module: file name (under `terraform/`) to content, sorted by name. */
export async function generateAzureTerraform(
  env: ResolvedEnvironment,
): Promise<Record<string, string>> {
  const built = buildAzureTerraform(env);
  const out: Record<string, string> = {};
  for (const name of [...built.keys()].sort()) {
    out[name] = await formatHcl(built.get(name)!);
  }
  return out;
}
