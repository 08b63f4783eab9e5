import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The inputs of `terrace:environment:destroy` that each lift one kind of destroy guard:
 * `liftDeletionProtection` (the cloud refuses to delete the resource) and `forceDestroyBuckets`
 * (Terraform refuses to delete a bucket that holds objects).
 */
export type DestroyGuardInput =
  | 'liftDeletionProtection'
  | 'forceDestroyBuckets';

/** One kind of attribute that stops `terraform destroy`, and how it is lifted. */
interface GuardRule {
  input: DestroyGuardInput;
  /** Matches `<indent><attribute><=>` followed by the guarding value on one line. */
  pattern: RegExp;
  /** The value that guards (`true` / `false`) and the one that lifts it. */
  guarding: 'true' | 'false';
  lifted: 'true' | 'false';
  /** The resource types it applies to; undefined: every type. */
  types?: RegExp;
}

/**
 * The Terraform attributes that stop a destroy, as the generators write them:
 * - `deletion_protection` (RDS, Cloud SQL, Cloud Run), `enable_deletion_protection` (Application
 *   Load Balancer) and `deletion_protection_enabled` (Cloud SQL's API-side flag): each `= true`
 *   makes the provider's delete call fail.
 * - `force_destroy = false` on an S3 (`aws_s3_bucket`) or Cloud Storage (`google_storage_bucket`)
 *   bucket: Terraform refuses to delete the bucket while it holds any object (or object version).
 */
const RULES: GuardRule[] = [
  {
    input: 'liftDeletionProtection',
    pattern:
      /^(\s*)(deletion_protection|enable_deletion_protection|deletion_protection_enabled)(\s*=\s*)true\b/gm,
    guarding: 'true',
    lifted: 'false',
  },
  {
    input: 'forceDestroyBuckets',
    pattern: /^(\s*)(force_destroy)(\s*=\s*)false\b/gm,
    guarding: 'false',
    lifted: 'true',
    types: /^(aws_s3_bucket|google_storage_bucket)$/,
  },
];
const RESOURCE = /^resource\s+"([^"]+)"\s+"([^"]+)"/;

/**
 * One attribute of the root module that stops a destroy, e.g. `deletion_protection = true` of
 * `aws_db_instance.db` in `postgres-db.tf`, or `force_destroy = false` of
 * `aws_s3_bucket.access_logs` in `main.tf`.
 */
export interface DestroyGuard {
  /** Terraform address, e.g. `aws_db_instance.db`. */
  address: string;
  /** The attribute, e.g. `deletion_protection` or `force_destroy`. */
  attribute: string;
  /** The file of the root module, e.g. `postgres-db.tf`. */
  file: string;
  /** The action input that lifts it. */
  input: DestroyGuardInput;
}

async function tfFiles(workingDirectory: string): Promise<string[]> {
  const names = await fs.readdir(workingDirectory).catch(() => [] as string[]);
  return names.filter(n => n.endsWith('.tf')).sort();
}

/**
 * What stops a destroy of the root module at `workingDirectory`: each attribute in its `.tf` files
 * (what Terraform will apply, whatever the spec says) with the input that lifts it, in file and
 * line order. Empty when nothing stops it.
 */
export async function findDestroyGuards(
  workingDirectory: string,
): Promise<DestroyGuard[]> {
  const found: DestroyGuard[] = [];
  for (const file of await tfFiles(workingDirectory)) {
    const text = await fs.readFile(path.join(workingDirectory, file), 'utf8');
    let type: string | undefined;
    let current: string | undefined;
    for (const line of text.split('\n')) {
      const resource = RESOURCE.exec(line);
      if (resource) {
        type = resource[1];
        current = `${resource[1]}.${resource[2]}`;
      }
      if (!current || !type) continue;
      for (const rule of RULES) {
        if (rule.types && !rule.types.test(type)) continue;
        rule.pattern.lastIndex = 0;
        const match = rule.pattern.exec(line);
        if (match) {
          found.push({
            address: current,
            attribute: match[2],
            file,
            input: rule.input,
          });
        }
      }
    }
  }
  return found;
}

/**
 * Rewrites the given guards' lines in the root module's `.tf` files to `value` of their rule:
 * `lifted` (`deletion_protection = false`, `force_destroy = true`) or `guarding` (back to
 * `= true` / `= false`). Only the guards' own lines change. Returns the files changed, sorted.
 */
async function rewriteDestroyGuards(
  workingDirectory: string,
  guards: readonly DestroyGuard[],
  to: 'lifted' | 'guarding',
): Promise<string[]> {
  const changed: string[] = [];
  for (const file of await tfFiles(workingDirectory)) {
    const own = guards.filter(g => g.file === file);
    if (own.length === 0) continue;
    const full = path.join(workingDirectory, file);
    const text = await fs.readFile(full, 'utf8');
    let type: string | undefined;
    let current: string | undefined;
    const lines = text.split('\n').map(line => {
      const resource = RESOURCE.exec(line);
      if (resource) {
        type = resource[1];
        current = `${resource[1]}.${resource[2]}`;
      }
      const address = current;
      if (!address || !type) return line;
      for (const rule of RULES) {
        if (rule.types && !rule.types.test(type)) continue;
        const from = to === 'lifted' ? rule.guarding : rule.lifted;
        const pattern = new RegExp(
          rule.pattern.source.replace(rule.guarding, from),
          rule.pattern.flags,
        );
        const match = pattern.exec(line);
        if (
          match &&
          own.some(
            g =>
              g.address === address &&
              g.attribute === match[2] &&
              g.input === rule.input,
          )
        ) {
          pattern.lastIndex = 0;
          return line.replace(pattern, `$1$2$3${rule[to]}`);
        }
      }
      return line;
    });
    const rewritten = lines.join('\n');
    if (rewritten !== text) {
      await fs.writeFile(full, rewritten);
      changed.push(file);
    }
  }
  return changed;
}

/**
 * Lifts the given guards in the root module's `.tf` files, the way the providers document it:
 * change the attribute (`deletion_protection = false`, `force_destroy = true`), apply, then
 * destroy. Only the guards' own lines change, and only the task workspace's copy: the published
 * repository is not. Returns the files changed, sorted.
 */
export async function liftDestroyGuards(
  workingDirectory: string,
  guards: readonly DestroyGuard[],
): Promise<string[]> {
  return rewriteDestroyGuards(workingDirectory, guards, 'lifted');
}

/**
 * Undoes {@link liftDestroyGuards} in the task's copy: each guard's line back to the value that
 * guards (`deletion_protection = true`, `force_destroy = false`), so the root module is the
 * repository's again and an apply turns the guards back on. Returns the files changed, sorted.
 */
export async function restoreDestroyGuards(
  workingDirectory: string,
  guards: readonly DestroyGuard[],
): Promise<string[]> {
  return rewriteDestroyGuards(workingDirectory, guards, 'guarding');
}

/**
 * One sentence per input whose guards are present and not lifted, each starting with the input's
 * name: what stops the destroy and which form option lifts it. Empty when nothing refuses.
 */
export function refusedGuards(
  environment: string,
  guards: readonly DestroyGuard[],
  lifted: Partial<Record<DestroyGuardInput, boolean>>,
): string[] {
  const of = (input: DestroyGuardInput) =>
    guards.filter(g => g.input === input && lifted[input] !== true);
  const reasons: string[] = [];
  const protectedOnes = of('liftDeletionProtection');
  if (protectedOnes.length > 0) {
    reasons.push(
      `liftDeletionProtection: environment "${environment}" has deletion protection on (${protectedOnes
        .map(g => `${g.address}.${g.attribute}`)
        .join(
          ', ',
        )}); the cloud refuses to delete it. Tick "Lift deletion protection" to turn it off before the destroy`,
    );
  }
  const buckets = of('forceDestroyBuckets');
  if (buckets.length > 0) {
    reasons.push(
      `forceDestroyBuckets: environment "${environment}" has buckets that keep their objects (${buckets
        .map(g => g.address)
        .join(
          ', ',
        )}: force_destroy = false); Terraform stops at any bucket that holds an object. Tick "Delete every object in the buckets" to delete every object and object version in them, for good, before the destroy`,
    );
  }
  return reasons;
}
