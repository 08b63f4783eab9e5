/**
 * One apply per environment at a time. The lock is a file created exclusively in a lock folder
 * (so two backend processes on one host also exclude each other), holding who took it and when;
 * a lock left by a process that no longer runs on this host is taken over.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';

/** @public */
export interface EnvironmentLockHolder {
  environment: string;
  pid: number;
  host: string;
  since: string;
  /** What holds it, e.g. a scaffolder task id. */
  owner?: string;
}

/** @public A held lock; release it exactly once. */
export interface EnvironmentLock {
  release(): Promise<void>;
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** @public */
export class EnvironmentLocks {
  private readonly held = new Set<string>();

  constructor(
    private readonly directory: string = path.join(
      os.tmpdir(),
      'terrace-terraform-locks',
    ),
  ) {}

  private file(environment: string) {
    // environment names are validated upstream; still never let one escape the folder
    return path.join(this.directory, `${encodeURIComponent(environment)}.lock`);
  }

  /**
   * Takes the lock for an environment, or throws ConflictError naming who holds it.
   */
  async acquire(environment: string, owner?: string): Promise<EnvironmentLock> {
    if (this.held.has(environment)) {
      throw this.conflict(environment, await this.readHolder(environment));
    }
    this.held.add(environment);
    try {
      await fs.mkdir(this.directory, { recursive: true });
      const holder: EnvironmentLockHolder = {
        environment,
        pid: process.pid,
        host: os.hostname(),
        since: new Date().toISOString(),
        owner,
      };
      await this.createExclusive(environment, holder);
    } catch (e) {
      this.held.delete(environment);
      throw e;
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await fs.rm(this.file(environment), { force: true });
        this.held.delete(environment);
      },
    };
  }

  private async createExclusive(
    environment: string,
    holder: EnvironmentLockHolder,
  ) {
    const file = this.file(environment);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, JSON.stringify(holder), { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const current = await this.readHolder(environment);
        const stale =
          current &&
          current.host === os.hostname() &&
          current.pid !== process.pid &&
          !processAlive(current.pid);
        if (!stale || attempt > 0) {
          throw this.conflict(environment, current);
        }
        await fs.rm(file, { force: true });
      }
    }
  }

  private async readHolder(
    environment: string,
  ): Promise<EnvironmentLockHolder | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(environment), 'utf8'));
    } catch {
      return undefined;
    }
  }

  private conflict(environment: string, holder?: EnvironmentLockHolder) {
    const who = holder
      ? ` (held since ${holder.since}${
          holder.owner ? ` by ${holder.owner}` : ''
        })`
      : '';
    return new ConflictError(
      `Another Terraform run for environment "${environment}" is in progress${who}; wait for it to finish and try again`,
    );
  }
}
