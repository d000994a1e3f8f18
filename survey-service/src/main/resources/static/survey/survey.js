// The survey: introduction, profile, one step per catalogue group, other services, review, submit.
// The draft (answers, current step and the responseId) is saved in localStorage on every change,
// so a reload, a closed tab or a dropped connection loses nothing.

import {
  DRAFT_KEY, RECEIPT_KEY, UUID_PATTERN, announce, el, formatDate, loadSurvey, newResponseId, readProblem,
  sendWithRetry, storage,
} from './common.js';

const MAX_OTHER_SERVICES = 2000;

const stepContainer = document.getElementById('step');
const progress = document.getElementById('progress');
const progressLabel = document.getElementById('progress-label');
const progressBar = document.getElementById('progress-bar');

let survey;
let draft;
let steps;
/** Field path (as in problem+json "errors") to the reason, from the last rejected submission. */
let errors = {};
let submitting = false;
let warnedStorage = false;

start();

async function start() {
  survey = await loadSurvey((seconds) => announce(
    `The survey is not available yet; trying again in ${seconds} s.`, 'warning'));
  announce('');
  steps = buildSteps();
  draft = restoreDraft() || newDraft();
  if (!steps.some((step) => step.id === draft.step)) {
    draft.step = 'intro';
  }
  show(draft.step, false);
}

// ---- the draft -------------------------------------------------------------------------------

function newDraft() {
  return {
    responseId: newResponseId(),
    catalogueVersion: survey.version,
    step: 'intro',
    profile: {},
    areas: [],
    tasks: {},
    otherServices: '',
  };
}

function restoreDraft() {
  const saved = storage.read(DRAFT_KEY);
  if (!saved || typeof saved !== 'object' || !UUID_PATTERN.test(String(saved.responseId))) {
    return null;
  }
  const receipt = storage.read(RECEIPT_KEY);
  if (receipt && receipt.responseId === saved.responseId) {
    // Submitted already; only the clean-up after the 202 was missed.
    storage.remove(DRAFT_KEY);
    return null;
  }
  const restored = {
    responseId: saved.responseId,
    catalogueVersion: survey.version,
    step: typeof saved.step === 'string' ? saved.step : 'intro',
    profile: {},
    areas: [],
    tasks: {},
    otherServices: typeof saved.otherServices === 'string' ? saved.otherServices.slice(0, MAX_OTHER_SERVICES) : '',
  };
  for (const question of survey.profileQuestions) {
    const answer = saved.profile && saved.profile[question.id];
    if (answer === '' || question.options.some((option) => option.value === answer)) {
      restored.profile[question.id] = answer;
    }
  }
  for (const { area } of allAreas()) {
    if (Array.isArray(saved.areas) && saved.areas.includes(area.id)) {
      restored.areas.push(area.id);
    }
    const savedTasks = saved.tasks && Array.isArray(saved.tasks[area.id]) ? saved.tasks[area.id] : [];
    const tasks = area.tasks.map((task) => task.id).filter((id) => savedTasks.includes(id));
    if (tasks.length) {
      restored.tasks[area.id] = tasks;
    }
  }
  if (saved.catalogueVersion !== survey.version) {
    announce('The list of services has been updated since you started. Your answers are kept wherever they still apply.');
  }
  return restored;
}

function save() {
  if (!storage.write(DRAFT_KEY, draft) && !warnedStorage) {
    warnedStorage = true;
    announce('This browser does not let the survey save your answers, so they will be lost if you leave the page.',
      'warning');
  }
}

function hasAnswers() {
  return draft.areas.length > 0 || Object.keys(draft.profile).length > 0 || draft.otherServices.trim() !== '';
}

function allAreas() {
  return survey.groups.flatMap((group) => group.areas.map((area) => ({ group, area })));
}

function requestBody() {
  const selections = {};
  for (const { area } of allAreas()) {
    if (draft.areas.includes(area.id)) {
      const ticked = draft.tasks[area.id] || [];
      selections[area.id] = area.tasks.map((task) => task.id).filter((id) => ticked.includes(id));
    }
  }
  const body = { catalogueVersion: draft.catalogueVersion, selections };
  const profile = {};
  for (const question of survey.profileQuestions) {
    if (draft.profile[question.id]) {
      profile[question.id] = draft.profile[question.id];
    }
  }
  if (Object.keys(profile).length) {
    body.profile = profile;
  }
  if (draft.otherServices.trim()) {
    body.otherServices = draft.otherServices.trim();
  }
  return body;
}

// ---- steps -----------------------------------------------------------------------------------

function buildSteps() {
  return [
    { id: 'intro', title: 'About the survey', render: renderIntro },
    { id: 'profile', title: 'About you and your PMO', render: renderProfile },
    ...survey.groups.map((group) => ({ id: `group:${group.id}`, title: group.name, render: (index) => renderGroup(group, index) })),
    { id: 'other', title: 'Other services', render: renderOtherServices },
    { id: 'review', title: 'Check your answers', render: renderReview },
  ];
}

function stepIndex(id) {
  return steps.findIndex((step) => step.id === id);
}

function show(stepId, moveFocus = true) {
  const index = stepIndex(stepId);
  const step = steps[index];
  draft.step = stepId;
  save();
  stepContainer.replaceChildren(step.render(index));
  const numberedSteps = steps.length - 1;
  progress.hidden = index === 0;
  progressLabel.textContent = `Step ${index} of ${numberedSteps}`;
  progressBar.max = numberedSteps;
  progressBar.value = index;
  document.title = `${step.title}: PMO Services Research`;
  if (moveFocus) {
    const summary = stepContainer.querySelector('.error-summary');
    (summary || stepContainer.querySelector('h1')).focus();
  }
}

function goTo(stepId) {
  if (!submitting) {
    show(stepId);
  }
}

/** A step is a form: Next submits it, so Enter in a field moves on as people expect. */
function stepForm(index, onNext, nextLabel, ...content) {
  return el('form', {
    class: 'step',
    novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      onNext();
    },
  },
  content,
  el('div', { class: 'navigation' },
    el('button', { type: 'submit', class: 'primary' }, nextLabel),
    el('button', { type: 'button', class: 'secondary', onclick: () => goTo(steps[index - 1].id) }, 'Back')));
}

function next(index) {
  return () => goTo(steps[index + 1].id);
}

function heading(text) {
  return el('h1', { tabindex: '-1' }, text);
}

function fieldError(id, reason) {
  return reason && el('p', { class: 'field-error', id }, el('span', { class: 'visually-hidden' }, 'Error: '), reason);
}

function renderIntro(index) {
  const receipt = storage.read(RECEIPT_KEY);
  const open = survey.survey.open;
  return el('div', { class: 'step' },
    heading('The PMO services survey'),
    receipt && el('div', { class: 'notice' },
      el('p', {},
        receipt.withdrawn ? 'You responded from this browser and withdrew your answers.'
          : `You have already responded from this browser${receipt.submittedAt ? ` on ${formatDate(receipt.submittedAt)}` : ''}.`,
        ' ', el('a', { href: 'thanks.html' }, 'See your results'), '.'),
      open && el('p', {}, 'If someone else uses this browser, they are welcome to take the survey too.')),
    !open && el('div', { class: 'notice' }, el('p', {}, closedMessage())),
    el('p', {}, 'The PMO Services Research asks people who work in project, programme and portfolio offices which '
      + 'services their PMO provides and which tasks they carry out. Together the answers show the core services '
      + 'almost every PMO offers, and the long tail.'),
    el('ul', {},
      el('li', {}, 'It takes about 5 minutes.'),
      el('li', {}, 'It is anonymous: we do not ask for your name or email address, and we do not keep your IP address.'),
      el('li', {}, 'Your answers are saved in this browser as you go, so you can stop and come back.')),
    el('p', {}, 'At the end you can download a spreadsheet of every PMO service area and task with your answers '
      + 'set against everyone else\u2019s, and see how you compare with other PMOs.'),
    open && el('div', { class: 'navigation' },
      el('button', { type: 'button', class: 'primary', onclick: next(index) },
        hasAnswers() ? 'Continue the survey' : 'Start the survey')));
}

function closedMessage() {
  const now = Date.now();
  const { opensAt, closesAt } = survey.survey;
  if (opensAt && now < Date.parse(opensAt)) {
    return `The survey is not open yet. It opens on ${formatDate(opensAt)}.`;
  }
  if (closesAt && now >= Date.parse(closesAt)) {
    return `The survey closed on ${formatDate(closesAt)}. Thank you for your interest.`;
  }
  return 'The survey has all the responses it needs and is closed. Thank you for your interest.';
}

function renderProfile(index) {
  return stepForm(index, next(index), 'Next',
    heading('About you and your PMO'),
    el('p', {}, 'Every question is optional. None of them identifies you: they let us compare groups of PMOs.'),
    survey.profileQuestions.map(profileQuestion));
}

function profileQuestion(question) {
  const name = `profile-${question.id}`;
  const errorId = `${name}-error`;
  const error = errors[`profile.${question.id}`];
  const answered = Object.prototype.hasOwnProperty.call(draft.profile, question.id);
  const options = [...question.options, { value: '', label: 'Prefer not to say' }];
  return el('fieldset', { class: 'question', 'aria-describedby': error ? errorId : null },
    el('legend', {}, question.label),
    fieldError(errorId, error),
    el('div', { class: 'choices' }, options.map((option) => {
      const id = `${name}-${option.value || 'none'}`;
      return el('div', { class: 'choice' },
        el('input', {
          type: 'radio',
          id,
          name,
          value: option.value,
          checked: answered && draft.profile[question.id] === option.value,
          onchange: () => {
            draft.profile[question.id] = option.value;
            delete errors[`profile.${question.id}`];
            save();
          },
        }),
        el('label', { for: id }, option.label));
    })));
}

function renderGroup(group, index) {
  return stepForm(index, next(index), 'Next',
    heading(group.name),
    group.description && el('p', { class: 'lead' }, group.description),
    el('p', {}, 'Tick each service area your PMO provides, then the tasks you carry out in it. '
      + 'Leave an area unticked if your PMO does not provide it.'),
    el('div', { class: 'areas' }, group.areas.map(areaChoice)));
}

function areaChoice(area) {
  const id = `area-${area.id}`;
  const tasksId = `tasks-${area.id}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = Object.entries(errors)
    .filter(([field]) => isAreaField(field, area.id))
    .map(([, reason]) => reason)
    .join('; ');
  const ticked = draft.areas.includes(area.id);
  const tasks = el('fieldset', { class: 'tasks', id: tasksId, hidden: !ticked },
    el('legend', {}, `Tasks you carry out in ${area.name}`),
    area.tasks.map((task) => taskChoice(area, task)));
  const describedBy = [area.description ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return el('div', { class: 'area' },
    el('div', { class: 'choice' },
      el('input', {
        type: 'checkbox',
        id,
        value: area.id,
        checked: ticked,
        'aria-controls': tasksId,
        'aria-expanded': String(ticked),
        'aria-describedby': describedBy || null,
        'aria-invalid': error ? 'true' : null,
        onchange: (event) => {
          const checked = event.target.checked;
          draft.areas = checked ? [...draft.areas, area.id] : draft.areas.filter((areaId) => areaId !== area.id);
          clearAreaErrors(area.id);
          tasks.hidden = !checked;
          event.target.setAttribute('aria-expanded', String(checked));
          save();
        },
      }),
      el('label', { for: id }, area.name)),
    area.description && el('p', { class: 'hint', id: hintId }, area.description),
    fieldError(errorId, error),
    tasks);
}

function isAreaField(field, areaId) {
  return field === `selections.${areaId}` || field.startsWith(`selections.${areaId}[`);
}

function clearAreaErrors(areaId) {
  for (const field of Object.keys(errors).filter((candidate) => isAreaField(candidate, areaId))) {
    delete errors[field];
  }
}

function taskChoice(area, task) {
  const id = `task-${task.id}`;
  const hintId = `${id}-hint`;
  return el('div', { class: 'choice' },
    el('input', {
      type: 'checkbox',
      id,
      value: task.id,
      checked: (draft.tasks[area.id] || []).includes(task.id),
      'aria-describedby': task.description ? hintId : null,
      onchange: (event) => {
        const ticked = (draft.tasks[area.id] || []).filter((taskId) => taskId !== task.id);
        draft.tasks[area.id] = event.target.checked ? [...ticked, task.id] : ticked;
        clearAreaErrors(area.id);
        save();
      },
    }),
    el('label', { for: id }, task.name),
    task.description && el('p', { class: 'hint', id: hintId }, task.description));
}

function renderOtherServices(index) {
  const error = errors.otherServices;
  const count = el('p', { class: 'hint', id: 'other-services-count' });
  const updateCount = () => {
    count.textContent = `${draft.otherServices.length} of ${MAX_OTHER_SERVICES.toLocaleString()} characters`;
  };
  updateCount();
  return stepForm(index, next(index), 'Next',
    heading('Other services'),
    el('p', {}, 'About a third of PMOs provide services that no list covers. Tell us about yours.'),
    el('div', { class: 'field' },
      el('label', { for: 'other-services' }, 'Other services your PMO provides (optional)'),
      el('p', { class: 'hint', id: 'other-services-hint' }, 'Up to 2,000 characters. Please do not include names or other personal details.'),
      fieldError('other-services-error', error),
      el('textarea', {
        id: 'other-services',
        name: 'otherServices',
        rows: 6,
        maxlength: MAX_OTHER_SERVICES,
        'aria-describedby': `other-services-hint other-services-count${error ? ' other-services-error' : ''}`,
        'aria-invalid': error ? 'true' : null,
        oninput: (event) => {
          draft.otherServices = event.target.value;
          delete errors.otherServices;
          updateCount();
          save();
        },
      }, draft.otherServices),
      count));
}

function renderReview(index) {
  const problems = reviewProblems();
  const chosen = allAreas().filter(({ area }) => draft.areas.includes(area.id));
  const answeredQuestions = survey.profileQuestions.filter((question) => draft.profile[question.id]);
  return stepForm(index, submit, 'Submit my answers',
    heading('Check your answers'),
    problems.length > 0 && el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
      el('h2', {}, 'There is a problem'),
      el('ul', {}, problems.map((problem) => el('li', {},
        problem.step
          ? el('button', { type: 'button', class: 'link', onclick: () => goTo(problem.step) }, problem.text)
          : problem.text)))),
    el('section', { 'aria-labelledby': 'review-profile' },
      el('h2', { id: 'review-profile' }, 'About you and your PMO'),
      answeredQuestions.length
        ? el('dl', {}, answeredQuestions.map((question) => [
          el('dt', {}, question.label),
          el('dd', {}, question.options.find((option) => option.value === draft.profile[question.id]).label)]))
        : el('p', {}, 'No answers.'),
      changeButton('profile', 'Change your answers about you')),
    el('section', { 'aria-labelledby': 'review-services' },
      el('h2', { id: 'review-services' }, 'Service areas your PMO provides'),
      chosen.length
        ? el('ul', { class: 'chosen' }, chosen.map(({ group, area }) => el('li', {},
          el('span', { class: 'area-name' }, area.name),
          ` (${group.name})`,
          tasksOf(area).length > 0 && el('ul', {}, tasksOf(area).map((task) => el('li', {}, task.name))))))
        : el('p', {}, 'None ticked yet.'),
      survey.groups.map((group) => changeButton(`group:${group.id}`, `Change ${group.name}`))),
    el('section', { 'aria-labelledby': 'review-other' },
      el('h2', { id: 'review-other' }, 'Other services'),
      el('p', { class: 'free-text' }, draft.otherServices.trim() || 'None.'),
      changeButton('other', 'Change other services')),
    el('p', {}, 'Your answers are sent without your name or address. You can withdraw them later from this browser.'));
}

function tasksOf(area) {
  const ticked = draft.tasks[area.id] || [];
  return area.tasks.filter((task) => ticked.includes(task.id));
}

function changeButton(stepId, label) {
  return el('p', {}, el('button', { type: 'button', class: 'link', onclick: () => goTo(stepId) }, label));
}

function reviewProblems() {
  const problems = Object.entries(errors).map(([field, reason]) => ({ ...locate(field), reason }))
    .map(({ step, label, reason }) => ({ step, text: `${label}: ${reason}` }));
  if (draft.areas.length === 0) {
    problems.push({ step: steps[2].id, text: 'Tick at least one service area your PMO provides.' });
  }
  return problems;
}

/** Where a field of a problem+json "errors" entry lives in the survey, for the error summary. */
function locate(field) {
  if (field.startsWith('profile.')) {
    const question = survey.profileQuestions.find((candidate) => field === `profile.${candidate.id}`);
    return { step: 'profile', label: question ? question.label : 'About you' };
  }
  if (field.startsWith('selections.')) {
    const areaId = field.slice('selections.'.length).replace(/\[\d+\]$/, '');
    const found = allAreas().find(({ area }) => area.id === areaId);
    return found ? { step: `group:${found.group.id}`, label: found.area.name } : { step: null, label: 'Service areas' };
  }
  if (field === 'otherServices') {
    return { step: 'other', label: 'Other services' };
  }
  if (field === 'catalogueVersion') {
    return { step: null, label: 'The list of services has changed; reload the page to continue (your answers are kept)' };
  }
  return { step: null, label: 'Your answers' };
}

// ---- submission ------------------------------------------------------------------------------

async function submit() {
  if (submitting) {
    return;
  }
  if (draft.areas.length === 0) {
    show('review');
    return;
  }
  submitting = true;
  setBusy(true);
  announce('Sending your answers\u2026');
  const body = requestBody();
  const response = await sendWithRetry('/api/responses', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': draft.responseId },
    body: JSON.stringify(body),
    cache: 'no-store',
  }, (seconds) => announce(
    `We could not reach the server; retrying in ${seconds} s. Your answers are saved in this browser.`, 'warning'));
  submitting = false;
  setBusy(false);
  if (response.status === 202) {
    await completed(await response.json(), body);
    return;
  }
  await rejected(response);
}

function setBusy(busy) {
  for (const button of stepContainer.querySelectorAll('button')) {
    button.setAttribute('aria-disabled', String(busy));
  }
}

async function completed(receipt, body) {
  const kept = storage.write(RECEIPT_KEY, {
    responseId: receipt.responseId,
    reportToken: receipt.reportToken,
    submittedAt: new Date().toISOString(),
    catalogueVersion: body.catalogueVersion,
    selections: body.selections,
    withdrawn: false,
  });
  storage.remove(DRAFT_KEY);
  // Without storage the completion page still needs the receipt: the fragment never leaves the browser.
  window.location.assign(kept ? 'thanks.html'
    : `thanks.html#${encodeURIComponent(receipt.responseId)}.${encodeURIComponent(receipt.reportToken)}`);
}

async function rejected(response) {
  const problem = await readProblem(response);
  if (response.status === 400 && Array.isArray(problem.errors)) {
    errors = {};
    for (const error of problem.errors) {
      if (error && typeof error.field === 'string') {
        errors[error.field] = String(error.reason);
      }
    }
    if (errors['Idempotency-Key']) {
      // The stored id was damaged; a new one is safe because nothing was recorded under the old.
      delete errors['Idempotency-Key'];
      draft.responseId = newResponseId();
      save();
    }
    announce('Some answers need changing before they can be sent.', 'error');
    show('review');
    return;
  }
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  if (response.status === 410) {
    announce(`${detail || 'The survey is closed.'} Your answers stay saved in this browser.`, 'error');
  } else if (response.status === 413) {
    announce('Your answers are too long to send. Please shorten your text under Other services.', 'error');
  } else {
    announce(`Your answers could not be sent (${response.status}${detail ? `: ${detail}` : ''}). `
      + 'They stay saved in this browser; please try again later.', 'error');
  }
}
