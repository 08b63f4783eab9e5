import { isDocument, parseAllDocuments } from 'yaml';
import type { SpecProblem } from '@terrace/plugin-environments-common';

/** Largest spec file Terrace reads (bytes): a real spec is a few KB. */
export const MAX_SPEC_BYTES = 256 * 1024;
/**
 * Most aliases a spec may use. Each alias is expanded when the document becomes plain data, so a
 * handful of nested aliases can blow up to gigabytes (a "billion laughs" document); specs have no
 * need for more than a few.
 */
export const MAX_ALIAS_COUNT = 50;
/** Largest plain-data size (JSON characters) a spec may expand to. */
export const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

/** @public */
export type ParseSpecResult =
  | { ok: true; raw: unknown }
  | { ok: false; problems: SpecProblem[] };

/** @public */
export interface ParseSpecOptions {
  /** Name used in problem locations, e.g. the file name. Default `environment.yaml`. */
  source?: string;
}

function at(source: string, line?: number, col?: number) {
  return line ? `${source}:${line}:${col ?? 1}` : source;
}

/** First line of a yaml error message, without the code frame it carries. */
function firstLine(message: string) {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Parses spec YAML into plain data, refusing oversized documents, alias bombs, several documents
 * in one file and duplicate keys. Syntax errors come back as problems located `file:line:column`.
 * @public
 */
export function parseSpecYaml(
  text: string,
  options: ParseSpecOptions = {},
): ParseSpecResult {
  const source = options.source ?? 'environment.yaml';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SPEC_BYTES) {
    return {
      ok: false,
      problems: [
        {
          path: source,
          message: `is ${bytes} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes`,
        },
      ],
    };
  }
  const docs = parseAllDocuments(text, {
    prettyErrors: true,
    uniqueKeys: true,
    schema: 'core',
    strict: true,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: SpecProblem[] = [];
  for (const doc of list) {
    // Warnings (an unresolved tag such as `!!python/object`) would silently turn into strings:
    // a spec uses plain YAML, so they are refused like errors.
    const found = [
      ...doc.errors.map(e => ({ e, kind: 'YAML syntax error' })),
      ...doc.warnings.map(e => ({ e, kind: 'unsupported YAML' })),
    ];
    for (const { e, kind } of found) {
      const pos = e.linePos?.[0];
      problems.push({
        path: at(source, pos?.line, pos?.col),
        message: `${kind}: ${firstLine(e.message)}`,
      });
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const documents = list.filter(isDocument);
  if (documents.length === 0 || documents[0].contents === null) {
    return {
      ok: false,
      problems: [
        { path: source, message: 'is empty; expected an Environment spec' },
      ],
    };
  }
  if (documents.length > 1) {
    const second = documents[1].range?.[0];
    const pos = second !== undefined ? lineCol(text, second) : undefined;
    return {
      ok: false,
      problems: [
        {
          path: at(source, pos?.line, pos?.col),
          message:
            'holds a second YAML document; a spec file holds exactly one',
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = documents[0].toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problems: [
        {
          path: source,
          message: /alias/i.test(message)
            ? `uses too many YAML aliases (at most ${MAX_ALIAS_COUNT}); write the values out`
            : `could not be read as YAML: ${firstLine(message)}`,
        },
      ],
    };
  }
  const expanded = JSON.stringify(raw) ?? '';
  if (expanded.length > MAX_EXPANDED_CHARS) {
    return {
      ok: false,
      problems: [
        {
          path: source,
          message: `expands to more than ${MAX_EXPANDED_CHARS} characters of data; a spec is far smaller`,
        },
      ],
    };
  }
  return { ok: true, raw };
}

function lineCol(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}
