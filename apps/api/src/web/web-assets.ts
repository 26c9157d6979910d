import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const STATIC_FROM_ROOT = join('apps', 'api', 'src', 'web', 'static');

/**
 * The pages' files, served from the source tree: tsc copies no HTML, CSS or JS into dist/, so the
 * compiled app and the tests both look for `apps/api/src/web/static` under the repository root (the
 * first directory above this file holding package.json; in the Docker image that is /app).
 */
export function findStaticRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, STATIC_FROM_ROOT);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`web pages: no ${STATIC_FROM_ROOT} above ${from}`);
  }
}

/**
 * Third-party browser files served from node_modules (a runtime dependency, so the Docker image keeps
 * it), under `/assets/vendor/`: no CDN, so the pages stay within `'self'`. chart.js's package `exports`
 * do not expose `dist/chart.umd.min.js`, so it is found beside the entry point `require` resolves.
 */
export function vendorFiles(): Array<[string, string]> {
  const chartJsDist = dirname(require.resolve('chart.js'));
  return [['vendor/chart.umd.min.js', join(chartJsDist, 'chart.umd.min.js')]];
}

/** Every page's policy: only this origin's scripts, styles, images and API; nothing may frame the pages. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Serves only the files found under the static root at start-up, plus the vendor files above, by exact
 * relative path, so no request path can reach anything else (no `..`, no symlinks followed out).
 */
@Injectable()
export class WebAssets {
  private readonly root = findStaticRoot();
  private readonly files = new Map<string, string>([
    ...listFiles(this.root).map((file): [string, string] => [relative(this.root, file).split(sep).join('/'), file]),
    ...vendorFiles().map(([path, file]): [string, string] => {
      if (!existsSync(file)) throw new Error(`web pages: no ${file} (is chart.js installed?)`);
      return [path, file];
    }),
  ]);

  send(res: Response, path: string): void {
    const file = this.files.get(path);
    if (file === undefined) throw new NotFoundException(`No such file: /assets/${path}`);
    res.sendFile(file, { headers: { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': PAGE_CSP } });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
