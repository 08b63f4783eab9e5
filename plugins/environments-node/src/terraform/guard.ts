/**
 * The local executor runs Terraform on the Backstage host, so it runs only what Terrace
 * generates. This guard reads every `.tf` / `.tf.json` file of the root module and of the local
 * modules it calls (parsed with @cdktf/hcl2json, never with regular expressions) and refuses:
 * provisioners (local-exec, remote-exec, file), the `external` data source and provider, module
 * sources that are not a folder inside the repository, and — since they too reach the host's
 * files — `local_file` resources and data sources and a local backend kept outside the repository.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';

/** @public One reason a configuration is refused. */
export interface ConfigurationProblem {
  /** File, relative to the repository root. */
  file: string;
  /** Block address, e.g. `resource.terraform_data.x`. */
  address: string;
  reason: string;
}

/** @public Thrown when the configuration is not safe to run on the Backstage host. */
export class UnsafeConfigurationError extends InputError {
  readonly problems: ConfigurationProblem[];
  constructor(problems: ConfigurationProblem[]) {
    super(
      `Refusing to run this Terraform configuration on the Backstage host (the local executor runs only what Terrace generates):\n${problems
        .map(p => `  ${p.file}: ${p.address}: ${p.reason}`)
        .join('\n')}`,
    );
    this.problems = problems;
  }
}

type Blocks = Record<string, any>;

function asList(value: unknown): any[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function isInside(root: string, candidate: string) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function readModule(
  dir: string,
  onUnparseable: (file: string, message: string) => void,
): Promise<Array<{ file: string; body: Blocks }>> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      onUnparseable(dir, 'the module folder does not exist');
      return [];
    }
    throw e;
  }
  const files = entries
    .filter(
      e =>
        e.isFile() && (e.name.endsWith('.tf') || e.name.endsWith('.tf.json')),
    )
    .map(e => e.name)
    .sort();
  const out: Array<{ file: string; body: Blocks }> = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const text = await fs.readFile(file, 'utf8');
    let body: Blocks;
    try {
      body = name.endsWith('.json')
        ? JSON.parse(text)
        : await parse(name, text);
    } catch (e) {
      // What cannot be read cannot be checked: refuse it rather than hand it to Terraform.
      onUnparseable(
        file,
        `could not be parsed: ${(e as Error).message.split('\n')[0]}`,
      );
      continue;
    }
    out.push({ file, body: body ?? {} });
  }
  return out;
}

/**
 * Checks a root module (and every local module it calls) and returns the problems found.
 * @public
 */
export async function findUnsafeConfiguration(
  workingDirectory: string,
  repositoryRoot: string = path.dirname(workingDirectory),
): Promise<ConfigurationProblem[]> {
  const root = path.resolve(repositoryRoot);
  const problems: ConfigurationProblem[] = [];
  const visited = new Set<string>();
  const queue = [path.resolve(workingDirectory)];

  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (visited.has(dir)) continue;
    visited.add(dir);
    const modules = await readModule(dir, (file, reason) =>
      problems.push({
        file: path.relative(root, file) || file,
        address: '-',
        reason,
      }),
    );
    for (const { file, body } of modules) {
      const rel = path.relative(root, file) || path.basename(file);
      const report = (address: string, reason: string) =>
        problems.push({ file: rel, address, reason });

      for (const [type, byName] of Object.entries<Blocks>(
        body.resource ?? {},
      )) {
        for (const [name, instances] of Object.entries<any>(byName ?? {})) {
          for (const instance of asList(instances)) {
            for (const p of asList(instance?.provisioner)) {
              for (const kind of Object.keys(p ?? {})) {
                report(
                  `resource.${type}.${name}`,
                  `has a "${kind}" provisioner; provisioners run arbitrary commands on the host`,
                );
              }
            }
          }
        }
      }
      for (const kind of ['resource', 'data'] as const) {
        for (const type of Object.keys(body[kind] ?? {})) {
          if (type === 'local_file' || type === 'local_sensitive_file') {
            for (const name of Object.keys(body[kind][type] ?? {})) {
              report(
                `${kind}.${type}.${name}`,
                `uses "${type}", which ${
                  kind === 'data' ? 'reads' : 'writes'
                } files on the host`,
              );
            }
          }
        }
      }
      for (const tf of asList(body.terraform)) {
        for (const backend of asList(tf?.backend)) {
          for (const local of asList(backend?.local)) {
            for (const key of ['path', 'workspace_dir']) {
              const value = local?.[key];
              if (typeof value !== 'string') continue;
              const target = path.resolve(path.dirname(file), value);
              if (value.includes('${') || !isInside(root, target)) {
                report(
                  'terraform.backend.local',
                  `keeps state at ${key} "${value}", outside the repository`,
                );
              }
            }
          }
        }
      }
      for (const name of Object.keys(body.data?.external ?? {})) {
        report(
          `data.external.${name}`,
          'uses the "external" data source, which runs a program on the host',
        );
      }
      for (const [name, cfg] of Object.entries<any>(body.provider ?? {})) {
        if (name === 'external') {
          report(
            `provider.external`,
            'configures the "external" provider, which runs programs on the host',
          );
        }
        void cfg;
      }
      for (const tf of asList(body.terraform)) {
        for (const rp of asList(tf?.required_providers)) {
          for (const [local, req] of Object.entries<any>(rp ?? {})) {
            const source =
              typeof req === 'string' ? '' : String(req?.source ?? '');
            if (local === 'external' || /(^|\/)external$/.test(source)) {
              report(
                `terraform.required_providers.${local}`,
                'requires the "external" provider, which runs programs on the host',
              );
            }
          }
        }
      }
      for (const [name, instances] of Object.entries<any>(body.module ?? {})) {
        for (const instance of asList(instances)) {
          const source = instance?.source;
          if (typeof source !== 'string' || source.includes('${')) {
            report(
              `module.${name}`,
              'has a module source that is not a literal path',
            );
            continue;
          }
          if (!source.startsWith('./') && !source.startsWith('../')) {
            report(
              `module.${name}`,
              `has module source "${source}"; only folders inside the repository are allowed`,
            );
            continue;
          }
          const target = path.resolve(path.dirname(file), source);
          const real = await fs.realpath(target).catch(() => target);
          if (
            !isInside(root, target) ||
            !isInside(await fs.realpath(root).catch(() => root), real)
          ) {
            report(
              `module.${name}`,
              `has module source "${source}", which is outside the repository`,
            );
            continue;
          }
          queue.push(target);
        }
      }
    }
  }
  return problems;
}

/**
 * Throws {@link UnsafeConfigurationError} naming every problem, or resolves when the configuration
 * is safe to run locally.
 * @public
 */
export async function assertSafeConfiguration(
  workingDirectory: string,
  repositoryRoot?: string,
): Promise<void> {
  const problems = await findUnsafeConfiguration(
    workingDirectory,
    repositoryRoot,
  );
  if (problems.length > 0) {
    throw new UnsafeConfigurationError(problems);
  }
}
