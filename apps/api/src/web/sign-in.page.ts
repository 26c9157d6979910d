import { html, type SafeHtml } from './html';
import { renderPage } from './layout';
import { describeAreas, homeNameOf, homeOf, ROLE_NAMES, type PagePerson } from './person';

export interface FieldError {
  /** The id of the field the message is about (the error summary links to it); `sign-in` for the form as a whole. */
  readonly field: 'username' | 'password' | 'sign-in';
  readonly text: string;
}

export interface SignInPageOptions {
  readonly mode: 'local' | 'oidc';
  /** The sign-in form's CSRF token (double submit with its cookie). */
  readonly formToken: string;
  readonly returnTo?: string;
  readonly username?: string;
  readonly errors?: readonly FieldError[];
  /** A green banner: signed out, or why the last session ended. */
  readonly notice?: string;
}

function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary">
    <div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          ${errors.map((e) => html`<li><a href="#${e.field === 'sign-in' ? 'username' : e.field}">${e.text}</a></li>`)}
        </ul>
      </div>
    </div>
  </div>`;
}

function notice(text: string | undefined): SafeHtml {
  if (text === undefined) return html``;
  return html`<div class="govuk-notification-banner" role="region" aria-labelledby="notice-title" data-module="govuk-notification-banner">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="notice-title">Important</h2></div>
    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading" id="notice">${text}</p></div>
  </div>`;
}

function field(id: 'username' | 'password', errors: readonly FieldError[], body: (hasError: boolean) => SafeHtml): SafeHtml {
  const error = errors.find((e) => e.field === id);
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">${body(error !== undefined)}</div>`;
}

export function renderSignIn(options: SignInPageOptions): string {
  const errors = options.errors ?? [];
  const title = `${errors.length > 0 ? 'Error: ' : ''}Sign in`;
  const errorText = (id: FieldError['field']): SafeHtml => {
    const error = errors.find((e) => e.field === id);
    return error ? html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.text}</p>` : html``;
  };
  const form =
    options.mode === 'oidc'
      ? html`<p class="govuk-body">Sign in with the account you use for your council's email and systems.</p>
          <a
            href="/sign-in/provider${options.returnTo !== undefined ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}"
            role="button"
            draggable="false"
            class="govuk-button govuk-button--start"
            data-module="govuk-button"
            id="sign-in-provider"
          >
            Sign in with your council account
            <svg
              class="govuk-button__start-icon"
              xmlns="http://www.w3.org/2000/svg"
              width="17.5"
              height="19"
              viewBox="0 0 33 40"
              aria-hidden="true"
              focusable="false"
            >
              <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
            </svg>
          </a>`
      : html`<form method="post" action="/sign-in" novalidate id="sign-in">
            <input type="hidden" name="csrfToken" value="${options.formToken}" />
            ${options.returnTo !== undefined ? html`<input type="hidden" name="returnTo" value="${options.returnTo}" />` : ''}
            ${field(
              'username',
              errors,
              (hasError) =>
                html`<label class="govuk-label govuk-label--s" for="username">User name</label>
                  ${errorText('username')}
                  <input
                    class="govuk-input govuk-!-width-one-half${hasError ? ' govuk-input--error' : ''}"
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    spellcheck="false"
                    autocapitalize="none"
                    value="${options.username ?? ''}"
                    ${hasError ? html` aria-describedby="username-error"` : ''}
                  />`,
            )}
            ${field(
              'password',
              errors,
              (hasError) =>
                html`<div class="govuk-password-input" data-module="govuk-password-input">
                  <label class="govuk-label govuk-label--s" for="password">Password</label>
                  ${errorText('password')}
                  <div class="govuk-input__wrapper govuk-password-input__wrapper">
                    <input
                      class="govuk-input govuk-password-input__input govuk-js-password-input-input govuk-!-width-one-half${hasError ? ' govuk-input--error' : ''}"
                      id="password"
                      name="password"
                      type="password"
                      spellcheck="false"
                      autocomplete="current-password"
                      autocapitalize="none"
                      ${hasError ? html` aria-describedby="password-error"` : ''}
                    />
                    <button
                      type="button"
                      class="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle"
                      data-module="govuk-button"
                      aria-controls="password"
                      aria-label="Show password"
                      hidden
                    >
                      Show
                    </button>
                  </div>
                </div>`,
            )}
            <button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
          </form>
          <p class="govuk-body">Forgotten your password, or locked out? Ask your service's administrator to reset it.</p>`;
  return renderPage({
    title,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        ${errorSummary(errors)} ${notice(options.notice)}
        <h1 class="govuk-heading-l">Sign in to send-journeys</h1>
        ${form}
      </div>
    </div>`,
  });
}

export function renderSignedOut(): string {
  return renderPage({
    title: 'You have signed out',
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">You have signed out</h1>
        <p class="govuk-body">Close the browser if you are on a shared computer.</p>
        <p class="govuk-body"><a class="govuk-link" href="/sign-in">Sign in again</a></p>
      </div>
    </div>`,
  });
}

/** The identity provider's answer was refused: say so plainly and offer to start again. */
export function renderSignInFailed(message: string): string {
  return renderPage({
    title: 'You could not be signed in',
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">You could not be signed in</h1>
        <p class="govuk-body" id="sign-in-failure">${message}</p>
        <p class="govuk-body"><a class="govuk-link" href="/sign-in">Try signing in again</a></p>
      </div>
    </div>`,
  });
}

/**
 * A page the person's role may not open: what they tried, why not, and the way back to their own home page.
 * They stay signed in.
 */
export function renderForbidden(person: PagePerson, csrfToken: string, what: string): string {
  const roles = person.roles.map((r) => ROLE_NAMES[r].toLowerCase()).join(', ');
  return renderPage({
    title: 'You cannot open this page',
    person,
    csrfToken,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">You cannot open this page</h1>
        <p class="govuk-body" id="forbidden-reason">${what}</p>
        <p class="govuk-body">
          You are signed in as ${person.name}, ${roles} for ${describeAreas(person.areas)}. If you need this page for your work, ask your service's
          administrator.
        </p>
        <a href="${homeOf(person)}" role="button" draggable="false" class="govuk-button" data-module="govuk-button" id="way-back"
          >Go to your ${homeNameOf(person)}</a
        >
      </div>
    </div>`,
  });
}

/**
 * Signed out here; on to the identity provider to sign out there too (RP-initiated logout). The browser goes
 * on by itself (a refresh, since the page runs no inline script) and the link is there if it does not.
 */
export function renderLeavingForProvider(endSessionUrl: string): string {
  return renderPage({
    title: 'Signing you out of your council account',
    head: html`<meta http-equiv="refresh" content="0; url=${endSessionUrl}" />`,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">You have signed out of send-journeys</h1>
        <p class="govuk-body">Now signing you out of your council account.</p>
        <p class="govuk-body">
          <a class="govuk-link" id="provider-sign-out" href="${endSessionUrl}">Continue to sign out of your council account</a>
        </p>
      </div>
    </div>`,
  });
}
