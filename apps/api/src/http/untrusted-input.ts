import type { FieldProblem } from './request-validation.error';

/**
 * Checks a parsed body or query string before any DTO sees it. class-transformer trusts keys it should not:
 * an own `constructor` key is taken for the class to build (a 500), `__proto__`, `constructor` and the names of
 * Object.prototype's methods (`toString`, `valueOf`, ...) are silently dropped instead of refused, and it recurses
 * once per level of nesting (a deep enough body runs it out of stack). So these are refused here, at any depth.
 */

/** An event is { type, occurredOn, data: { field: value } }: anything much deeper is not a request we take. */
export const MAX_NESTING = 8;

/** Keys that reach Object.prototype, or a class, when used on a plain object. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Text nobody types and the stores would not keep as sent: control characters other than tab and new line,
 * and half of a UTF-16 surrogate pair (it has no UTF-8 encoding, so SQLite and CSV exports would change it).
 */
const UNRECORDABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex -- finding them is the point

/** Enough to show the caller what is wrong, without answering one problem per element of a long array. */
const MAX_PROBLEMS = 20;

export interface UntrustedInputOptions {
  /** Where the value sits, named as the caller sent it: '' for a whole body or query, `asOf` for one parameter. */
  readonly path: string;
  /** What a key is called to the caller: `field` in a body, `query parameter` in a query string. */
  readonly keyNoun: string;
  /** The name of the whole value when `path` is empty: `body`, `query`. */
  readonly rootName: string;
}

/** Every prototype key, unrecordable text and too-deep nesting in `value` (at most 20). */
export function untrustedInputProblems(value: unknown, options: UntrustedInputOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    const field = path === '' ? options.rootName : path;
    if (typeof node === 'string') {
      if (UNRECORDABLE.test(node)) {
        problems.push({
          field,
          message: `${field} contains a character that cannot be recorded (a control character such as NUL, or half of a unicode character)`,
        });
      }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (depth >= MAX_NESTING) {
      problems.push({ field, message: `${field} nests objects or arrays too deeply (at most ${String(MAX_NESTING)} levels in a request)` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item: unknown, i) => {
        visit(item, `${path}[${String(i)}]`, depth + 1);
      });
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      if (PROTOTYPE_KEYS.has(key)) {
        if (problems.length < MAX_PROBLEMS) problems.push({ field: keyPath, message: `${keyPath} is not an accepted ${options.keyNoun}` });
      } else {
        visit(item, keyPath, depth + 1);
      }
    }
  };
  visit(value, options.path, 0);
  return problems;
}
