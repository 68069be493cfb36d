// The communication service's inbox. Every text from a report is put in the
// page with textContent (never as HTML), and the server's CSP forbids inline
// scripts: a comment's text cannot run.
'use strict';

const STATES = {
  nouveau: 'nouveau',
  en_cours: 'en cours',
  traite: 'traité',
  transmis: 'transmis',
  rejete: 'rejeté',
};
const REASONS = {
  secret_medical: 'Secret médical',
  droit_image: 'Droit à l’image',
  propriete_intellectuelle: 'Propriété intellectuelle',
  diffamation_injure: 'Diffamation ou injure',
  devoir_reserve: 'Devoir de réserve',
  verification_sources: 'Vérification des sources',
  compte_officiel: 'Compte officiel',
  autre: 'Autre',
};
const PLATFORMS = { facebook: 'Facebook', x: 'X', linkedin: 'LinkedIn' };
const DESTINATIONS = {
  direction_usagers: 'la direction des usagers',
  direction_ressources_humaines: 'la direction des ressources humaines',
};
// What can be done from each state: [label, state, destination].
const ACTIONS = {
  nouveau: [['Prendre en charge', 'en_cours'], ['Rejeter', 'rejete']],
  en_cours: [
    ['Marquer comme traité', 'traite'],
    ['Transmettre à la direction des usagers', 'transmis', 'direction_usagers'],
    ['Transmettre à la direction des ressources humaines', 'transmis',
      'direction_ressources_humaines'],
    ['Rejeter', 'rejete'],
  ],
  traite: [['Rouvrir', 'en_cours']],
  transmis: [['Rouvrir', 'en_cours']],
  rejete: [['Rouvrir', 'en_cours']],
};

let csrf = '';
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function frenchDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short',
  });
}

function label(table, id) {
  return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : id;
}

function stateBadge(state, destination) {
  let text = label(STATES, state);
  if (state === 'transmis' && destination) {
    text += ' à ' + label(DESTINATIONS, destination);
  }
  return el('span', text, 'state state-' + state);
}

function show(section) {
  for (const id of ['signin', 'list', 'detail']) $(id).hidden = id !== section;
}

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = {};
  }
  if (response.status === 401 && path !== '/api/v1/session') {
    signedOut();
  }
  return { status: response.status, data };
}

function signedIn(user, token) {
  csrf = token;
  $('who').textContent = 'Connecté : ' + user;
  $('who').hidden = false;
  $('logout').hidden = false;
  route();
}

function signedOut() {
  csrf = '';
  $('who').hidden = true;
  $('logout').hidden = true;
  show('signin');
  $('signin-form').elements.name.focus();
}

function fillSelect(select, table, anyLabel) {
  select.append(new Option(anyLabel, ''));
  for (const [id, text] of Object.entries(table)) select.append(new Option(text, id));
}

function filterQuery() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($('filters'))) {
    if (value) params.set(key, value);
  }
  return params.toString();
}

async function showList() {
  show('list');
  const query = filterQuery();
  $('export').href = '/api/v1/export.csv' + (query ? '?' + query : '');
  const { status, data } = await api('GET', '/api/v1/cases' + (query ? '?' + query : ''));
  if (status !== 200) {
    if (status !== 401) $('count').textContent = data.error || 'Erreur de chargement.';
    return;
  }
  const rows = $('rows');
  rows.replaceChildren();
  for (const c of data.cases) {
    const tr = el('tr');
    tr.dataset.caseId = String(c.id);
    tr.append(el('td', frenchDate(c.last_reported_at)));
    tr.append(el('td', label(PLATFORMS, c.platform)));
    tr.append(el('td', c.author));
    const text = el('td', undefined, 'text');
    const link = el('a', c.text.length > 140 ? c.text.slice(0, 140) + '…' : c.text);
    link.href = '#/signalement/' + c.id;
    text.append(link);
    tr.append(text);
    tr.append(el('td', label(REASONS, c.reason)));
    tr.append(el('td', String(c.report_count), 'count'));
    const state = el('td');
    state.append(stateBadge(c.state, c.destination));
    tr.append(state);
    rows.append(tr);
  }
  const n = data.cases.length;
  $('count').textContent = n === 0 ? 'Aucun signalement.'
    : n + (n > 1 ? ' commentaires signalés' : ' commentaire signalé');
}

function historyLine(event) {
  if (event.kind === 'signalement') {
    return 'signalement reçu (' + label(REASONS, event.detail) + ')';
  }
  if (event.kind === 'etat') {
    const [state, destination] = event.detail.split(':');
    if (state === 'transmis' && destination) {
      return 'transmis à ' + label(DESTINATIONS, destination);
    }
    return 'état : ' + label(STATES, state);
  }
  if (event.kind === 'note') return 'note : ' + event.detail;
  return event.kind + ' ' + event.detail;
}

function renderDetail(c) {
  $('detail-title').textContent = 'Signalement n° ' + c.id;
  const meta = $('detail-meta');
  meta.replaceChildren();
  const add = (term, value) => {
    meta.append(el('dt', term));
    const dd = el('dd');
    if (value instanceof Node) dd.append(value); else dd.textContent = value;
    meta.append(dd);
  };
  add('État', stateBadge(c.state, c.destination));
  add('Plateforme', label(PLATFORMS, c.platform));
  add('Auteur', c.author || '(non affiché)');
  add('Motif', label(REASONS, c.reason));
  add('Signalements', String(c.report_count));
  if (/^https:\/\//.test(c.url)) {
    const link = el('a', c.url);
    link.href = c.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    add('Lien', link);
  } else {
    add('Lien', c.url);
  }
  add('Premier signalement', frenchDate(c.first_reported_at));
  add('Dernier signalement', frenchDate(c.last_reported_at));
  $('detail-text').textContent = c.text;

  const actions = $('actions');
  actions.replaceChildren();
  for (const [text, state, destination] of ACTIONS[c.state] || []) {
    const button = el('button', text);
    button.type = 'button';
    button.addEventListener('click', () => changeState(c.id, state, destination));
    actions.append(button);
  }

  const reports = $('detail-reports');
  reports.replaceChildren();
  for (const r of c.reports) {
    let line = frenchDate(r.reported_at) + ' — ' + (r.reporter || 'anonyme') +
      ' — ' + label(REASONS, r.reason);
    if (r.note) line += '\nNote : ' + r.note;
    reports.append(el('li', line));
  }
  const history = $('detail-history');
  history.replaceChildren();
  for (const e of c.history) {
    history.append(el('li', frenchDate(e.at) + ' — ' + e.actor + ' — ' + historyLine(e)));
  }
}

async function showDetail(id) {
  show('detail');
  $('detail-message').textContent = '';
  const { status, data } = await api('GET', '/api/v1/cases/' + id);
  if (status === 200) {
    renderDetail(data);
  } else if (status !== 401) {
    $('detail-title').textContent = data.error || 'Signalement introuvable.';
  }
}

async function changeState(id, state, destination) {
  const body = { state };
  if (destination) body.destination = destination;
  const { status, data } = await api('POST', '/api/v1/cases/' + id + '/state', body);
  if (status === 200) {
    renderDetail(data);
    $('detail-message').textContent = '';
  } else {
    $('detail-message').textContent = data.error || 'Le changement a échoué.';
  }
}

function route() {
  const match = /^#\/signalement\/(\d+)$/.exec(location.hash);
  if (match) showDetail(match[1]); else showList();
}

async function start() {
  fillSelect($('filters').elements.etat, STATES, 'Tous');
  fillSelect($('filters').elements.motif, REASONS, 'Tous');
  fillSelect($('filters').elements.plateforme, PLATFORMS, 'Toutes');
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    showList();
  });
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    $('signin-error').textContent = '';
    const { status, data } = await api('POST', '/api/v1/session', {
      name: form.elements.name.value, password: form.elements.password.value,
    });
    form.elements.password.value = '';
    if (status === 200) signedIn(data.user, data.csrf);
    else $('signin-error').textContent = data.error || 'Connexion impossible.';
  });
  $('logout').addEventListener('click', async () => {
    await api('DELETE', '/api/v1/session');
    signedOut();
  });
  $('note-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const match = /^#\/signalement\/(\d+)$/.exec(location.hash);
    if (!match) return;
    const textarea = event.target.elements.text;
    const { status, data } = await api('POST', '/api/v1/cases/' + match[1] + '/notes',
      { text: textarea.value });
    if (status === 201) {
      textarea.value = '';
      renderDetail(data);
    } else {
      $('detail-message').textContent = data.error || 'La note n’a pas été enregistrée.';
    }
  });
  window.addEventListener('hashchange', () => { if (csrf) route(); });
  const { status, data } = await api('GET', '/api/v1/session');
  if (status === 200) signedIn(data.user, data.csrf); else signedOut();
}

start();
