import { format } from '@cdktf/hcl-tools';
import { BodyItem, isIdentifier, Value } from './ast';

/** Escapes a literal for use inside an HCL quoted template (`"..."`). */
export function escapeString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  // Template sequences: a literal `${` or `%{` must be doubled to stay literal.
  return out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function renderKey(key: string): string {
  return isIdentifier(key) ? key : `"${escapeString(key)}"`;
}

/** Renders a value; maps and lists of non-scalars go over several lines. */
export function renderValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${escapeString(value)}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`HCL numbers must be finite, got ${value}`);
    }
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(renderValue);
    const multiline =
      items.some(i => i.includes('\n')) || items.join(', ').length > 100;
    return multiline
      ? `[\n${items.map(i => `${i},\n`).join('')}]`
      : `[${items.join(', ')}]`;
  }
  switch (value.kind) {
    case 'raw':
      return value.text;
    case 'template':
      return `"${value.parts
        .map(p => (typeof p === 'string' ? escapeString(p) : `\${${p.text}}`))
        .join('')}"`;
    case 'call':
      return `${value.name}(${value.args.map(renderValue).join(', ')})`;
    case 'map':
      if (value.entries.length === 0) return '{}';
      return `{\n${value.entries
        .map(([k, v]) => `${renderKey(k)} = ${renderValue(v)}\n`)
        .join('')}}`;
    default:
      throw new TypeError('unknown HCL value');
  }
}

function renderItems(items: BodyItem[]): string {
  let out = '';
  items.forEach((item, i) => {
    switch (item.kind) {
      case 'attribute':
        out += `${item.name} = ${renderValue(item.value)}\n`;
        break;
      case 'comment':
        out += `# ${item.text}\n`.replace(/^# #/, '#');
        break;
      case 'blank':
        out += '\n';
        break;
      case 'block': {
        const prev = items[i - 1];
        // A nested block after attributes reads better with a blank line before it.
        if (prev && prev.kind === 'attribute') out += '\n';
        const labels = item.labels.map(l => ` "${escapeString(l)}"`).join('');
        out += item.body.length
          ? `${item.type}${labels} {\n${renderItems(item.body)}}\n`
          : `${item.type}${labels} {}\n`;
        break;
      }
      default:
        throw new TypeError('unknown HCL body item');
    }
  });
  return out;
}

/** Renders top-level items (blocks separated by an empty line), unformatted. */
export function renderFile(items: BodyItem[]): string {
  const parts: string[] = [];
  let current = '';
  for (const item of items) {
    if (item.kind === 'block') {
      current += renderItems([item]);
      parts.push(current);
      current = '';
    } else {
      current += renderItems([item]);
    }
  }
  if (current) parts.push(current);
  return parts.join('\n');
}

/** Renders and formats as `terraform fmt` does (the same Go hclwrite formatter, via WebAssembly). */
export async function formatHcl(items: BodyItem[]): Promise<string> {
  const text = renderFile(items);
  const formatted = await format(text);
  return formatted.endsWith('\n') ? formatted : `${formatted}\n`;
}
