// The sign-in token and the name recorded on changes live in sessionStorage: entered once per browser
// tab, gone when it closes. The API will require the token once sign-in is enforced; until then it is ignored.
const TOKEN_KEY = 'sj.token';
const NAME_KEY = 'sj.name';

export function session() {
  return { token: sessionStorage.getItem(TOKEN_KEY) ?? '', name: sessionStorage.getItem(NAME_KEY) ?? '' };
}

function signIn(token, name) {
  sessionStorage.setItem(TOKEN_KEY, token);
  if (name) sessionStorage.setItem(NAME_KEY, name);
  else sessionStorage.removeItem(NAME_KEY);
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(NAME_KEY);
}

/** Renders the header's sign-in form (or who is signed in) into `host`; `onChange` runs after either. */
export function mountSession(host, onChange) {
  host.replaceChildren();
  const { token, name } = session();
  if (token) {
    const who = document.createElement('span');
    who.textContent = `Signed in${name ? ` as ${name}` : ''}`;
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
    <div><label for="sign-in-name">Your name or id</label><input id="sign-in-name" name="name" type="text" autocomplete="username" maxlength="100" pattern="[A-Za-z0-9 ._@:'\\-]{1,100}"></div>
    <button type="submit">Sign in</button>`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    signIn(String(data.get('token')).trim(), String(data.get('name')).trim());
    mountSession(host, onChange);
    onChange?.();
  });
  host.append(form);
}

/** Puts the sign-in form in front of the user, after the API said the token is missing or refused. */
export function askToSignIn(host) {
  signOut();
  mountSession(host);
  host.querySelector('#sign-in-token')?.focus();
}
