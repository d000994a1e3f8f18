'use strict';

// The catalogue admin page. Every write sends the draft's ETag in If-Match; a 412 means someone else changed the
// draft, so the page says so and reloads it. Text from the catalogue is only ever inserted with textContent.
(() => {
  // location.origin, not a relative URL: it never carries credentials typed into the address bar.
  const API = `${location.origin}/api/admin/catalogue`;
  const LABELS = { group: 'Group', area: 'Service area', task: 'Task' };
  const PATHS = { group: 'groups', area: 'areas', task: 'tasks' };
  const CHILDREN = { group: 'areas', area: 'tasks' };
  const CHILD_KIND = { group: 'area', area: 'task' };

  const state = { draft: null, etag: null, diff: null, open: new Set() };

  const byId = (id) => document.getElementById(id);

  function make(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else if (value === true) {
        node.setAttribute(name, '');
      } else if (value !== false && value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  function announce(message) {
    byId('alert').replaceChildren();
    byId('status').textContent = message;
  }

  function showProblem(problem, status) {
    byId('status').replaceChildren();
    const alert = byId('alert');
    const detail = problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `The server answered ${status}.`;
    alert.replaceChildren(make('p', { text: detail }));
    if (problem && Array.isArray(problem.errors) && problem.errors.length > 0) {
      alert.append(make('ul', {}, ...problem.errors.map((error) =>
        make('li', { text: [error.line ? `line ${error.line}` : null, error.field, error.reason].filter(Boolean).join(': ') }))));
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }

  async function load() {
    const response = await fetch(`${API}/draft`, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      showProblem(await readJson(response), response.status);
      return;
    }
    state.draft = await response.json();
    state.etag = response.headers.get('ETag');
    render();
    await loadDiff();
  }

  async function loadDiff() {
    const response = await fetch(`${API}/diff`, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      showProblem(await readJson(response), response.status);
      return;
    }
    state.diff = await response.json();
    renderDiff();
  }

  /** Sends a write based on the draft revision shown; returns the response and its body, or null when refused. */
  async function send(method, path, body) {
    const response = await fetch(`${API}${path}`, {
      method,
      cache: 'no-store',
      headers: { 'If-Match': state.etag, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 412) {
      await load();
      showProblem({ detail: 'Someone else changed the draft while you were editing, so your change was not saved. '
          + 'The page now shows their version: check it and make your change again.' }, 412);
      return null;
    }
    const payload = await readJson(response);
    if (!response.ok) {
      showProblem(payload, response.status);
      return null;
    }
    return { response, payload };
  }

  async function edit(method, path, body, message) {
    const result = await send(method, path, body);
    if (result) {
      state.draft = result.payload;
      state.etag = result.response.headers.get('ETag');
      render();
      announce(message);
      await loadDiff();
    }
  }

  function namesById() {
    const names = new Map();
    for (const group of state.draft.groups) {
      names.set(group.id, group.name);
      for (const area of group.areas) {
        names.set(area.id, area.name);
        area.tasks.forEach((task) => names.set(task.id, task.name));
      }
    }
    return names;
  }

  function render() {
    const focused = document.activeElement && document.activeElement.id;
    const draft = state.draft;
    byId('tree').replaceChildren(...draft.groups.map((group, index) => make('li', {}, renderItem('group', group, index, draft.groups, null))));
    const changed = draft.updatedBy ? ` by ${draft.updatedBy}` : '';
    byId('summary').textContent = `Draft revision ${draft.revision}, last changed ${new Date(draft.updatedAt).toLocaleString()}${changed}.`;
    restoreFocus(focused);
  }

  /** Puts the focus back where it was before the tree was redrawn, or on the nearest control that still works. */
  function restoreFocus(id) {
    if (!id) {
      return;
    }
    const target = byId(id);
    if (target && !target.disabled) {
      target.focus();
      return;
    }
    const alternative = id.startsWith('up-') ? byId(`down-${id.slice(3)}`) : id.startsWith('down-') ? byId(`up-${id.slice(5)}`) : null;
    if (alternative && !alternative.disabled) {
      alternative.focus();
    } else if (target) {
      target.closest('details').querySelector('summary').focus();
    }
  }

  function renderItem(kind, item, index, siblings, parent) {
    const label = LABELS[kind];
    const details = make('details', {
      id: `item-${item.id}`,
      class: `item ${kind}${item.retired ? ' retired' : ''}`,
      ontoggle: () => (details.open ? state.open.add(item.id) : state.open.delete(item.id)),
    });
    details.open = state.open.has(item.id);
    details.append(make('summary', {},
      make('span', { class: 'kind', text: label }), ' ',
      make('span', { class: 'name', text: item.name }),
      item.retired ? make('span', { class: 'badge', text: 'retired' }) : null));

    const nameInput = make('input', { id: `name-${item.id}`, name: 'name', type: 'text', required: true, maxlength: '200', autocomplete: 'off' });
    nameInput.value = item.name;
    const descriptionInput = make('textarea', { id: `description-${item.id}`, name: 'description', maxlength: '2000' });
    descriptionInput.value = item.description || '';
    const form = make('form', {
      class: 'edit',
      onsubmit: (event) => {
        event.preventDefault();
        edit('PATCH', `/${PATHS[kind]}/${item.id}`, { name: nameInput.value, description: descriptionInput.value },
          `Saved ${label.toLowerCase()} “${nameInput.value.trim()}”.`);
      },
    }, make('fieldset', {},
      make('legend', { text: `${label} “${item.name}”` }),
      make('label', { for: nameInput.id, text: 'Name' }), nameInput,
      make('label', { for: descriptionInput.id, text: 'Description' }), descriptionInput,
      make('p', { class: 'id', text: `Id: ${item.id}` }),
      make('button', { type: 'submit', id: `save-${item.id}`, text: 'Save' })));
    details.append(form);

    const order = siblings.map((sibling) => sibling.id);
    details.append(make('div', { class: 'actions' },
      actionButton(`up-${item.id}`, 'Move up', item.name, index === 0, () => reorder(parent, order, index, -1, item)),
      actionButton(`down-${item.id}`, 'Move down', item.name, index === siblings.length - 1, () => reorder(parent, order, index, 1, item)),
      item.retired
        ? actionButton(`restore-${item.id}`, 'Restore', item.name, false,
          () => edit('POST', `/${PATHS[kind]}/${item.id}/restore`, undefined, `Restored ${label.toLowerCase()} “${item.name}”.`))
        : actionButton(`retire-${item.id}`, 'Retire', item.name, false,
          () => edit('POST', `/${PATHS[kind]}/${item.id}/retire`, undefined, `Retired ${label.toLowerCase()} “${item.name}”.`))));

    const childKind = CHILD_KIND[kind];
    if (childKind) {
      const children = item[CHILDREN[kind]];
      details.append(make('ol', { class: 'children', 'aria-label': `${LABELS[childKind]}s of ${item.name}` },
        ...children.map((child, childIndex) => make('li', {}, renderItem(childKind, child, childIndex, children, item)))));
    }
    return details;
  }

  /** A button whose accessible name starts with its visible text and adds the item it acts on. */
  function actionButton(id, text, itemName, disabled, action) {
    return make('button', { type: 'button', id, disabled, onclick: action },
      text, make('span', { class: 'visually-hidden', text: `: ${itemName}` }));
  }

  function reorder(parent, order, index, step, item) {
    const reordered = [...order];
    [reordered[index], reordered[index + step]] = [reordered[index + step], reordered[index]];
    edit('POST', '/reorder', { parent: parent ? parent.id : null, order: reordered },
      `Moved “${item.name}” ${step < 0 ? 'up' : 'down'}.`);
  }

  function describe(change, names) {
    const what = `${LABELS[change.kind].toLowerCase()} “${change.name}”`;
    const nameOf = (id) => (id ? `“${names.get(id) || id}”` : 'the top level');
    switch (change.type) {
      case 'added': return `Added ${what}${change.parent ? ` to ${nameOf(change.parent)}` : ''}`;
      case 'restored': return `Restored ${what}`;
      case 'renamed': return `Renamed ${LABELS[change.kind].toLowerCase()} “${change.from}” to “${change.to}”`;
      case 'described': return `Changed the description of ${what}`;
      case 'moved': return `Moved ${what} from ${nameOf(change.from)} to ${nameOf(change.to)}`;
      case 'reordered': return `Moved ${what} from position ${change.fromPosition} to ${change.toPosition}`;
      case 'retired': return `Retired ${what}`;
      default: return `${change.type} ${what}`;
    }
  }

  function renderDiff() {
    const diff = state.diff;
    const names = namesById();
    byId('published-version').textContent = String(diff.publishedVersion);
    byId('diff-version').textContent = String(diff.publishedVersion);
    byId('changes').replaceChildren(...diff.changes.map((change) => make('li', { text: describe(change, names) })));
    byId('no-changes').hidden = diff.changes.length > 0;
    const blocking = diff.problems.filter((problem) => problem.field !== 'draft');
    byId('problems').replaceChildren(...blocking.map((problem) => make('li', { text: problem.reason })));
    byId('problems-block').hidden = blocking.length === 0;
    const publish = byId('publish');
    publish.textContent = `Publish version ${diff.publishedVersion + 1}`;
    publish.disabled = diff.problems.length > 0;
  }

  async function publish() {
    const next = state.diff.publishedVersion + 1;
    const count = state.diff.changes.length;
    if (!window.confirm(`Publish version ${next} with ${count} change${count === 1 ? '' : 's'}? `
        + 'The survey will offer it to new respondents; a published version cannot be changed.')) {
      return;
    }
    const result = await send('POST', '/publish');
    if (result) {
      const version = result.payload;
      announce(`Published version ${version.version} with ${version.changeCount} change${version.changeCount === 1 ? '' : 's'}.`);
      await loadDiff();
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    byId('publish').addEventListener('click', publish);
    load();
  });
})();
