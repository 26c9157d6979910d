import { ApiError, enableCsvDownloads } from './api.js';
import { askToSignIn, mountSession } from './session.js';

/** What every page does first: the header's sign-in, CSV downloads, and one place to show errors. */
export function startPage({ onSessionChange } = {}) {
  const sessionHost = document.getElementById('session');
  mountSession(sessionHost, onSessionChange);
  enableCsvDownloads(document.body);
  const errorBox = document.getElementById('error');
  const status = document.getElementById('status');
  document.body.addEventListener('csv-error', (event) => showError(new ApiError(event.detail, { message: `The CSV export failed (${event.detail}).` })));

  function showError(err) {
    const signInNeeded = err instanceof ApiError && (err.status === 401 || err.status === 403);
    errorBox.hidden = false;
    errorBox.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = signInNeeded ? 'Sign in to see this page' : 'There is a problem';
    const message = document.createElement('p');
    message.textContent = signInNeeded ? 'Enter your sign-in token at the top of the page.' : err.message;
    errorBox.append(heading, message);
    if (signInNeeded) askToSignIn(sessionHost, onSessionChange);
  }

  return {
    showError,
    clearError: () => {
      errorBox.hidden = true;
      errorBox.replaceChildren();
    },
    say: (text) => {
      status.textContent = text;
    },
  };
}

/** The page's query string as an object, and a way to replace it without reloading. */
export function urlParams() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function setUrlParams(params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined));
  history.replaceState(null, '', `${location.pathname}${q.toString() ? `?${q}` : ''}`);
}
