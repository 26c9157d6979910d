import { api, query } from './api.js';
import { setUrlParams, startPage, urlParams } from './page.js';
import { dataTable, journeyHref, link } from './tables.js';

const RULES = {
  'area-inclusion-discussion': 'Area Inclusion Discussion: third suspension this school year',
  'permanent-exclusion': 'Permanent exclusion',
  'term-suspension-days': 'Over 15 days of suspension in a term',
  'year-suspension-days': 'Over 45 days of suspension in a school year',
  'clock-due-soon': 'Clock due soon',
  'clock-breached': 'Clock breached',
};

const page = startPage();
const RECIPIENT = /^(panel|managers|caseworker):[A-Za-z0-9 ._@:'|-]{1,100}$/;
const mine = page.person?.recipients ?? [];

/**
 * The person's own inboxes (`caseworker:<them>`, `panel:<area>`, `managers:<area>`), offered in a list with
 * nothing to type. An admin, who may read any inbox, types the one they want instead.
 */
function recipientChooser() {
  const select = document.getElementById('recipient');
  if (mine.length > 0) {
    select.replaceChildren(...mine.map((r) => new Option(r, r)));
    return select;
  }
  const input = document.createElement('input');
  input.id = 'recipient';
  input.name = 'recipient';
  input.type = 'text';
  input.required = true;
  input.placeholder = 'panel:north';
  input.setAttribute('aria-describedby', 'recipient-hint');
  const hint = document.createElement('span');
  hint.id = 'recipient-hint';
  hint.textContent = 'panel:<area>, managers:<area> or caseworker:<id>';
  select.replaceWith(input, hint);
  return input;
}

const recipientInput = recipientChooser();

/** The facts an alert carries (ids, dates, counts: never personal data). */
function facts(alert) {
  return Object.entries(alert.facts)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : value}`)
    .join('; ');
}

function acknowledgeButton(alert) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Acknowledge';
  button.setAttribute('aria-label', `Acknowledge ${RULES[alert.rule] ?? alert.rule} for ${alert.childId}`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const done = await api(`/alerts/${encodeURIComponent(alert.alertId)}/acknowledge`, { method: 'POST' });
      const note = document.createElement('span');
      note.textContent = `Acknowledged by ${done.acknowledgedBy}`;
      note.dataset.acknowledged = alert.alertId;
      button.replaceWith(note);
      page.say(`Acknowledged the alert for ${alert.childId}.`);
    } catch (err) {
      button.disabled = false;
      page.showError(err);
    }
  });
  return button;
}

async function load() {
  const asked = urlParams().recipient ?? '';
  // the inbox asked for in the URL when it is one of the person's own (or any, for an admin); else their first
  const recipient = mine.length === 0 ? asked : mine.includes(asked) ? asked : mine[0];
  recipientInput.value = recipient;
  const host = document.getElementById('alerts');
  if (!recipient) {
    host.replaceChildren();
    page.say(
      page.person?.roles.includes('admin')
        ? 'Enter whose inbox to show, for example panel:north.'
        : 'You have no inbox: your account has no area. Ask your administrator.',
    );
    return;
  }
  if (!RECIPIENT.test(recipient)) {
    page.showError(new Error(`"${recipient}" is not an inbox: write panel:<area>, managers:<area> or caseworker:<id>.`));
    return;
  }
  page.clearError();
  page.say('Loading…');
  try {
    const result = await api(`/alerts${query({ recipient, status: 'open', pageSize: 500 })}`);
    host.replaceChildren(
      dataTable({
        id: 'alerts-table',
        caption: `Open alerts for ${recipient} (${result.total})`,
        columns: [
          { label: 'Alert', value: (a) => RULES[a.rule] ?? a.rule },
          { label: 'Child', value: (a) => link(journeyHref(a.childId), a.childId) },
          { label: 'Area', value: (a) => a.area },
          { label: 'Raised', value: (a) => a.createdAt.slice(0, 10) },
          { label: 'Facts', value: facts },
          { label: 'Action', value: acknowledgeButton },
        ],
        rows: result.items,
        empty: 'No open alerts.',
      }),
    );
    page.say(`${result.total} open ${result.total === 1 ? 'alert' : 'alerts'} for ${recipient}.`);
    document.body.dataset.loaded = 'true';
  } catch (err) {
    page.say('');
    page.showError(err);
  }
}

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  setUrlParams({ recipient: recipientInput.value.trim() });
  load();
});

load();
