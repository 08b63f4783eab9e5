import fs from 'fs';
import {
  Case,
  generateCase,
  referenceStacks,
  variations,
  writeFiles,
} from '../__testUtils__/fixtures';
import { checkovBin, run } from '../__testUtils__/tools';

jest.setTimeout(900_000);

interface CheckovReport {
  check_type: string;
  summary: { passed: number; failed: number; skipped: number };
  results: {
    failed_checks: Array<{
      check_id: string;
      resource: string;
      file_path: string;
    }>;
    skipped_checks: Array<{
      check_id: string;
      resource: string;
      check_result: { suppress_comment?: string };
    }>;
  };
}

const cases: Case[] = [...referenceStacks(), ...variations()];

/**
 * checkov over the whole generated repo: the Terraform, the GitHub workflow, and its secrets
 * scan. Every failure must be fixed in the generator or skipped in the generated code with
 * `#checkov:skip=<ID>:<reason>`.
 */
describe.each(cases.map(c => [c.name]))('%s', name => {
  let dir: string;
  let reports: CheckovReport[];

  beforeAll(async () => {
    dir = writeFiles(
      await generateCase(cases.find(c => c.name === name)!),
      name,
    );
    // --skip-download: no call to any remote service; the checks are all local.
    const result = run(
      checkovBin(),
      ['-d', dir, '--skip-download', '-o', 'json'],
      {
        env: { BC_SKIP_MAPPING: 'TRUE' },
      },
    );
    const out = result.stdout.trim();
    if (!out.startsWith('{') && !out.startsWith('[')) {
      throw new Error(
        `checkov gave no report (exit ${result.status}): ${result.stderr}`,
      );
    }
    const parsed = JSON.parse(out);
    reports = (Array.isArray(parsed) ? parsed : [parsed]) as CheckovReport[];
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('checks the Terraform and the workflow', () => {
    const terraform = reports.find(r => r.check_type === 'terraform');
    expect(terraform?.summary.passed).toBeGreaterThan(100);
    expect(reports.map(r => r.check_type)).toContain('github_actions');
  });

  it('passes every checkov check that is not explicitly skipped', () => {
    const failed = reports.flatMap(r =>
      r.results.failed_checks.map(
        f => `${r.check_type} ${f.check_id} ${f.resource} (${f.file_path})`,
      ),
    );
    expect(failed).toEqual([]);
  });

  it('explains every skipped check', () => {
    for (const r of reports) {
      expect(r.results.skipped_checks.length).toBe(r.summary.skipped);
      for (const s of r.results.skipped_checks) {
        expect(
          `${s.check_id} ${s.resource}: ${
            s.check_result.suppress_comment ?? ''
          }`,
        ).toMatch(/: \S.{24,}/);
      }
    }
  });
});
