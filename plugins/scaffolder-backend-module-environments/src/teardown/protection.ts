import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The Terraform attributes that make a cloud refuse to delete a resource, as the generators write
 * them: `deletion_protection` (RDS, Cloud SQL, Cloud Run), `enable_deletion_protection`
 * (Application Load Balancer) and `deletion_protection_enabled` (Cloud SQL's API-side flag).
 * Each `= true` stops `terraform destroy`: the provider's delete call is refused.
 */
const PROTECTION =
  /^(\s*)(deletion_protection|enable_deletion_protection|deletion_protection_enabled)(\s*=\s*)true\b/gm;
const RESOURCE = /^resource\s+"([^"]+)"\s+"([^"]+)"/;

/** One resource whose deletion protection is on, e.g. `aws_db_instance.db` in `postgres-db.tf`. */
export interface ProtectedResource {
  /** Terraform address, e.g. `aws_db_instance.db`. */
  address: string;
  /** The attribute, e.g. `deletion_protection`. */
  attribute: string;
  /** The file of the root module, e.g. `postgres-db.tf`. */
  file: string;
}

async function tfFiles(workingDirectory: string): Promise<string[]> {
  const names = await fs.readdir(workingDirectory).catch(() => [] as string[]);
  return names.filter(n => n.endsWith('.tf')).sort();
}

/**
 * The resources of the root module at `workingDirectory` whose deletion protection is on, found
 * in its `.tf` files (what Terraform will apply, whatever the spec says). Empty when none.
 */
export async function findDeletionProtection(
  workingDirectory: string,
): Promise<ProtectedResource[]> {
  const found: ProtectedResource[] = [];
  for (const file of await tfFiles(workingDirectory)) {
    const text = await fs.readFile(path.join(workingDirectory, file), 'utf8');
    let current: string | undefined;
    for (const line of text.split('\n')) {
      const resource = RESOURCE.exec(line);
      if (resource) current = `${resource[1]}.${resource[2]}`;
      PROTECTION.lastIndex = 0;
      const match = PROTECTION.exec(line);
      if (match && current) {
        found.push({ address: current, attribute: match[2], file });
      }
    }
  }
  return found;
}

/**
 * Turns deletion protection off in the root module's `.tf` files (`= true` becomes `= false`),
 * the way the providers document lifting it: change the attribute, apply, then destroy. Only the
 * task workspace's copy is changed; the published repository is not. Returns the files changed.
 */
export async function liftDeletionProtection(
  workingDirectory: string,
): Promise<string[]> {
  const changed: string[] = [];
  for (const file of await tfFiles(workingDirectory)) {
    const full = path.join(workingDirectory, file);
    const text = await fs.readFile(full, 'utf8');
    const lifted = text.replace(PROTECTION, '$1$2$3false');
    if (lifted !== text) {
      await fs.writeFile(full, lifted);
      changed.push(file);
    }
  }
  return changed;
}
