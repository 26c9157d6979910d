// GOV.UK Frontend's components (error summary focus, password reveal, service navigation menu), from this
// origin. A module script runs only in browsers GOV.UK Frontend supports, so marking the body here is safe.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
