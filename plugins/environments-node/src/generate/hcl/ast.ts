/**
 * A small, typed model of HCL (the Terraform language) that emitters build instead of writing text.
 * Every string that may come from a user is a `string` value here and is escaped when rendered, so
 * no spec content can ever change the structure of the generated configuration.
 */

/** A raw expression written by Terrace itself: a reference such as `aws_vpc.main.id` or `var.x`. */
export interface RawExpr {
  kind: 'raw';
  text: string;
}

/** A string template mixing escaped literal parts and raw interpolations: `"${var.name}-db"`. */
export interface TemplateExpr {
  kind: 'template';
  parts: Array<string | RawExpr>;
}

/** A function call, e.g. `jsonencode({...})` or `cidrsubnet(var.cidr, 8, 1)`. */
export interface CallExpr {
  kind: 'call';
  name: string;
  args: Value[];
}

/** An object/map value `{ key = value }`; keys that are not identifiers are quoted. */
export interface MapExpr {
  kind: 'map';
  entries: Array<[string, Value]>;
}

/** A `for` expression body kept as raw Terrace-written text, for the rare case it is needed. */
export type Value =
  | string
  | number
  | boolean
  | null
  | RawExpr
  | TemplateExpr
  | CallExpr
  | MapExpr
  | Value[];

/** `name = value` */
export interface Attribute {
  kind: 'attribute';
  name: string;
  value: Value;
}

/** `type "label" "label" { ... }` */
export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: BodyItem[];
}

/** A `# comment` line, used for explanations and `#checkov:skip=<ID>:<reason>` annotations. */
export interface Comment {
  kind: 'comment';
  text: string;
}

/** An empty line between groups of items. */
export interface Blank {
  kind: 'blank';
}

/** @public */
export type BodyItem = Attribute | Block | Comment | Blank;

/** A body written as an ordered object: `undefined` values are left out. */
export type BodyInit =
  | Array<BodyItem | undefined | false>
  | Record<string, Value | undefined>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when `name` can stand unquoted as an HCL identifier. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

function assertIdentifier(name: string, what: string) {
  if (!isIdentifier(name)) {
    throw new TypeError(
      `HCL ${what} must be an identifier, got ${JSON.stringify(name)}`,
    );
  }
}

/** A reference or other expression written by Terrace (never user input). */
export function raw(text: string): RawExpr {
  return { kind: 'raw', text };
}

/** A string with interpolations: `tpl\`${raw('var.name')}-db\`` style built from parts. */
export function template(...parts: Array<string | RawExpr>): TemplateExpr {
  return { kind: 'template', parts };
}

/** A function call. */
export function call(name: string, ...args: Value[]): CallExpr {
  assertIdentifier(name, 'function name');
  return { kind: 'call', name, args };
}

/** An object value from an ordinary object (insertion order kept; `undefined` left out). */
export function map(entries: Record<string, Value | undefined>): MapExpr {
  return {
    kind: 'map',
    entries: Object.entries(entries).filter(
      (e): e is [string, Value] => e[1] !== undefined,
    ),
  };
}

/** `name = value` */
export function attr(name: string, value: Value): Attribute {
  assertIdentifier(name, 'attribute name');
  return { kind: 'attribute', name, value };
}

/** A comment line. */
export function comment(text: string): Comment {
  if (/[\r\n]/.test(text)) {
    throw new TypeError('HCL comments are single lines');
  }
  return { kind: 'comment', text };
}

/** An empty line. */
export function blank(): Blank {
  return { kind: 'blank' };
}

function toBody(init: BodyInit): BodyItem[] {
  if (Array.isArray(init)) {
    return init.filter((i): i is BodyItem => Boolean(i));
  }
  return Object.entries(init)
    .filter((e): e is [string, Value] => e[1] !== undefined)
    .map(([k, v]) => attr(k, v));
}

/** A block: `block('resource', ['aws_vpc', 'main'], [...])`. */
export function block(
  type: string,
  labels: string[],
  init: BodyInit = [],
): Block {
  assertIdentifier(type, 'block type');
  return { kind: 'block', type, labels, body: toBody(init) };
}

/** A `resource "type" "name" { ... }` block. */
export function resource(type: string, name: string, init: BodyInit): Block {
  assertIdentifier(name, 'resource name');
  return block('resource', [type, name], init);
}

/** A `data "type" "name" { ... }` block. */
export function data(type: string, name: string, init: BodyInit): Block {
  assertIdentifier(name, 'data source name');
  return block('data', [type, name], init);
}

/** Attributes from an object, then nested items; handy for resource bodies. */
export function body(
  attributes: Record<string, Value | undefined>,
  ...items: Array<
    BodyItem | Array<BodyItem | undefined | false> | undefined | false
  >
): BodyItem[] {
  return [
    ...toBody(attributes),
    ...items.flat().filter((i): i is BodyItem => Boolean(i)),
  ];
}
