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

const page = startPage({ onSessionChange: () => load() });
const recipientInput = document.getElementById('recipient');

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
  const { recipient = '' } = urlParams();
  recipientInput.value = recipient;
  const host = document.getElementById('alerts');
  if (!recipient) {
    host.replaceChildren();
    page.say('Enter whose inbox to show, for example panel:north.');
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
