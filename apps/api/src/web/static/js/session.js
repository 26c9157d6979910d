// Who is signed in, as the server rendered it into the page (the session itself lives in an HttpOnly cookie
// no script can read), and the session's CSRF token, which every change sent from the page carries.

/** `{ sub, name, roles, areas, recipients }`, or null on a page shown to nobody in particular. */
export function person() {
  return jsonBlock('sj-person');
}

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
}

/** Back to the sign-in page, to come back here afterwards: the session has ended. */
export function signInAgain() {
  const here = `${location.pathname}${location.search}`;
  location.assign(`/sign-in?ended=session&returnTo=${encodeURIComponent(here)}`);
}

/** The words and settings the server put in the page for its scripts (`sj-page-data`), or null. */
export function pageData() {
  return jsonBlock('sj-page-data');
}

/** The JSON the server rendered into a `<script type="application/json">` block, or null. */
function jsonBlock(id) {
  const block = document.getElementById(id);
  if (!block) return null;
  try {
    return JSON.parse(block.textContent);
  } catch {
    return null;
  }
}
