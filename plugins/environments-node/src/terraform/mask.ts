/**
 * Masks secrets in Terraform's output before it reaches any log: the values the run was given as
 * sensitive (variables, credentials) and anything shaped like a credential.
 */

/** @public What replaces a masked value. */
export const MASK = '***';

const CREDENTIAL_PATTERNS: RegExp[] = [
  // AWS access key ids (long-term and session)
  /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g,
  // GitHub tokens
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  // HCP Terraform / Terraform Enterprise API tokens
  /\b[A-Za-z0-9]{10,20}\.atlasv1\.[A-Za-z0-9_=-]{40,}/g,
  // Slack tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  // JSON web tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  // Authorization headers
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  // Credentials embedded in URLs: scheme://user:password@host
  /(?<=[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi,
];

// `password = "x"`, `"secret_key": "x"`, `TOKEN=x`: the value after a secret-sounding key.
const KEY_VALUE_PATTERN =
  /((?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z0-9_-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;"'}]+)/gi;

const PEM_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const PEM_END = /-----END [A-Z ]*PRIVATE KEY-----/;

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A line masker. Stateful only for multi-line private keys, so use one per stream.
 * @public
 */
export class SecretMasker {
  private readonly exact: RegExp[];
  private inPrivateKey = false;

  constructor(secretValues: Iterable<string | undefined> = []) {
    const values = [
      ...new Set([...secretValues].filter((v): v is string => !!v)),
    ]
      // longest first, so a secret containing another is masked whole
      .sort((a, b) => b.length - a.length);
    this.exact = values.map(value =>
      // short values are masked as whole words only, so `abc` does not shred every word
      value.length < 4
        ? new RegExp(
            `(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`,
            'g',
          )
        : new RegExp(escapeRegExp(value), 'g'),
    );
  }

  /** Masks one line of output. */
  mask(line: string): string {
    if (this.inPrivateKey) {
      if (PEM_END.test(line)) {
        this.inPrivateKey = false;
      }
      return MASK;
    }
    if (PEM_BEGIN.test(line)) {
      this.inPrivateKey = !PEM_END.test(line);
      return line.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----.*/, MASK);
    }
    let out = line;
    for (const re of this.exact) {
      out = out.replace(re, MASK);
    }
    for (const re of CREDENTIAL_PATTERNS) {
      out = out.replace(re, match =>
        /^(Bearer|Basic)\s/.test(match)
          ? `${match.split(/\s+/)[0]} ${MASK}`
          : MASK,
      );
    }
    out = out.replace(KEY_VALUE_PATTERN, (_m, key: string, value: string) => {
      // Terraform's own placeholders are not secrets; leave them readable.
      if (
        /^\(?(sensitive|known after apply)/.test(value.replace(/^["']/, ''))
      ) {
        return `${key}${value}`;
      }
      return `${key}${MASK}`;
    });
    return out;
  }
}
