// The completion page: thanks, the personal workbook, how the respondent compares with the live
// figures from analytics, and withdrawal. Works from the receipt the survey kept in this browser.

import {
  RECEIPT_KEY, UUID_PATTERN, announce, el, loadSurvey, readProblem, sendWithRetry, storage,
} from './common.js';

const SAME_ORIGIN_LINKS = {
  dashboard: '/dashboard',
  hotspots: '/api/hotspots',
  personalWorkbookTemplate: '/api/exports/responses/{responseId}.xlsx?token={token}',
};
const SURVEY_ATTEMPTS = 3;
const HOTSPOTS_TIMEOUT_MS = 10000;

const page = document.getElementById('page');

start();

async function start() {
  const receipt = storedReceipt() || receiptFromFragment();
  if (!receipt) {
    page.replaceChildren(
      el('h1', { tabindex: '-1' }, 'No response from this browser'),
      el('p', {}, 'There is no survey response saved in this browser.'),
      el('p', {}, el('a', { href: './' }, 'Take the survey')));
    return;
  }
  const survey = await loadSurvey(() => undefined, SURVEY_ATTEMPTS);
  const links = survey ? survey.links : SAME_ORIGIN_LINKS;
  render(receipt, survey, links);
  showComparison(receipt, survey, links);
}

function storedReceipt() {
  const receipt = storage.read(RECEIPT_KEY);
  return receipt && UUID_PATTERN.test(String(receipt.responseId)) && typeof receipt.reportToken === 'string'
    ? receipt : null;
}

/** Set by the survey when this browser would not store the receipt: #responseId.reportToken. */
function receiptFromFragment() {
  const [responseId, reportToken] = window.location.hash.slice(1).split('.').map(decodeURIComponent);
  return UUID_PATTERN.test(String(responseId)) && reportToken
    ? { responseId, reportToken, selections: null, withdrawn: false } : null;
}

function workbookHref(template, receipt) {
  return template
    .replace('{responseId}', encodeURIComponent(receipt.responseId))
    .replace('{token}', encodeURIComponent(receipt.reportToken));
}

function render(receipt, survey, links) {
  page.replaceChildren(
    el('h1', { tabindex: '-1' }, 'Thank you'),
    el('p', { id: 'outcome' }, receipt.withdrawn
      ? 'You withdrew your response: it no longer counts in the results.'
      : 'Your answers have been recorded. Thank you for taking part in the PMO Services Research.'),
    !receipt.withdrawn && el('section', { id: 'workbook', 'aria-labelledby': 'workbook-heading' },
      el('h2', { id: 'workbook-heading' }, 'Your spreadsheet'),
      el('p', {}, 'Every PMO service area and task, with your answers set against everyone else\u2019s. '
        + 'It shows how wide the job is, and where you could do more.'),
      el('p', {}, el('a', { id: 'download-workbook', class: 'button-link', href: workbookHref(links.personalWorkbookTemplate, receipt) },
        'Download your spreadsheet (Excel)'))),
    el('section', { 'aria-labelledby': 'compare-heading' },
      el('h2', { id: 'compare-heading' }, 'How you compare'),
      el('p', { id: 'compare-summary' }, 'Loading the figures from all responses\u2026'),
      el('div', { id: 'comparison' }),
      el('p', {}, el('a', { id: 'dashboard-link', href: links.dashboard }, 'See the live dashboard of all responses'))),
    !receipt.withdrawn && withdrawSection(receipt),
    el('p', {}, el('a', { href: './' }, 'Back to the start of the survey')));
  if (!survey) {
    announce('Some details could not be loaded. Reload the page to try again.', 'warning');
  }
}

// ---- how you compare -------------------------------------------------------------------------

async function showComparison(receipt, survey, links) {
  const summary = document.getElementById('compare-summary');
  const hotspots = await fetchHotspots(links.hotspots);
  const shares = new Map((hotspots ? hotspots.areas : []).map((area) => [area.id, area]));
  const groups = survey
    ? survey.groups.map((group) => ({ name: group.name, areas: group.areas.map((area) => ({ id: area.id, name: area.name })) }))
    : [{ name: 'Service areas', areas: hotspots ? hotspots.areas.map((area) => ({ id: area.id, name: area.name })) : [] }];
  if (hotspots) {
    summary.textContent = hotspots.totalResponses === 1
      ? 'Based on 1 response so far.'
      : `Based on ${hotspots.totalResponses.toLocaleString()} responses so far.`;
  } else {
    summary.textContent = 'The figures from all responses are not available right now. Please try again later.';
  }
  document.getElementById('comparison').replaceChildren(...groups
    .filter((group) => group.areas.length > 0)
    .map((group) => comparisonTable(group, receipt.selections, shares, hotspots !== null)));
}

async function fetchHotspots(url) {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), HOTSPOTS_TIMEOUT_MS);
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-store', signal: controller.signal });
    const body = response.ok ? await response.json() : null;
    return body && Array.isArray(body.areas) && Number.isFinite(body.totalResponses) ? body : null;
  } catch {
    return null;
  } finally {
    window.clearTimeout(timer);
  }
}

function comparisonTable(group, selections, shares, haveFigures) {
  return el('table', { class: 'comparison' },
    el('caption', {}, group.name),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Service area'),
      el('th', { scope: 'col' }, 'You'),
      el('th', { scope: 'col' }, 'PMOs that do it'))),
    el('tbody', {}, group.areas.map((area) => {
      const share = shares.get(area.id);
      const yours = selections && Object.prototype.hasOwnProperty.call(selections, area.id);
      return el('tr', { class: yours ? 'yours' : null },
        el('th', { scope: 'row' }, area.name),
        el('td', {}, selections ? (yours ? 'Yes' : 'No') : '\u2013'),
        el('td', {}, haveFigures && share && Number.isFinite(share.percentage)
          ? `${Math.round(share.percentage)}%` : '\u2013'));
    })));
}

// ---- withdrawal ------------------------------------------------------------------------------

function withdrawSection(receipt) {
  const confirmation = el('div', { id: 'withdraw-confirm', class: 'notice', hidden: true },
    el('p', { id: 'withdraw-question', tabindex: '-1' },
      'Withdraw your response? Your answers will no longer count in the results. This cannot be undone.'),
    el('div', { class: 'navigation' },
      el('button', { type: 'button', id: 'withdraw-yes', class: 'warning', onclick: () => withdraw(receipt) },
        'Yes, withdraw my response'),
      el('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          confirmation.hidden = true;
          document.getElementById('withdraw').focus();
        },
      }, 'Cancel')));
  return el('section', { id: 'withdraw-section', 'aria-labelledby': 'withdraw-heading' },
    el('h2', { id: 'withdraw-heading' }, 'Changed your mind?'),
    el('p', {}, 'You can withdraw your response. It is then left out of every figure and download.'),
    el('p', {}, el('button', {
      type: 'button',
      id: 'withdraw',
      class: 'secondary',
      onclick: () => {
        confirmation.hidden = false;
        document.getElementById('withdraw-question').focus();
      },
    }, 'Withdraw my response')),
    confirmation);
}

let withdrawing = false;

async function withdraw(receipt) {
  if (withdrawing) {
    return;
  }
  withdrawing = true;
  announce('Withdrawing your response\u2026');
  const response = await sendWithRetry(`/api/responses/${encodeURIComponent(receipt.responseId)}/withdraw`, {
    method: 'POST',
    headers: { 'X-Report-Token': receipt.reportToken },
    cache: 'no-store',
  }, (seconds) => announce(`We could not reach the server; retrying in ${seconds} s.`, 'warning'));
  withdrawing = false;
  if (response.status === 202) {
    storage.write(RECEIPT_KEY, { ...receipt, withdrawn: true });
    document.getElementById('workbook').remove();
    const confirmation = el('p', { id: 'withdrawn', tabindex: '-1' },
      'Your response has been withdrawn. It no longer counts in the results.');
    document.getElementById('withdraw-section').replaceChildren(
      el('h2', { id: 'withdraw-heading' }, 'Response withdrawn'), confirmation);
    document.getElementById('outcome').textContent = 'You withdrew your response: it no longer counts in the results.';
    announce('Your response has been withdrawn.');
    confirmation.focus();
    return;
  }
  const problem = await readProblem(response);
  announce(response.status === 403
    ? 'The key this browser kept for your response was not accepted, so it could not be withdrawn.'
    : `Your response could not be withdrawn (${response.status}${problem.detail ? `: ${problem.detail}` : ''}). `
      + 'Please try again later.', 'error');
}
