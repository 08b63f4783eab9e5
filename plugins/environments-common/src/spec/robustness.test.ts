import { baseSpec, readReferenceStack } from './__testUtils__/stacks';
import { validateEnvironment } from './validate';

/** Every path to a value inside a document. */
function paths(
  value: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value))
      out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function setAt(doc: any, path: Array<string | number>, value: unknown) {
  if (path.length === 0) return value;
  let target = doc;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path[path.length - 1]] = value;
  return doc;
}

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  Number.NaN,
  '',
  'x'.repeat(5000),
  '${file("/etc/passwd")}',
  [],
  [null],
  {},
  { nested: { deeper: true } },
  true,
];

describe('validateEnvironment on any input', () => {
  it.each([
    ['the base spec', baseSpec()],
    ['mve-production', readReferenceStack('mve-production')],
  ])(
    'never throws, names a field, and accepts no template sequence, whatever replaces any field of %s',
    (_name, doc) => {
      const failures: string[] = [];
      for (const path of paths(doc)) {
        for (const odd of ODD_VALUES) {
          const mutated = setAt(structuredClone(doc), path, odd);
          const where = `${path.join('.')} = ${String(odd).slice(0, 20)}`;
          let result: ReturnType<typeof validateEnvironment>;
          try {
            result = validateEnvironment(mutated);
          } catch (e) {
            failures.push(`${where}: threw ${e}`);
            continue;
          }
          if (result.ok) {
            // Whatever is accepted carries no HCL template sequence anywhere.
            if (/\$\{|%\{/.test(JSON.stringify(result.environment))) {
              failures.push(`${where}: accepted a template sequence`);
            }
            continue;
          }
          for (const p of result.problems) {
            if (
              p.path === '' ||
              p.message.length < 4 ||
              p.message.includes('\n')
            ) {
              failures.push(`${where}: unclear problem ${JSON.stringify(p)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
