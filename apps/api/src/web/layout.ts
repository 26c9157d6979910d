import { html, jsonForScript, type SafeHtml } from './html';
import { describeAreas, navigationFor, recipientsOf, ROLE_NAMES, type PagePerson } from './person';

export interface PageOptions {
  readonly title: string;
  /** The path of this page, to mark it in the navigation. */
  readonly path?: string;
  readonly person?: PagePerson;
  /** The session's CSRF token: the sign-out form and the pages' scripts send it back. */
  readonly csrfToken?: string;
  readonly main: SafeHtml;
  /** Page scripts (ES modules under /assets/js) and vendor scripts loaded before them. */
  readonly scripts?: readonly string[];
  readonly vendorScripts?: readonly string[];
  /** Anything else for the head (e.g. a refresh to another page). */
  readonly head?: SafeHtml;
  /** Words and settings the page's scripts read (as `sj-page-data`), so they say things as the server does. */
  readonly pageData?: unknown;
}

/**
 * The GOV.UK Design System's page template, rendered on the server: service navigation showing only
 * the pages the person's role may use, who is signed in (name, role, areas) with a sign-out button, then the
 * page. Styles and scripts come from this origin only (govuk-frontend's compiled files, served from
 * node_modules), so the strict CSP holds; nothing runs inline.
 */
export function renderPage(options: PageOptions): string {
  const { person } = options;
  const nav = person ? navigationFor(person) : [];
  const roles = person ? person.roles.map((r) => ROLE_NAMES[r]).join(', ') : '';
  return html`<!doctype html>
    <html lang="en-GB" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>${options.title} – send-journeys</title>
        <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml" />
        ${options.csrfToken !== undefined ? html`<meta name="csrf-token" content="${options.csrfToken}" />` : ''}
        <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/assets/css/app.css" />
        <script type="module" src="/assets/js/govuk-init.js"></script>
        ${options.head ?? ''} ${(options.vendorScripts ?? []).map((src) => html`<script defer src="${src}"></script>`)}
        ${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </head>
      <body class="govuk-template__body">
        <a href="#main" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
        <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
          <div class="govuk-width-container">
            <div class="govuk-service-navigation__container">
              <span class="govuk-service-navigation__service-name">
                <a href="/" class="govuk-service-navigation__link">send-journeys</a>
              </span>
              ${
                nav.length > 0
                  ? html`<nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                      <button
                        type="button"
                        class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                        aria-controls="navigation"
                        hidden
                      >
                        Menu
                      </button>
                      <ul class="govuk-service-navigation__list" id="navigation">
                        ${nav.map((item) =>
                          item.href === options.path
                            ? html`<li class="govuk-service-navigation__item govuk-service-navigation__item--active">
                                <a class="govuk-service-navigation__link" href="${item.href}" aria-current="page"
                                  ><strong class="govuk-service-navigation__active-fallback">${item.text}</strong></a
                                >
                              </li>`
                            : html`<li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="${item.href}">${item.text}</a>
                              </li>`,
                        )}
                      </ul>
                    </nav>`
                  : ''
              }
            </div>
          </div>
        </section>
        ${
          person
            ? html`<div class="govuk-width-container signed-in" id="signed-in">
                  <p class="govuk-body-s signed-in__who">
                    Signed in as <strong id="signed-in-name">${person.name}</strong> (<span id="signed-in-sub">${person.sub}</span>) ·
                    <span id="signed-in-role">${roles}</span> · <span id="signed-in-areas">${describeAreas(person.areas)}</span>
                  </p>
                  <form method="post" action="/sign-out" class="signed-in__sign-out">
                    <input type="hidden" name="csrfToken" value="${options.csrfToken ?? ''}" />
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      Sign out
                    </button>
                  </form>
                </div>
                <script type="application/json" id="sj-person">
                  ${jsonForScript({ ...person, recipients: recipientsOf(person) })}
                </script>`
            : ''
        }
        ${
          options.pageData !== undefined
            ? html`<script type="application/json" id="sj-page-data">
                ${jsonForScript(options.pageData)}
              </script>`
            : ''
        }
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main" role="main" tabindex="-1">${options.main}</main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <p class="govuk-footer__meta-custom govuk-body-s">
              send-journeys: case journeys for SEND services. Records of children: handle under your council's data protection policy.
            </p>
          </div>
        </footer>
      </body>
    </html> `.value;
}
