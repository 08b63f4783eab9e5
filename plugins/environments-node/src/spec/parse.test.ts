import { MAX_ALIAS_COUNT, MAX_SPEC_BYTES, parseSpecYaml } from './parse';

describe('parseSpecYaml', () => {
  it('parses a spec document into plain data', () => {
    const result = parseSpecYaml(
      'apiVersion: terrace.dev/v1alpha1\nkind: Environment\n',
    );
    expect(result).toEqual({
      ok: true,
      raw: { apiVersion: 'terrace.dev/v1alpha1', kind: 'Environment' },
    });
  });

  it('reports a syntax error with its line and column', () => {
    const text = 'kind: Environment\nspec:\n\tcloud: aws\n';
    expect(parseSpecYaml(text, { source: 'shop.yaml' })).toEqual({
      ok: false,
      problems: [
        {
          path: 'shop.yaml:3:1',
          message: 'YAML syntax error: Tabs are not allowed as indentation',
        },
      ],
    });
  });

  it('refuses YAML tags it would otherwise read as plain text', () => {
    expect(parseSpecYaml('kind: !!python/object Environment\n')).toEqual({
      ok: false,
      problems: [
        {
          path: 'environment.yaml:1:7',
          message:
            'unsupported YAML: Unresolved tag: tag:yaml.org,2002:python/object',
        },
      ],
    });
  });

  it('refuses duplicate keys, naming where', () => {
    const result = parseSpecYaml('kind: Environment\nkind: Other\n');
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'environment.yaml:2:1',
        message: 'YAML syntax error: Map keys must be unique',
      },
    ]);
  });

  it('refuses an alias bomb before it expands', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const result = parseSpecYaml(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'environment.yaml',
        message: `uses too many YAML aliases (at most ${MAX_ALIAS_COUNT}); write the values out`,
      },
    ]);
  });

  it('allows a few aliases', () => {
    const result = parseSpecYaml('base: &b {cpu: 1}\none: *b\ntwo: *b\n');
    expect(result.ok && result.raw).toEqual({
      base: { cpu: 1 },
      one: { cpu: 1 },
      two: { cpu: 1 },
    });
  });

  it('refuses an oversized document', () => {
    const result = parseSpecYaml(
      `description: "${'x'.repeat(MAX_SPEC_BYTES)}"\n`,
    );
    expect(result.ok ? [] : result.problems.map(p => p.message)).toEqual([
      `is ${
        MAX_SPEC_BYTES + 16
      } bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes`,
    ]);
  });

  it('refuses an empty file and several documents', () => {
    expect(parseSpecYaml('# nothing\n')).toEqual({
      ok: false,
      problems: [
        {
          path: 'environment.yaml',
          message: 'is empty; expected an Environment spec',
        },
      ],
    });
    expect(parseSpecYaml('kind: A\n---\nkind: B\n')).toEqual({
      ok: false,
      problems: [
        {
          path: 'environment.yaml:2:1',
          message:
            'holds a second YAML document; a spec file holds exactly one',
        },
      ],
    });
  });

  it('reads YAML 1.2 core types: yes/no stay text, versions need quotes', () => {
    const result = parseSpecYaml('a: yes\nb: 15\nc: "15"\n');
    expect(result.ok && result.raw).toEqual({ a: 'yes', b: 15, c: '15' });
  });
});
