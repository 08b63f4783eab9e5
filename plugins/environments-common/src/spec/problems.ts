import type { z } from 'zod';
import type { SpecProblem } from '../model/resolved';

/** Turns a path such as `['spec', 'components', 2, 'size']` into `spec.components[2].size`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}

/** A short, quoted rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${show(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

/** zod's own messages, which we replace with sentences; anything else is a schema's wording. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A human sentence for one zod issue (the field path is reported beside it). */
function sentence(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (issue.code !== 'custom' && !DEFAULT_MESSAGE.test(issue.message)) {
    // The schema gave its own wording.
    return issue.code === 'invalid_format'
      ? `${show(input)} ${issue.message}`
      : issue.message;
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return `must be ${expected}, not ${kindOf(input)}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') {
        return `must have at least ${min} item${min === 1 ? '' : 's'}`;
      }
      if (issue.origin === 'string') {
        return `must be at least ${min} characters long`;
      }
      return `must be at least ${min}, not ${show(input)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') {
        return `must have at most ${max} item${max === 1 ? '' : 's'}`;
      }
      if (issue.origin === 'string') {
        return `must be at most ${max} characters long`;
      }
      return `must be at most ${max}, not ${show(input)}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map(v => String(v));
      if (input === undefined) {
        return allowed.length === 1
          ? `is required and must be ${JSON.stringify(allowed[0])}`
          : `is required: one of ${allowed.join(', ')}`;
      }
      if (allowed.length === 1) {
        return `must be ${JSON.stringify(allowed[0])}, not ${show(input)}`;
      }
      return `${show(input)} is not one of ${allowed.join(', ')}`;
    }
    case 'invalid_format':
      return `${show(input)} is not in the expected format`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

/**
 * Converts zod issues to spec problems, one per field; `prefix` is the path of the parsed value
 * within the spec document.
 */
export function issuesToProblems(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: ReadonlyArray<PropertyKey>,
  describeObject?: string,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...path, key]),
          message: `is not a field of ${describeObject ?? 'this object'}`,
        });
      }
      continue;
    }
    problems.push({ path: formatPath(path), message: sentence(issue) });
  }
  return problems;
}

/** Drops repeated problems (same path and message), keeping the first. */
export function dedupeProblems(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  const out: SpecProblem[] = [];
  for (const p of problems) {
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/**
 * Orders problems as their fields appear in the document (a missing field sorts with its
 * parent), keeping the order of problems on the same field.
 */
export function inDocumentOrder(
  problems: SpecProblem[],
  raw: unknown,
): SpecProblem[] {
  const rank = new Map<string, number>();
  /** Rank of the last field inside each field, so a missing child sorts after its siblings. */
  const end = new Map<string, number>();
  const walk = (value: unknown, path: Array<string | number>) => {
    const key = formatPath(path);
    rank.set(key, rank.size);
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
    end.set(key, rank.size - 1);
  };
  walk(raw, []);
  const rankOf = (path: string) => {
    let p = path;
    for (;;) {
      const r = rank.get(p);
      if (r !== undefined) return p === path ? r : end.get(p)! + 0.5;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return -1;
      p = p.slice(0, cut);
    }
  };
  return problems
    .map((problem, i) => ({ problem, i, r: rankOf(problem.path) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(x => x.problem);
}
