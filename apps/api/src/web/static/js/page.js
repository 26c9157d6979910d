import { ApiError, enableCsvDownloads } from './api.js';
import { person, signInAgain } from './session.js';

/**
 * What every page does first: CSV downloads, and one place to show errors. A 401 means the session has
 * ended (signed out elsewhere, idle, or past its length): back to sign-in, then here again. Anything else,
 * a 403 included, is shown on the page and the person stays signed in.
 */
export function startPage() {
  enableCsvDownloads(document.body);
  const errorBox = document.getElementById('error');
  const status = document.getElementById('status');
  document.body.addEventListener('csv-error', (event) =>
    showError(new ApiError(event.detail, { message: `The CSV export failed (${event.detail}).` })),
  );

  function showError(err) {
    if (err instanceof ApiError && err.status === 401) {
      signInAgain();
      return;
    }
    const refused = err instanceof ApiError && err.status === 403;
    errorBox.hidden = false;
    errorBox.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = refused ? 'You cannot do this' : 'There is a problem';
    const message = document.createElement('p');
    message.textContent = err.message;
    errorBox.append(heading, message);
    if (refused) {
      const back = document.createElement('p');
      const link = document.createElement('a');
      link.href = '/';
      link.textContent = 'Go back to your home page';
      back.append(link);
      errorBox.append(back);
    }
    errorBox.focus();
  }

  return {
    person: person(),
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
