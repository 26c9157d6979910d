import { api, query } from './api.js';
import { pageData } from './session.js';
import { startPage, urlParams } from './page.js';
import { dataTable, link, longDate } from './tables.js';

const page = startPage();
const words = pageData() ?? { rules: {}, clocks: {}, triggerThreshold: 3 };
const RECIPIENT = /^(panel|managers|caseworker):[A-Za-z0-9 ._@:'|-]{1,100}$/;
const STATUSES = { open: 'open', acknowledged: 'acknowledged', withdrawn: 'withdrawn' };
const PAGE_SIZE = 20;
const mine = page.person?.recipients ?? [];
// children's names are for the people who work with them by name, as on the child's page
const seesNames = (page.person?.roles ?? []).some((role) => role === 'caseworker' || role === 'admin');

/** An instant as "30 June 2025 at 9:05am", UK time. */
function longDateTime(instant) {
  const at = new Date(instant);
  const day = at.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const time = at.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).replace(/\s/g, '');
  return `${longDate(day)} at ${time.toLowerCase()}`;
}
const schoolYearOf = (date) => (Number(date.slice(5, 7)) >= 9 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1);
const whoIs = (sub) => (sub === page.person?.sub ? `you (${page.person.name})` : sub);
const ruleWords = (rule) => words.rules[rule] ?? rule;

/**
 * The person's own inboxes (`caseworker:<them>`, `panel:<area>`, `managers:<area>`), offered in a list with
 * nothing to type. An admin, who may read any inbox, types the one they want instead.
 */
function recipientChooser() {
  const select = document.getElementById('recipient');
  if (mine.length > 0) {
    select.replaceChildren(...mine.map((r) => new Option(inboxName(r), r)));
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

/** `panel:north` as "Inclusion panel, north". */
function inboxName(recipient) {
  const [kind, name] = recipient.split(/:(.*)/s);
  if (kind === 'panel') return `Inclusion panel, ${name}`;
  if (kind === 'managers') return `Managers, ${name}`;
  return name === page.person?.sub ? 'Your own alerts' : `Caseworker ${name}`;
}

const recipientInput = recipientChooser();

/** What the alert says, in words, from its facts (ids, dates and counts only: never personal data). */
function factsInWords(alert) {
  const f = alert.facts;
  switch (alert.rule) {
    case 'area-inclusion-discussion':
      return `Threshold of ${f.threshold} suspensions reached on ${longDate(f.thresholdReachedOn)}`;
    case 'permanent-exclusion':
      return `Excluded on ${longDate(f.excludedOn)}`;
    case 'term-suspension-days':
      return `${f.suspensionDays} school days in the ${f.term} term (limit ${f.limit})`;
    case 'year-suspension-days':
      return `${f.suspensionDays} school days this school year (limit ${f.limit})`;
    case 'sixth-day-provision':
      return f.suspendedOn ? `Suspended for ${f.schoolDays} school days from ${longDate(f.suspendedOn)}` : `Excluded on ${longDate(f.excludedOn)}`;
    case 'clock-due-soon':
    case 'clock-breached':
      return `${words.clocks[f.clock] ?? f.clock}${f.dueOn ? `, due ${longDate(f.dueOn)}` : ''}${f.daysOverdue ? `, ${f.daysOverdue} days overdue` : ''}`;
    default:
      return Object.entries(f)
        .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : value}`)
        .join('; ');
  }
}

/** Who acted on the alert and when, or when it was raised while nobody has. */
function stateInWords(alert) {
  if (alert.status === 'withdrawn') return `Withdrawn on ${longDateTime(alert.withdrawnAt)}: ${alert.withdrawnReason ?? 'no longer called for'}`;
  if (alert.status === 'acknowledged') return `Acknowledged by ${whoIs(alert.acknowledgedBy)} on ${longDateTime(alert.acknowledgedAt)}`;
  return alert.reopenedAt ? `Raised again on ${longDateTime(alert.reopenedAt)}` : `Raised on ${longDateTime(alert.createdAt)}`;
}

/**
 * Each child's name (where the person works with children by name) and suspensions this school year, from the
 * child's journey; a journey the person may not read leaves the child shown by id.
 */
async function childrenOf(alerts) {
  const children = new Map();
  for (const childId of new Set(alerts.map((a) => a.childId))) {
    try {
      const journey = await api(`/children/${encodeURIComponent(childId)}/journey`);
      const year = journey.inclusion.bySchoolYear.find((y) => y.schoolYear === schoolYearOf(journey.asOf));
      const child = journey.child;
      const name =
        !seesNames || !child
          ? null
          : child.erased || !child.givenName
            ? `Child ${childId} (erased)`
            : `${child.givenName} ${child.familyName ?? ''}`.trim();
      children.set(childId, { name, suspensions: year?.suspensionCount ?? 0 });
    } catch {
      children.set(childId, { name: null, suspensions: null });
    }
  }
  return children;
}

function suspensionWords(count) {
  if (count === null) return 'Not known';
  return count < words.triggerThreshold ? `${count} of ${words.triggerThreshold}` : `${count} (threshold of ${words.triggerThreshold} reached)`;
}

function acknowledgeButton(alert, children) {
  if (alert.status !== 'open') return '';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Acknowledge';
  const child = children.get(alert.childId)?.name ?? `child ${alert.childId}`;
  button.setAttribute('aria-label', `Acknowledge ${ruleWords(alert.rule)} for ${child}`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const done = await api(`/alerts/${encodeURIComponent(alert.alertId)}/acknowledge`, { method: 'POST' });
      const row = button.closest('tr');
      const state = row.querySelector('[data-state]');
      state.textContent = stateInWords(done);
      state.dataset.acknowledged = alert.alertId;
      const note = document.createElement('span');
      note.textContent = 'Done';
      button.replaceWith(note);
      page.say(`Acknowledged the alert for ${child}. It now shows under Acknowledged.`);
      // the keyboard user lands on what changed, not back at the top of the page
      state.tabIndex = -1;
      state.focus();
    } catch (err) {
      button.disabled = false;
      page.showError(err);
    }
  });
  return button;
}

function stateCell(alert) {
  const span = document.createElement('span');
  span.dataset.state = alert.status;
  span.textContent = stateInWords(alert);
  return span;
}

function showTabs(status, recipient) {
  for (const a of document.querySelectorAll('#status-tabs a')) {
    a.href = `/inbox${query({ recipient, status: a.dataset.status })}`;
    if (a.dataset.status === status) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showPages(result, recipient, status) {
  const nav = document.getElementById('alert-pages');
  const pages = Math.ceil(result.total / result.pageSize);
  nav.hidden = pages <= 1;
  if (pages <= 1) return nav.replaceChildren();
  const items = [];
  if (result.page > 1) items.push(link(`/inbox${query({ recipient, status, page: result.page - 1 })}`, 'Previous page'));
  const here = document.createElement('span');
  here.textContent = `Page ${result.page} of ${pages}`;
  items.push(here);
  if (result.page < pages) items.push(link(`/inbox${query({ recipient, status, page: result.page + 1 })}`, 'Next page'));
  nav.replaceChildren(...items);
}

async function load() {
  const params = urlParams();
  const status = STATUSES[params.status] ?? 'open';
  const pageNumber = /^\d+$/.test(params.page ?? '') ? Number(params.page) : 1;
  const asked = params.recipient ?? '';
  // the inbox asked for in the URL when it is one of the person's own (or any, for an admin); else their first
  const recipient = mine.length === 0 ? asked : mine.includes(asked) ? asked : mine[0];
  recipientInput.value = recipient;
  showTabs(status, recipient);
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
    const result = await api(`/alerts${query({ recipient, status, page: pageNumber, pageSize: PAGE_SIZE })}`);
    const children = await childrenOf(result.items);
    const childCell = (a) => link(`/children/${encodeURIComponent(a.childId)}`, children.get(a.childId)?.name ?? `Child ${a.childId}`);
    host.replaceChildren(
      dataTable({
        id: 'alerts-table',
        caption: `${status[0].toUpperCase()}${status.slice(1)} alerts for ${inboxName(recipient)} (${result.total})`,
        columns: [
          { label: 'Alert', value: (a) => ruleWords(a.rule) },
          { label: 'Child', value: childCell },
          { label: 'Area', value: (a) => a.area },
          { label: 'What happened', value: factsInWords },
          { label: 'Suspensions this school year', value: (a) => suspensionWords(children.get(a.childId)?.suspensions ?? null) },
          { label: 'Status', value: stateCell },
          ...(status === 'open' ? [{ label: 'Action', value: (a) => acknowledgeButton(a, children) }] : []),
        ],
        rows: result.items,
        empty: `No ${status} alerts.`,
      }),
    );
    showPages(result, recipient, status);
    page.say(`${result.total} ${status} ${result.total === 1 ? 'alert' : 'alerts'} for ${inboxName(recipient)}.`);
    document.body.dataset.loaded = 'true';
  } catch (err) {
    page.say('');
    page.showError(err);
  }
}

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const status = STATUSES[urlParams().status] ?? 'open';
  history.replaceState(null, '', `/inbox${query({ recipient: recipientInput.value.trim(), status })}`);
  load();
});

load();
