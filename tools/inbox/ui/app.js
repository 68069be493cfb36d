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

const PAGE_SIZE = 50;
const FOLD_CHARS = 600;
const AUTHOR_CHARS = 60;
const UNREACHABLE = 'Le serveur ne répond pas : vérifiez votre connexion puis ' +
  'réessayez. Ce que vous avez saisi est conservé.';

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
  $('page-message').textContent = '';
}

// Says `text` to screen readers without moving the focus.
function announce(text) {
  $('announce').textContent = '';
  $('announce').textContent = text;
}

// One way to show an author everywhere; long ones are cut, whole in title.
function authorCell(tag, author) {
  const full = author || '(non affiché)';
  const node = el(tag, full.length > AUTHOR_CHARS ? full.slice(0, AUTHOR_CHARS) + '…' : full);
  if (full.length > AUTHOR_CHARS) node.title = full;
  return node;
}

// "Motif" alone, or every reason with how many gave it.
function reasonsText(c) {
  const reasons = c.reasons || [];
  if (reasons.length <= 1) return label(REASONS, c.reason);
  return reasons.map((r) => label(REASONS, r.reason) + ' (' + r.count + ')').join(', ');
}

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return { status: 0, data: { error: UNREACHABLE } };
  }
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

// The list's filters and page, as kept in the URL ("#/?etat=...&page=2").
function listParams() {
  const query = /^#\/\?(.*)$/.exec(location.hash);
  return new URLSearchParams(query ? query[1] : '');
}

function formParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($('filters'))) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

// Du and Au go as dates: the server reads them as Paris days, the days every
// date on the page is shown in, whatever the browser's own time zone.
function apiQuery(params, withPage) {
  const query = new URLSearchParams();
  for (const [key, value] of params) {
    if (key !== 'page' || withPage) query.set(key, value);
  }
  const text = query.toString();
  return text ? '?' + text : '';
}

function countText(total, offset, shown) {
  const noun = total > 1 ? ' signalements' : ' signalement';
  if (total === 0) return 'Aucun signalement.';
  // A page past the end (an old link, fewer cases since).
  if (shown === 0) return 'Aucun signalement sur cette page (' + total + noun + ' en tout).';
  if (offset === 0 && shown === total) return total + noun;
  return (offset + 1) + '–' + (offset + shown) + ' sur ' + total + noun;
}

function goToList(params) {
  const text = params.toString();
  location.hash = '#/' + (text ? '?' + text : '');
}

// Each view's latest request: an older answer arriving after a newer one
// (two quick "Suivant", a filter while a page loads) is dropped, never shown
// over it.
const latest = { list: 0, detail: 0 };

async function showList() {
  const request = ++latest.list;
  show('list');
  const params = listParams();
  // "Retour à la liste" comes back to these filters and this page.
  const query = params.toString();
  $('back').href = '#/' + (query ? '?' + query : '');
  const form = $('filters');
  for (const name of ['q', 'etat', 'motif', 'plateforme', 'du', 'au']) {
    form.elements[name].value = params.get(name) || '';
  }
  $('export').href = '/api/v1/export.csv' + apiQuery(params, false);
  $('list-message').textContent = '';
  const { status, data } = await api('GET', '/api/v1/cases' + apiQuery(params, true));
  if (request !== latest.list) return;
  if (status !== 200) {
    if (status !== 401) $('list-message').textContent = data.error || 'Erreur de chargement.';
    return;
  }
  const rows = $('rows');
  rows.replaceChildren();
  for (const c of data.cases) {
    const tr = el('tr');
    tr.dataset.caseId = String(c.id);
    tr.append(el('td', frenchDate(c.last_reported_at)));
    tr.append(el('td', label(PLATFORMS, c.platform)));
    const author = authorCell('td', c.author);
    author.className = 'author';
    tr.append(author);
    const text = el('td', undefined, 'text');
    const link = el('a', c.text.length > 140 ? c.text.slice(0, 140) + '…' : c.text);
    link.href = '#/signalement/' + c.id;
    text.append(link);
    tr.append(text);
    tr.append(el('td', reasonsText(c)));
    tr.append(el('td', String(c.report_count), 'count'));
    const state = el('td');
    state.append(stateBadge(c.state, c.destination));
    tr.append(state);
    rows.append(tr);
  }
  const offset = data.offset || 0;
  $('count').textContent = countText(data.total, offset, data.cases.length);
  $('range').textContent = data.total > PAGE_SIZE ? $('count').textContent : '';
  $('pages').hidden = data.total <= PAGE_SIZE;
  $('previous').disabled = offset === 0;
  $('next').disabled = offset + data.cases.length >= data.total;
}

function turnPage(delta) {
  const params = listParams();
  const page = Math.max(1, (Number(params.get('page')) || 1) + delta);
  if (page === 1) params.delete('page'); else params.set('page', String(page));
  goToList(params);
}

function historyLine(event) {
  if (event.kind === 'signalement') {
    return 'a signalé ce commentaire (' + label(REASONS, event.detail) + ')';
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
  add('Auteur', authorCell('span', c.author));
  add((c.reasons || []).length > 1 ? 'Motifs' : 'Motif', reasonsText(c));
  add('Nombre de fois signalé', String(c.report_count));
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
  // Re-rendering the same case (after an action) keeps the text as it was.
  const sameCase = $('detail').dataset.caseId === String(c.id);
  $('detail').dataset.caseId = String(c.id);
  showText(c.text, sameCase && $('unfold').getAttribute('aria-expanded') === 'true');
  $('unfold').onclick = () => {
    showText(c.text, $('unfold').getAttribute('aria-expanded') !== 'true');
  };

  const actions = $('actions');
  actions.replaceChildren();
  for (const [text, state, destination] of ACTIONS[c.state] || []) {
    const button = el('button', text);
    button.type = 'button';
    button.addEventListener('click', () => changeState(c, state, destination, text));
    actions.append(button);
  }

  const reports = $('detail-reports');
  reports.replaceChildren();
  for (const r of c.reports) {
    const flagged = frenchDate(r.reported_at);
    const item = el('li', flagged + ' — ' + (r.reporter || 'anonyme') +
      ' — ' + label(REASONS, r.reason));
    // Kept in the browser for a while (inbox not configured, offline).
    const received = r.received_at ? frenchDate(r.received_at) : flagged;
    if (received !== flagged) item.append(el('span', ' (reçu le ' + received + ')', 'received'));
    if (r.note) item.append('\nNote : ' + r.note);
    reports.append(item);
  }
  const history = $('detail-history');
  history.replaceChildren();
  for (const e of c.history) {
    history.append(el('li', frenchDate(e.at) + ' — ' + e.actor + ' — ' + historyLine(e)));
  }
}

// The comment, folded to its start when long.
function showText(text, unfolded) {
  const long = text.length > FOLD_CHARS;
  $('detail-text').textContent = long && !unfolded ? text.slice(0, FOLD_CHARS) + '…' : text;
  $('unfold').hidden = !long;
  $('unfold').textContent = unfolded ? 'Réduire' : 'Afficher tout (' +
    text.length.toLocaleString('fr-FR') + ' caractères)';
  $('unfold').setAttribute('aria-expanded', String(unfolded));
}

async function showDetail(id) {
  const request = ++latest.detail;
  show('detail');
  $('detail-message').textContent = '';
  const { status, data } = await api('GET', '/api/v1/cases/' + id);
  if (request !== latest.detail) return;
  if (status === 200) {
    renderDetail(data);
  } else if (status !== 401) {
    // Nothing of the case shown before may stay on screen.
    delete $('detail').dataset.caseId;
    for (const part of ['detail-meta', 'detail-text', 'actions', 'detail-reports', 'detail-history']) {
      $(part).replaceChildren();
    }
    $('unfold').hidden = true;
    $('detail-title').textContent = status === 0 ? 'Signalement n° ' + id
      : data.error || 'Signalement introuvable.';
    if (status === 0) $('detail-message').textContent = data.error;
  }
  $('detail-title').focus();
}

// Keeps the keyboard where the user acted: the same button if the new state
// still has it, else the first action.
function refocusActions(buttonText) {
  const buttons = [...$('actions').querySelectorAll('button')];
  const same = buttons.find((b) => b.textContent === buttonText);
  (same || buttons[0] || $('detail-title')).focus();
}

async function changeState(c, state, destination, buttonText) {
  // The state shown: the server refuses if someone changed it meanwhile.
  const body = { state, from: c.state };
  if (destination) body.destination = destination;
  const { status, data } = await api('POST', '/api/v1/cases/' + c.id + '/state', body);
  if (status === 200) {
    renderDetail(data);
    $('detail-message').textContent = '';
    announce('État du signalement : ' + $('detail-meta').querySelector('.state').textContent + '.');
  } else {
    if (data.case) renderDetail(data.case);
    $('detail-message').textContent = data.error || 'Le changement a échoué.';
  }
  refocusActions(buttonText);
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
    const params = formParams();
    if (params.toString() === listParams().toString()) showList();
    else goToList(params);
  });
  $('previous').addEventListener('click', () => turnPage(-1));
  $('next').addEventListener('click', () => turnPage(1));
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    $('signin-error').textContent = '';
    const { status, data } = await api('POST', '/api/v1/session', {
      name: form.elements.name.value, password: form.elements.password.value,
    });
    if (status !== 0) form.elements.password.value = '';
    if (status === 200) signedIn(data.user, data.csrf);
    else $('signin-error').textContent = data.error || 'Connexion impossible.';
  });
  $('logout').addEventListener('click', async () => {
    const { status, data } = await api('DELETE', '/api/v1/session');
    if (status === 0) $('page-message').textContent = data.error;
    else signedOut();
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
      $('detail-message').textContent = '';
      announce('Note enregistrée.');
    } else {
      $('detail-message').textContent = data.error || 'La note n’a pas été enregistrée.';
    }
    textarea.focus();
  });
  window.addEventListener('hashchange', () => { if (csrf) route(); });
  const { status, data } = await api('GET', '/api/v1/session');
  if (status === 200) signedIn(data.user, data.csrf);
  else signedOut();
  if (status === 0) $('signin-error').textContent = data.error;
}

start();
