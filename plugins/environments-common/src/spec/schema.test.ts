import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import {
  baseSpec,
  readReferenceStack,
  REFERENCE_STACKS,
} from './__testUtils__/stacks';
import { environmentJsonSchema } from './schema';

const SCHEMA_FILE = path.resolve(
  __dirname,
  '../../schema/environment.schema.json',
);

describe('environmentJsonSchema', () => {
  const schema = environmentJsonSchema();
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('accepts the reference stacks and the base spec, as an editor would', () => {
    for (const name of REFERENCE_STACKS) {
      expect(validate(readReferenceStack(name))).toBe(true);
    }
    expect(validate(baseSpec())).toBe(true);
  });

  it('flags misspelt fields, wrong types and unknown component types', () => {
    const spec = baseSpec();
    spec.spec.components[0].sizee = 'x';
    expect(validate(spec)).toBe(false);
    const typed = baseSpec();
    typed.spec.components[0].storageGb = '20';
    expect(validate(typed)).toBe(false);
    const unknown = baseSpec();
    unknown.spec.components[0].type = 'mysql';
    expect(validate(unknown)).toBe(false);
  });

  it('describes fields for completion', () => {
    const text = JSON.stringify(schema);
    expect(text).toContain('Catalog entity ref of the owning team');
    expect(text).toContain('"postgres"');
  });

  it('is committed as schema/environment.schema.json for yaml-language-server headers', () => {
    const committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(committed).toEqual(schema);
  });
});
