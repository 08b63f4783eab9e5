import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findDestroyGuards,
  liftDestroyGuards,
  refusedGuards,
  restoreDestroyGuards,
} from './protection';

const DB = `resource "aws_db_instance" "db" {
  identifier          = "shop-dev-db"
  deletion_protection = true
  skip_final_snapshot = false
}
`;
const BUCKETS = `resource "aws_s3_bucket" "assets" {
  bucket        = "shop-dev-assets"
  force_destroy = false
}

resource "aws_iam_user" "deployer" {
  name          = "deployer"
  force_destroy = false
}

resource "google_storage_bucket" "archive" {
  name                        = "shop-dev-archive"
  force_destroy               = false
  uniform_bucket_level_access = true
}

resource "aws_s3_bucket" "open" {
  bucket        = "shop-dev-open"
  force_destroy = true
}
`;

describe('what stops a destroy (teardown/protection)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-guards-'));
    await fs.writeFile(path.join(dir, 'postgres-db.tf'), DB);
    await fs.writeFile(path.join(dir, 'main.tf'), BUCKETS);
    await fs.writeFile(path.join(dir, 'notes.txt'), 'force_destroy = false\n');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('finds deletion protection and buckets with force_destroy = false, each with the input that lifts it', async () => {
    expect(await findDestroyGuards(dir)).toEqual([
      {
        address: 'aws_s3_bucket.assets',
        attribute: 'force_destroy',
        file: 'main.tf',
        input: 'forceDestroyBuckets',
      },
      {
        address: 'google_storage_bucket.archive',
        attribute: 'force_destroy',
        file: 'main.tf',
        input: 'forceDestroyBuckets',
      },
      {
        address: 'aws_db_instance.db',
        attribute: 'deletion_protection',
        file: 'postgres-db.tf',
        input: 'liftDeletionProtection',
      },
    ]);
  });

  it('lifts only the guards given, in the .tf files, and leaves every other line as it was', async () => {
    const guards = (await findDestroyGuards(dir)).filter(
      g => g.address !== 'google_storage_bucket.archive',
    );
    expect(await liftDestroyGuards(dir, guards)).toEqual([
      'main.tf',
      'postgres-db.tf',
    ]);
    expect(await fs.readFile(path.join(dir, 'postgres-db.tf'), 'utf8')).toBe(
      DB.replace('deletion_protection = true', 'deletion_protection = false'),
    );
    const main = await fs.readFile(path.join(dir, 'main.tf'), 'utf8');
    expect(main).toBe(
      BUCKETS.replace(
        '"shop-dev-assets"\n  force_destroy = false',
        '"shop-dev-assets"\n  force_destroy = true',
      ),
    );
    // what is left is the one guard not lifted
    expect((await findDestroyGuards(dir)).map(g => g.address)).toEqual([
      'google_storage_bucket.archive',
    ]);
  });

  it("restores what it lifted: the files are the repository's again, byte for byte", async () => {
    const guards = (await findDestroyGuards(dir)).filter(
      g => g.address !== 'google_storage_bucket.archive',
    );
    await liftDestroyGuards(dir, guards);
    expect(await restoreDestroyGuards(dir, guards)).toEqual([
      'main.tf',
      'postgres-db.tf',
    ]);
    expect(await fs.readFile(path.join(dir, 'postgres-db.tf'), 'utf8')).toBe(
      DB,
    );
    expect(await fs.readFile(path.join(dir, 'main.tf'), 'utf8')).toBe(BUCKETS);
    // the bucket generated with force_destroy = true stays as it is
    expect(await restoreDestroyGuards(dir, guards)).toEqual([]);
  });

  it('refuses per input not set, naming the input and each address; nothing when every input is set', async () => {
    const guards = await findDestroyGuards(dir);
    expect(refusedGuards('shop-dev', guards, {})).toEqual([
      expect.stringMatching(
        /^liftDeletionProtection: .*\(aws_db_instance\.db\.deletion_protection\)/,
      ),
      expect.stringMatching(
        /^forceDestroyBuckets: .*\(aws_s3_bucket\.assets, google_storage_bucket\.archive: force_destroy = false\)/,
      ),
    ]);
    expect(
      refusedGuards('shop-dev', guards, { liftDeletionProtection: true }),
    ).toEqual([expect.stringMatching(/^forceDestroyBuckets: /)]);
    expect(
      refusedGuards('shop-dev', guards, {
        liftDeletionProtection: true,
        forceDestroyBuckets: true,
      }),
    ).toEqual([]);
  });
});
