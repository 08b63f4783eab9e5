/**
 * Host-side Terraform settings for the local executor that never belong in an environment's
 * repository: override files (Terraform's own `*_override.tf` mechanism) placed beside the
 * generated files for one run and removed after it, and backend configuration files passed to
 * `init -backend-config`. A portal uses them to point the AWS provider and the S3 backend at an
 * emulator (moto) or a proxy while the generated repository stays cloud-real.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';

/** @public Files the local executor adds to a run; paths on the Backstage host. */
export interface LocalRunFiles {
  /**
   * Terraform override files (`.tf` or `.tf.json`), copied beside the generated files before
   * `init` as `<name>_override.tf` (a name already ending in `override.tf` is kept) and removed
   * when the run ends. Terraform merges them over the generated blocks: an attribute replaces the
   * attribute of the same name, a nested block (e.g. `endpoints`) replaces the blocks of its type.
   * A `backend` block in an override replaces the generated one wholesale, so backend settings
   * belong in `backendConfigFiles` instead.
   */
  overrideFiles?: string[];
  /**
   * Backend configuration files (`key = value` lines, `.tfbackend`), passed to `init` as
   * `-backend-config=<file>`: their attributes are merged into the generated backend block,
   * e.g. an S3 endpoint and path-style addressing for an emulator.
   */
  backendConfigFiles?: string[];
  /**
   * An AWS emulator or proxy for every AWS call of the run, e.g. `http://127.0.0.1:5000` (moto):
   * the executor writes the provider override ({@link awsEmulatorProviderOverride}) and, when the
   * configuration has an S3 backend, its backend configuration ({@link s3BackendEmulatorConfig},
   * in the setting names of the binary's version) for each run. Credentials come from the run's
   * environment (the apply action's `credentials`) or the host's default chain.
   */
  awsEndpoint?: string;
}

const TF_FILE = /\.tf(\.json)?$/;

/**
 * The name an override file gets in the working directory: `moto.tf` → `moto_override.tf`;
 * `override.tf` and names ending in `_override.tf` (or `.tf.json`) are kept.
 * @public
 */
export function overrideFileName(file: string): string {
  const base = path.basename(file);
  const match = TF_FILE.exec(base);
  if (!match) return base;
  const stem = base.slice(0, match.index);
  return stem === 'override' || stem.endsWith('_override')
    ? base
    : `${stem}_override${match[0]}`;
}

/**
 * Checks the configured files (each exists and is a file; override files end in `.tf` or
 * `.tf.json` and do not share a name) and returns them as absolute paths. Throws InputError
 * naming the key and index of the first bad entry, e.g.
 * `terrace.terraform.local.overrideFiles[0]: /x/moto.tf does not exist`.
 * @public
 */
export async function checkLocalRunFiles(
  files: LocalRunFiles,
  keyPrefix = 'terrace.terraform.local',
): Promise<Required<Omit<LocalRunFiles, 'awsEndpoint'>> & LocalRunFiles> {
  const check = async (key: string, list: string[] | undefined) => {
    const out: string[] = [];
    for (const [i, entry] of (list ?? []).entries()) {
      const where = `${keyPrefix}.${key}[${i}]`;
      if (typeof entry !== 'string' || entry.trim() === '') {
        throw new InputError(`${where}: must be a file path`);
      }
      const file = path.resolve(entry);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat) throw new InputError(`${where}: ${file} does not exist`);
      if (!stat.isFile())
        throw new InputError(`${where}: ${file} is not a file`);
      out.push(file);
    }
    return out;
  };
  const overrideFiles = await check('overrideFiles', files.overrideFiles);
  const seen = new Map<string, number>();
  for (const [i, file] of overrideFiles.entries()) {
    const where = `${keyPrefix}.overrideFiles[${i}]`;
    if (!TF_FILE.test(file)) {
      throw new InputError(
        `${where}: ${file} must end in .tf or .tf.json (a Terraform override file)`,
      );
    }
    const name = overrideFileName(file);
    if (seen.has(name)) {
      throw new InputError(
        `${where}: ${file} would be placed as ${name}, like overrideFiles[${seen.get(
          name,
        )}]; give the files different names`,
      );
    }
    seen.set(name, i);
  }
  const backendConfigFiles = await check(
    'backendConfigFiles',
    files.backendConfigFiles,
  );
  const awsEndpoint = files.awsEndpoint;
  if (
    awsEndpoint !== undefined &&
    !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(awsEndpoint)
  ) {
    throw new InputError(
      `${keyPrefix}.awsEndpoint: "${awsEndpoint}" is not an http(s) URL, e.g. http://127.0.0.1:5000`,
    );
  }
  return { overrideFiles, backendConfigFiles, awsEndpoint };
}

/**
 * Copies the override files into the working directory; returns a function that removes them.
 * Refuses (InputError) when the configuration already holds a file of that name.
 * @internal
 */
export async function placeOverrideFiles(
  workingDirectory: string,
  overrideFiles: string[],
): Promise<() => Promise<void>> {
  const placed: string[] = [];
  const remove = async () => {
    await Promise.all(placed.map(f => fs.rm(f, { force: true })));
  };
  try {
    for (const file of overrideFiles) {
      const target = path.join(workingDirectory, overrideFileName(file));
      try {
        await fs.copyFile(file, target, fs.constants.COPYFILE_EXCL);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new InputError(
            `The configuration already has ${path.basename(
              target,
            )}; the override file ${file} (terrace.terraform.local.overrideFiles) would replace it`,
          );
        }
        throw e;
      }
      placed.push(target);
    }
  } catch (e) {
    await remove();
    throw e;
  }
  return remove;
}
