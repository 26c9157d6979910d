import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The domain is pure (ENGINEERING.md): no framework, no I/O, no clock. "Today" is always an
 * argument, so every rule and clock can be tested for any date and replayed identically.
 * This spec reads the source as text; it is the only file allowed to touch the file system.
 */
const SOURCE_ROOT = join(__dirname, 'src');

const FORBIDDEN_IMPORTS: readonly RegExp[] = [
  /^@nestjs\//,
  /^better-sqlite3$/,
  /^ioredis$/,
  /^bullmq$/,
  /^@eventstore\//,
  /^node:/,
  /^(fs|fs\/promises|http|https|http2|net|child_process|os|path)$/,
];

/** Every module specifier in import/export-from statements, `require()` and dynamic `import()`. */
const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const CLOCK_READS: readonly [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now('],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bnew\s+Date\b(?!\s*\()/, 'new Date (no argument list)'],
];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Comments may talk about `new Date()`; only code counts. (`://` is kept so URLs in strings survive.) */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

export function impurities(text: string): string[] {
  const source = withoutComments(text);
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1];
    if (FORBIDDEN_IMPORTS.some((p) => p.test(specifier))) found.push(`imports ${specifier}`);
  }
  for (const [pattern, name] of CLOCK_READS) if (pattern.test(source)) found.push(`reads the clock with ${name}`);
  return found;
}

describe('domain purity', () => {
  const files = typeScriptFiles(SOURCE_ROOT);

  it('scans the domain sources', () => {
    expect(files.some((f) => f.endsWith(join('journey', 'journey.decide.ts')))).toBe(true);
  });

  it('finds no framework, I/O or clock in libs/domain/src', () => {
    const problems = files.flatMap((file) => impurities(readFileSync(file, 'utf8')).map((p) => `${relative(SOURCE_ROOT, file)} ${p}`));
    expect(problems).toEqual([]);
  });

  describe('the check itself', () => {
    it.each([
      ["import { Injectable } from '@nestjs/common';", 'imports @nestjs/common'],
      ["import Database from 'better-sqlite3';", 'imports better-sqlite3'],
      ["import type { Redis } from 'ioredis';", 'imports ioredis'],
      ["import { Queue } from 'bullmq';", 'imports bullmq'],
      ["import { EventStoreDBClient } from '@eventstore/db-client';", 'imports @eventstore/db-client'],
      ["import { readFileSync } from 'node:fs';", 'imports node:fs'],
      ["import * as fs from 'fs';", 'imports fs'],
      ["const http = require('http');", 'imports http'],
      ["const m = await import('node:crypto');", 'imports node:crypto'],
      ["export { x } from 'fs';", 'imports fs'],
      ['const today = Date.now();', 'reads the clock with Date.now('],
      ['const today = new Date();', 'reads the clock with new Date()'],
      ['const today = new Date;', 'reads the clock with new Date (no argument list)'],
    ])('flags %s', (source, problem) => {
      expect(impurities(source)).toContain(problem);
    });

    it.each([
      "import { addDays } from '../dates';",
      "import type { JourneyEvent } from './events';",
      'const epoch = new Date(0);',
      'const d = new Date(n * MS_PER_DAY);',
      "const label = 'fs';",
      '// the domain never calls new Date() or Date.now()',
      '/** no `Date.now()` here */ const x = 1;',
      'const f = new DateFormatter(locale);',
    ])('lets %s through', (source) => {
      expect(impurities(source)).toEqual([]);
    });
  });
});
