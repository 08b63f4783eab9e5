import { parse } from '@cdktf/hcl2json';
import {
  resolveEnvironment,
  validateEnvironment,
} from '@terrace/plugin-environments-common';
import { terraformEmitters as defaultEmitters } from './emitters';
import type { TerraformEmitters } from './emitter';

/**
 * One `resource` block of a Terraform root module, as `terraform plan` will first create it.
 * @public
 */
export interface TerraformResourceBlock {
  /** `type.name`, e.g. `aws_db_instance.db`. */
  address: string;
  /** The resource type, e.g. `aws_db_instance`. */
  type: string;
  /** The `.tf` file it is declared in, e.g. `postgres-db.tf`. */
  file: string;
  /**
   * The component it belongs to: its `terrace:component` tag (or label); for a block without
   * tags (e.g. `random_id`, an IAM policy attachment), the tag most blocks of its file carry;
   * `undefined` when its file carries none.
   */
  component?: string;
  /** True when the block has `count` or `for_each`: it may stand for several instances (or none). */
  repeated: boolean;
}

/**
 * The `resource` blocks of Terraform files (file name to content), parsed with @cdktf/hcl2json,
 * in file name order, then type and name. Data sources and modules are not listed. Rejects with
 * the file name when a file does not parse.
 * @public
 */
export async function terraformResourceBlocks(
  files: Record<string, string>,
): Promise<TerraformResourceBlock[]> {
  const out: TerraformResourceBlock[] = [];
  for (const file of Object.keys(files).sort()) {
    if (!file.endsWith('.tf')) continue;
    let json: { resource?: Record<string, Record<string, any[]>> };
    try {
      json = await parse(file, files[file]);
    } catch (e) {
      throw new Error(`${file} is not valid HCL: ${(e as Error).message}`);
    }
    const blocks: TerraformResourceBlock[] = [];
    const tagged: string[] = [];
    for (const type of Object.keys(json.resource ?? {}).sort()) {
      for (const name of Object.keys(json.resource![type]).sort()) {
        const body = json.resource![type][name]?.[0] ?? {};
        const component = componentOf(body);
        if (component) tagged.push(component);
        blocks.push({
          address: `${type}.${name}`,
          type,
          file,
          component,
          repeated: body.count !== undefined || body.for_each !== undefined,
        });
      }
    }
    const fileComponent = mostCommon(tagged);
    out.push(
      ...blocks.map(b =>
        b.component ? b : { ...b, component: fileComponent },
      ),
    );
  }
  return out;
}

function componentOf(body: Record<string, any>): string | undefined {
  for (const key of ['tags', 'labels']) {
    const value =
      body[key]?.['terrace:component'] ?? body[key]?.['terrace-component'];
    if (typeof value === 'string' && !value.includes('${')) return value;
  }
  return undefined;
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The resource blocks Terraform will create for an environment spec (the parsed
 * `environment.yaml`): the spec validated and resolved, then generated with its cloud's emitter
 * exactly as `terrace generate` writes the repo's `terraform/` (same input, same bytes), then
 * parsed. `{ ok: false, reason }` when the spec is invalid or its cloud has no emitter.
 * @public
 */
export async function plannedResourceBlocks(
  raw: unknown,
  options: { emitters?: TerraformEmitters } = {},
): Promise<
  { ok: true; blocks: TerraformResourceBlock[] } | { ok: false; reason: string }
> {
  const validation = validateEnvironment(raw);
  if (!validation.ok) {
    return {
      ok: false,
      reason: `environment.yaml is not valid: ${validation.problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    };
  }
  const resolved = resolveEnvironment(validation.environment);
  const emitter = (options.emitters ?? defaultEmitters)[resolved.cloud];
  if (!emitter) {
    return {
      ok: false,
      reason: `Terrace does not generate ${resolved.cloud} environments yet`,
    };
  }
  const files = await emitter.generate(resolved);
  return { ok: true, blocks: await terraformResourceBlocks(files) };
}
