import type { SpecProblem } from '../../model/resolved';
import { isRecord, type Path, type Report } from './types';

/** Field names that suggest someone is pasting a secret value into the spec. */
export const SECRET_FIELD =
  /pass(word|wd)?$|secret|token|api[-_]?key|private[-_]?key|credential|^values?$/i;

/** Strings that are credentials whatever field they sit in. */
const CREDENTIAL_PATTERNS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  {
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
    what: 'a URL with a password',
  },
  {
    pattern: /\b(ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/,
    what: 'a GitHub token',
  },
];

export const SECRET_HINT =
  "secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store";

export function unknownFieldMessage(key: string, of: string) {
  return SECRET_FIELD.test(key)
    ? `looks like a secret value; ${SECRET_HINT}`
    : `is not a field of ${of}`;
}

export function withSecretHints(problems: SpecProblem[]): SpecProblem[] {
  return problems.map(p => {
    const last = p.path.split('.').pop() ?? '';
    return p.message.startsWith('is not a field of') && SECRET_FIELD.test(last)
      ? { ...p, message: `looks like a secret value; ${SECRET_HINT}` }
      : p;
  });
}

export function scanForCredentials(value: unknown, path: Path, report: Report) {
  if (typeof value === 'string') {
    for (const { pattern, what } of CREDENTIAL_PATTERNS) {
      if (pattern.test(value)) {
        report(path, `looks like ${what}; ${SECRET_HINT}`);
        return;
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanForCredentials(v, [...path, i], report));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      scanForCredentials(v, [...path, k], report);
    }
  }
}
