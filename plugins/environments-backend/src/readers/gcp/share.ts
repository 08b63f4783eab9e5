/**
 * Shares one project-wide read between the regions of a refresh. The status service reads each
 * section per (project, region), but the Google calls the GCP readers make (Cloud Asset search,
 * alert policies, Cloud SQL instances, buckets) cover the whole project, and many of an
 * environment's resources are global (load balancers, backend buckets, secrets). So the readers
 * read the project once and every region of that project asks this share for the same answer:
 * while a read is in flight or for `shareMs` after it settled (failures included), the same
 * promise is handed out. Calls then grow with projects, not with regions or environments.
 */
export class ProjectShare {
  private readonly entries = new Map<
    string,
    { promise: Promise<unknown>; settledAt?: number }
  >();

  constructor(
    private readonly shareMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The answer of `read` for `key` (e.g. `resources:shop-prod`), shared as said above. `signal`
   * aborts only this caller's wait; the shared read runs on with its own request timeouts.
   */
  async get<T>(
    key: string,
    read: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const at = this.now();
    let entry = this.entries.get(key);
    if (
      !entry ||
      (entry.settledAt !== undefined && at - entry.settledAt > this.shareMs)
    ) {
      const promise = read();
      const created: { promise: Promise<unknown>; settledAt?: number } = {
        promise,
      };
      entry = created;
      const settle = () => {
        created.settledAt = this.now();
      };
      promise.then(settle, settle);
      this.entries.set(key, entry);
    }
    const shared = entry.promise as Promise<T>;
    if (!signal) return shared;
    signal.throwIfAborted();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      shared.then(
        value => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        error => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
