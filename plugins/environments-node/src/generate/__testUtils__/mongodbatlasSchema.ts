import fs from 'fs';
import path from 'path';

/** One argument of a mongodbatlas resource or nested block, as the provider's schema has it. */
export interface AtlasArgument {
  required: boolean;
  /** The nested block's arguments, for a block. */
  block?: Record<string, AtlasArgument>;
}

/** The arguments of one mongodbatlas resource type, and the provider version they are of. */
export interface AtlasResourceSchema {
  providerVersion: string;
  arguments: Record<string, AtlasArgument>;
}

/** The folder of @cdktf/provider-mongodbatlas (a prebuilt binding generated from the provider's schema). */
function packageDir(): string {
  return path.dirname(
    require.resolve('@cdktf/provider-mongodbatlas/package.json'),
  );
}

/**
 * Reads the arguments of every mongodbatlas resource type from @cdktf/provider-mongodbatlas: the
 * binding is generated from the provider's schema (8.6.2 = mongodb/mongodbatlas 1.41.1), one
 * `lib/<resource>/index.d.ts` per resource type, whose `<Class>Config` interface holds one
 * `readonly` property per argument (optional ones with `?`), each documented with a link that
 * ends in `#<argument name>`; a property typed by another interface of the file is a nested
 * block. Returns the schemas by resource type (`mongodbatlas_privatelink_endpoint`).
 */
export function mongodbatlasSchemas(): Record<string, AtlasResourceSchema> {
  const lib = path.join(packageDir(), 'lib');
  const out: Record<string, AtlasResourceSchema> = {};
  for (const dir of fs.readdirSync(lib)) {
    const file = path.join(lib, dir, 'index.d.ts');
    if (dir.startsWith('data-') || !fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const cls = text.match(
      /export declare class (\w+) extends cdktf\.TerraformResource \{[\s\S]*?static readonly tfResourceType = "([a-z0-9_]+)";/,
    );
    if (!cls) continue;
    const version = text.match(/providers\/mongodb\/mongodbatlas\/([\d.]+)\//);
    const interfaces = new Map<string, string>();
    for (const m of text.matchAll(
      /export interface (\w+)(?: extends [\w.]+)? \{([\s\S]*?)\n\}/g,
    )) {
      interfaces.set(m[1], m[2]);
    }
    const argumentsOf = (
      name: string,
      seen: Set<string>,
    ): Record<string, AtlasArgument> => {
      const body = interfaces.get(name) ?? '';
      const args: Record<string, AtlasArgument> = {};
      for (const p of body.matchAll(
        /#([a-z0-9_]+) [\w#]+\}\s*(?:\n\s*\*[^\n]*)*\n\s*\*\/\s*\n\s*readonly \w+(\??): ([^;]+);/g,
      )) {
        const [, argument, optional, type] = p;
        const nested = type.match(/^(\w+)(?:\[\])?(?: \|.*)?$/)?.[1];
        args[argument] = {
          required: optional !== '?',
          block:
            nested && interfaces.has(nested) && !seen.has(nested)
              ? argumentsOf(nested, new Set([...seen, nested]))
              : undefined,
        };
      }
      return args;
    };
    out[cls[2]] = {
      providerVersion: version?.[1] ?? 'unknown',
      arguments: argumentsOf(`${cls[1]}Config`, new Set()),
    };
  }
  return out;
}

const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
]);

/**
 * What is wrong in one resource body (as `@cdktf/hcl2json` parses it) against its schema: names
 * the schema does not have, required names left out, in nested and `dynamic` blocks too.
 */
export function atlasBodyProblems(
  where: string,
  body: Record<string, unknown>,
  args: Record<string, AtlasArgument>,
  top = true,
): string[] {
  const problems: string[] = [];
  const present = new Set(Object.keys(body));
  for (const [key, value] of Object.entries(body)) {
    if (top && META.has(key)) continue;
    if (key === 'dynamic') {
      for (const [name, items] of Object.entries(
        value as Record<string, Array<{ content?: unknown[] }>>,
      )) {
        present.add(name);
        const arg = args[name];
        if (!arg?.block) {
          problems.push(
            `${where}.dynamic.${name} is not a block of the schema`,
          );
          continue;
        }
        items.forEach((item, i) =>
          (item.content ?? []).forEach(content =>
            problems.push(
              ...atlasBodyProblems(
                `${where}.dynamic.${name}[${i}].content`,
                content as Record<string, unknown>,
                arg.block!,
                false,
              ),
            ),
          ),
        );
      }
      continue;
    }
    const arg = args[key];
    if (!arg) {
      problems.push(`${where}.${key} is not in the schema`);
    } else if (
      !arg.block &&
      Array.isArray(value) &&
      value.some(v => v !== null && typeof v === 'object' && !('kind' in v))
    ) {
      problems.push(`${where}.${key} is a block here, not in the schema`);
    } else if (arg.block && Array.isArray(value)) {
      value.forEach((item, i) =>
        problems.push(
          ...atlasBodyProblems(
            `${where}.${key}[${i}]`,
            item as Record<string, unknown>,
            arg.block!,
            false,
          ),
        ),
      );
    }
  }
  for (const [key, arg] of Object.entries(args)) {
    if (arg.required && !present.has(key)) {
      problems.push(`${where}.${key} is required`);
    }
  }
  return problems;
}
