import { parse } from '@cdktf/hcl2json';
import {
  attr,
  block,
  call,
  comment,
  map,
  raw,
  resource,
  template,
} from './ast';
import { escapeString, formatHcl, renderValue } from './render';

describe('HCL writer', () => {
  it('escapes quotes, backslashes, control characters and template sequences', () => {
    expect(escapeString('a "b" \\ c\nd\te ${x} %{y} \u0001')).toBe(
      'a \\"b\\" \\\\ c\\nd\\te $${x} %%{y} \\u0001',
    );
  });

  it('keeps hostile user strings as plain string values after parsing', async () => {
    const hostile =
      '"} \n resource "aws_iam_user" "x" { name = "${file("/etc/passwd")}" %{ if true }';
    const text = await formatHcl([
      resource('aws_s3_bucket', 'b', {
        bucket: hostile,
        tags: map({ 'odd key "with" quotes': hostile }),
      }),
    ]);
    const parsed = await parse('main.tf', text);
    expect(Object.keys(parsed.resource)).toEqual(['aws_s3_bucket']);
    const b = parsed.resource.aws_s3_bucket.b[0];
    // hcl2json shows literal `${` as `$${` (its own template form); the value is one literal string.
    expect(b.bucket).toBe(
      hostile.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'),
    );
    expect(Object.keys(b.tags)).toEqual(['odd key "with" quotes']);
  });

  it('renders values of every kind', () => {
    expect(renderValue(['a', 1, true, null])).toBe('["a", 1, true, null]');
    expect(renderValue(template(raw('var.name'), '-db'))).toBe(
      '"${var.name}-db"',
    );
    expect(renderValue(call('cidrsubnet', raw('var.cidr'), 8, 1))).toBe(
      'cidrsubnet(var.cidr, 8, 1)',
    );
    expect(renderValue(map({}))).toBe('{}');
  });

  it('rejects names that are not identifiers', () => {
    expect(() => attr('bad name', 1)).toThrow(/identifier/);
    expect(() => resource('aws_vpc', 'no spaces', {})).toThrow(/identifier/);
    expect(() => comment('two\nlines')).toThrow(/single/);
  });

  it('formats like terraform fmt: aligned equals signs and two-space indentation', async () => {
    const text = await formatHcl([
      comment('The network.'),
      resource('aws_vpc', 'main', [
        attr('cidr_block', '10.0.0.0/16'),
        attr('enable_dns_hostnames', true),
        block('lifecycle', [], { prevent_destroy: false }),
      ]),
    ]);
    expect(text).toBe(
      [
        '# The network.',
        'resource "aws_vpc" "main" {',
        '  cidr_block           = "10.0.0.0/16"',
        '  enable_dns_hostnames = true',
        '',
        '  lifecycle {',
        '    prevent_destroy = false',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
});
