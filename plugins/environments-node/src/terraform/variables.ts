/**
 * Finds what must be masked: the root module's sensitive variables and their values from the
 * run's inputs and from the tfvars files Terraform will load.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

async function parseFile(
  file: string,
): Promise<Record<string, any> | undefined> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return file.endsWith('.json')
      ? JSON.parse(text)
      : await parse(path.basename(file), text);
  } catch {
    return undefined;
  }
}

const CREDENTIAL_NAME = /key|secret|token|passw|credential|session|auth/i;

function flattenStrings(value: unknown, out: string[]) {
  if (typeof value === 'string' || typeof value === 'number') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    value.forEach(v => flattenStrings(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => flattenStrings(v, out));
  }
}

/** @internal Names of the root module's variables declared `sensitive = true`. */
export async function sensitiveVariableNames(
  workingDirectory: string,
): Promise<Set<string>> {
  const names = new Set<string>();
  const entries = await fs.readdir(workingDirectory);
  for (const name of entries.filter(
    n => n.endsWith('.tf') || n.endsWith('.tf.json'),
  )) {
    const body = await parseFile(path.join(workingDirectory, name));
    for (const [variable, blocks] of Object.entries<any>(
      body?.variable ?? {},
    )) {
      const list = Array.isArray(blocks) ? blocks : [blocks];
      if (list.some(b => b?.sensitive === true || b?.sensitive === 'true')) {
        names.add(variable);
      }
    }
  }
  return names;
}

/**
 * @internal Every value that must never be printed: values given for sensitive variables (by the
 * request or in `terraform.tfvars` / `*.auto.tfvars`) and the run's credential environment values
 * (names with KEY, SECRET, TOKEN, PASSWORD, CREDENTIAL, SESSION or AUTH).
 */
export async function collectSecretValues(options: {
  workingDirectory: string;
  variables?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<string[]> {
  const sensitive = await sensitiveVariableNames(options.workingDirectory);
  const values: string[] = [];
  for (const [name, value] of Object.entries(options.variables ?? {})) {
    if (sensitive.has(name)) values.push(value);
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (CREDENTIAL_NAME.test(name)) values.push(value);
  }
  const entries = await fs.readdir(options.workingDirectory);
  const tfvars = entries.filter(
    n =>
      n === 'terraform.tfvars' ||
      n === 'terraform.tfvars.json' ||
      /\.auto\.tfvars(\.json)?$/.test(n),
  );
  for (const name of tfvars) {
    const body = await parseFile(path.join(options.workingDirectory, name));
    for (const [variable, value] of Object.entries(body ?? {})) {
      if (sensitive.has(variable)) flattenStrings(value, values);
    }
  }
  return values;
}
