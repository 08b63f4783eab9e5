import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './index';
import { estimateSpec } from '../estimate/estimateSpec';
import { parse } from 'yaml';

const fixtures = path.join(__dirname, '..', 'estimate', '__fixtures__');

async function terrace(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'terrace', ...args], {
    io: { out: t => out.push(t), err: t => err.push(t) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('terrace estimate', () => {
  const file = path.join(fixtures, 'shop-staging.yaml');

  it('prints the table by default, with every line and the total', async () => {
    const { code, out, err } = await terrace('estimate', file);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.split('\n')[0]).toMatch(
      /^Component\s+Resource\s+Description\s+Quantity\s+Unit price\s+Monthly$/,
    );
    expect(out).toMatch(
      /db\s+aws_db_instance\.db\s+db\.t3\.small PostgreSQL 16, single-AZ\s+730 hours\s+\$0\.056\s+\$40\.88/,
    );
    const expected = estimateSpec(parse(fs.readFileSync(file, 'utf8')));
    const total = expected.ok ? expected.estimate.monthly.toFixed(2) : 'none';
    expect(out).toMatch(
      new RegExp(`^Total\\s+\\$${total.replace('.', '\\.')}$`, 'm'),
    );
    expect(
      out.split('\n').filter(l => /^\S+\s+aws_|^\S+\s+mongodbatlas_/.test(l)),
    ).toHaveLength(expected.ok ? expected.estimate.lines.length : -1);
  });

  it('prints cost.json with --format json', async () => {
    const { code, out } = await terrace('estimate', file, '--format', 'json');
    expect(code).toBe(0);
    const expected = estimateSpec(parse(fs.readFileSync(file, 'utf8')));
    expect(expected.ok && JSON.parse(out)).toEqual(
      expected.ok && expected.estimate,
    );
  });

  it('exits 1 with one line per problem, field path first, for a size without a price', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-est-'));
    try {
      const bad = path.join(dir, 'environment.yaml');
      fs.writeFileSync(
        bad,
        fs
          .readFileSync(file, 'utf8')
          .replace('size: db.t3.small', 'size: db.t9.huge'),
      );
      const { code, out, err } = await terrace('estimate', bad);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/^spec\.components\[0\]\.size: .*db\.t9\.huge/m);
      expect(err).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing file and a bad --format', async () => {
    expect(await terrace('estimate', 'no-such.yaml')).toMatchObject({
      code: 1,
      err: 'no-such.yaml: does not exist',
    });
    const { code, err } = await terrace('estimate', file, '--format', 'xml');
    expect(code).toBe(1);
    expect(err).toContain('--format must be one of table, json');
  });
});
