import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
 * Third-party browser files served from node_modules (runtime dependencies, so the Docker image keeps
 * them): no CDN, so the pages stay within `'self'`. chart.js's package `exports` do not expose
 * `dist/chart.umd.min.js`, so it is found beside the entry point `require` resolves. GOV.UK Frontend's
 * compiled CSS and JS go under `/assets/govuk/`, its icons under `/assets/images/` where its CSS expects
 * them. Its fonts are not served: GDS Transport is licensed for GOV.UK itself, so app.css sets the
 * system font and the browser never asks for them.
 */
export function vendorFiles(): [string, string][] {
  const chartJsDist = dirname(require.resolve('chart.js'));
  const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
  return [
    ['vendor/chart.umd.min.js', join(chartJsDist, 'chart.umd.min.js')],
    ['govuk/govuk-frontend.min.css', join(govuk, 'govuk-frontend.min.css')],
    ['govuk/govuk-frontend.min.js', join(govuk, 'govuk-frontend.min.js')],
    ['images/favicon.svg', join(govuk, 'assets', 'images', 'favicon.svg')],
    ['images/favicon.ico', join(govuk, 'assets', 'images', 'favicon.ico')],
  ];
}

/** The pages' own markup (what goes inside `<main>`), rendered into the layout on the server, never served raw. */
const PAGE_FRAGMENTS = 'pages';

/** Every page's policy: only this origin's scripts, styles, images and API; nothing may frame the pages. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Serves only the files found under the static root at start-up, plus the vendor files above, by exact
 * relative path, so no request path can reach anything else (no `..`, no symlinks followed out).
 */
@Injectable()
export class WebAssets {
  private readonly root = findStaticRoot();
  private readonly files = new Map<string, string>([
    ...listFiles(this.root)
      .map((file): [string, string] => [relative(this.root, file).split(sep).join('/'), file])
      .filter(([path]) => !path.startsWith(`${PAGE_FRAGMENTS}/`)),
    ...vendorFiles().map(([path, file]): [string, string] => {
      if (!existsSync(file)) throw new Error(`web pages: no ${file} (are chart.js and govuk-frontend installed?)`);
      return [path, file];
    }),
  ]);
  private readonly fragments = new Map<string, string>(
    readdirSync(join(this.root, PAGE_FRAGMENTS)).map((name): [string, string] => [name, readFileSync(join(this.root, PAGE_FRAGMENTS, name), 'utf8')]),
  );

  /** A page's markup from `static/pages/<name>`, read once at start-up. */
  fragment(name: string): string {
    const markup = this.fragments.get(name);
    if (markup === undefined) throw new Error(`web pages: no ${PAGE_FRAGMENTS}/${name}`);
    return markup;
  }

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
