// The sign-in token lives in sessionStorage: entered once per browser tab, gone when it closes.
// Who the user is comes from the token itself (the API records its subject), never from a form field.
const TOKEN_KEY = 'sj.token';

/** The token, and the subject and role it names (read for display only: the API verifies the signature). */
export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const claims = claimsOf(token);
  return { token, name: typeof claims.sub === 'string' ? claims.sub : '', role: typeof claims.role === 'string' ? claims.role : '' };
}

function claimsOf(token) {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Renders the header's sign-in form (or who is signed in) into `host`; `onChange` runs after either. */
export function mountSession(host, onChange) {
  host.replaceChildren();
  const { token, name, role } = session();
  if (token) {
    const who = document.createElement('span');
    who.textContent = `Signed in${name ? ` as ${name}` : ''}${role ? ` (${role})` : ''}`;
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'secondary';
    out.textContent = 'Sign out';
    out.addEventListener('click', () => {
      signOut();
      mountSession(host, onChange);
      onChange?.();
    });
    host.append(who, out);
    return;
  }
  const form = document.createElement('form');
  form.id = 'sign-in';
  form.setAttribute('aria-label', 'Sign in');
  form.innerHTML = `
    <div><label for="sign-in-token">Sign-in token</label><input id="sign-in-token" name="token" type="password" autocomplete="off" required></div>
    <button type="submit">Sign in</button>`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    signIn(String(data.get('token')).trim());
    mountSession(host, onChange);
    onChange?.();
  });
  host.append(form);
}

/** Puts the sign-in form in front of the user, after the API said the token is missing or refused. */
export function askToSignIn(host, onChange) {
  signOut();
  mountSession(host, onChange);
  host.querySelector('#sign-in-token')?.focus();
}
