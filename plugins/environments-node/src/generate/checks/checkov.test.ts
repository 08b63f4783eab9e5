import fs from 'fs';
import path from 'path';
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

describe.each(cases.map(c => [c.name]))('%s', name => {
  let dir: string;
  let report: CheckovReport;

  beforeAll(async () => {
    dir = writeFiles(
      await generateCase(cases.find(c => c.name === name)!),
      name,
    );
    // --skip-download: no call to any remote service; the checks are all local.
    const result = run(
      checkovBin(),
      [
        '-d',
        path.join(dir, 'terraform'),
        '--framework',
        'terraform',
        '--skip-download',
        '-o',
        'json',
      ],
      {
        env: {
          BC_SKIP_MAPPING: 'TRUE',
          CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false',
        },
      },
    );
    if (
      !result.stdout.trim().startsWith('{') &&
      !result.stdout.trim().startsWith('[')
    ) {
      throw new Error(
        `checkov gave no report (exit ${result.status}): ${result.stderr}`,
      );
    }
    const parsed = JSON.parse(result.stdout);
    report = (
      Array.isArray(parsed)
        ? parsed.find(r => r.check_type === 'terraform')
        : parsed
    ) as CheckovReport;
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes every checkov check that is not explicitly skipped', () => {
    expect(report.summary.passed).toBeGreaterThan(100);
    expect(
      report.results.failed_checks.map(
        f => `${f.check_id} ${f.resource} (${f.file_path})`,
      ),
    ).toEqual([]);
  });

  it('explains every skipped check', () => {
    expect(report.results.skipped_checks.length).toBe(report.summary.skipped);
    for (const s of report.results.skipped_checks) {
      expect(
        `${s.check_id} ${s.resource}: ${s.check_result.suppress_comment ?? ''}`,
      ).toMatch(/: \S.{24,}/);
    }
  });
});
