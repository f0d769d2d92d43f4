// The dashboard page: one HTML shell and one script. Every string that comes from the journal
// (study, parameter and attribute names and values) reaches the DOM through textContent or
// vega's own text marks, never through innerHTML, so a hostile name shows as text.
import { escapeHtml } from '../report/html.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;display:flex;min-height:100vh}
nav{width:16em;background:#f4f5f7;border-right:1px solid #ddd;padding:1em;flex:none}
nav h1{font-size:1.1em;margin:0 0 .25em}nav .storage{color:#666;font-size:.85em;word-break:break-all}
nav ul{list-style:none;padding:0}nav li a{display:block;padding:.4em .5em;border-radius:4px;color:#222;text-decoration:none}
nav li a.current{background:#dde6f5}nav li small{display:block;color:#666}
main{flex:1;padding:1em 2em;min-width:0}h2{font-size:1.3em}h3{font-size:1.1em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #e4e4e4;padding:.2em .6em;text-align:right}
th{background:#f4f4f4;cursor:pointer;user-select:none}td.text,th.text{text-align:left}
.plots{display:flex;flex-wrap:wrap;gap:1em}.muted{color:#666}
#live{font-size:.85em}#live.on::before{content:"●";color:#2a2;margin-right:.3em}#live.off::before{content:"●";color:#c33;margin-right:.3em}
.state-COMPLETE{color:#1f77b4}.state-PRUNED{color:#ff7f0e}.state-FAIL{color:#c33}.state-RUNNING{color:#2a2}`;

/**
 * The page's HTML. Only `storage` (the journal's path or redacted URL) is inserted, escaped.
 * @internal
 */
export function pageHtml(storage: string, vendorScripts: readonly string[]): string {
  const scripts = [...vendorScripts, '/app.js'].map((src) => `<script src="${escapeHtml(src)}"></script>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bonito dashboard</title><style>${STYLE}</style></head>
<body><nav><h1>bonito dashboard</h1><div class="storage">${escapeHtml(storage)}</div><p id="live" class="off">connecting…</p><ul id="studies"></ul></nav>
<main id="main"><p class="muted">Loading…</p></main>${scripts}</body></html>
`;
}

// Plain ES2020 for the browser, kept as text so that the build needs no bundler. No template
// literals inside: this file's own template would swallow them.
/** The page's script. @internal */
export const CLIENT_SCRIPT = String.raw`'use strict';
(function () {
  var STATES = ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING'];
  var view = { studies: [], current: null, detail: null, sortKey: 'number', sortDir: 1, stateFilter: 'ALL' };

  // Builds an element; strings become text nodes, never markup.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) node.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function fmt(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
      return String(Number(v.toPrecision(6)));
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }
  function getJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || r.statusText);
        return body;
      });
    });
  }
  function selectedName() {
    var m = /^#study=(.*)$/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function renderList() {
    var ul = document.getElementById('studies');
    ul.replaceChildren();
    view.studies.forEach(function (s) {
      var a = el('a', { href: '#study=' + encodeURIComponent(s.name), class: s.name === view.current ? 'current' : '' }, s.name);
      var best = s.best === null ? '' : ', best ' + fmt(s.best);
      a.appendChild(el('small', null, s.total + ' trials, ' + s.counts.COMPLETE + ' complete' + best));
      ul.appendChild(el('li', null, a));
    });
    if (view.studies.length === 0) ul.appendChild(el('li', { class: 'muted' }, 'No study in this storage yet.'));
  }

  function duration(t) { return t.durationMs === null ? null : t.durationMs / 1000; }
  function steps(t) { return Object.keys(t.intermediateValues).length; }
  function lastStep(t) {
    var keys = Object.keys(t.intermediateValues).map(Number).sort(function (a, b) { return a - b; });
    return keys.length === 0 ? null : t.intermediateValues[String(keys[keys.length - 1])];
  }

  function trialTable(detail) {
    var study = detail.study;
    var paramNames = [];
    study.trials.forEach(function (t) { Object.keys(t.params).forEach(function (n) { if (paramNames.indexOf(n) < 0) paramNames.push(n); }); });
    var objectives = study.directions.length;
    var cols = [{ key: 'number', label: 'trial', get: function (t) { return t.number; } },
      { key: 'state', label: 'state', text: true, get: function (t) { return t.state; } }];
    for (var k = 0; k < objectives; k++) (function (k) {
      cols.push({ key: 'value' + k, label: objectives === 1 ? 'value' : 'value ' + k, get: function (t) { return t.values === null ? null : t.values[k]; } });
    })(k);
    cols.push({ key: 'duration', label: 'seconds', get: duration },
      { key: 'steps', label: 'steps', get: steps },
      { key: 'last', label: 'last intermediate', get: lastStep });
    paramNames.forEach(function (n) { cols.push({ key: 'p:' + n, label: n, text: true, get: function (t) { return t.params[n]; } }); });
    cols.push({ key: 'attrs', label: 'user attributes', text: true, get: function (t) { return Object.keys(t.userAttrs).length ? t.userAttrs : null; } });

    var col = cols.find(function (c) { return c.key === view.sortKey; }) || cols[0];
    var rows = study.trials.filter(function (t) { return view.stateFilter === 'ALL' || t.state === view.stateFilter; });
    rows.sort(function (a, b) {
      var x = col.get(a), y = col.get(b);
      if (x === y) return a.number - b.number;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      var nx = typeof x === 'string' && x !== 'NaN' && !/inity$/.test(x) ? NaN : Number(x), ny = typeof y === 'string' && y !== 'NaN' && !/inity$/.test(y) ? NaN : Number(y);
      var c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : fmt(x) < fmt(y) ? -1 : 1;
      return c * view.sortDir;
    });
    var head = el('tr');
    cols.forEach(function (c) {
      var arrow = c.key === view.sortKey ? (view.sortDir > 0 ? ' ▲' : ' ▼') : '';
      var th = el('th', { class: c.text ? 'text' : '', 'data-key': c.key }, c.label + arrow);
      th.addEventListener('click', function () {
        if (view.sortKey === c.key) view.sortDir = -view.sortDir; else { view.sortKey = c.key; view.sortDir = 1; }
        renderDetail(false);
      });
      head.appendChild(th);
    });
    var table = el('table', { id: 'trials' }, head);
    rows.forEach(function (t) {
      var tr = el('tr', { 'data-number': String(t.number) });
      cols.forEach(function (c) {
        tr.appendChild(el('td', { class: (c.text ? 'text ' : '') + (c.key === 'state' ? 'state-' + t.state : '') }, fmt(c.get(t))));
      });
      table.appendChild(tr);
    });
    var select = el('select', { id: 'state-filter' }, el('option', { value: 'ALL' }, 'all states'));
    STATES.forEach(function (s) { select.appendChild(el('option', { value: s }, s + ' (' + detail.tables.counts[s] + ')')); });
    select.value = view.stateFilter;
    select.addEventListener('change', function () { view.stateFilter = select.value; renderDetail(false); });
    return el('div', { id: 'trial-table' }, el('label', null, 'Show ', select), ' ', el('span', { class: 'muted' }, rows.length + ' of ' + study.trials.length + ' trials'), table);
  }

  function bestBlock(tables) {
    if (tables.directions.length > 1) {
      return el('div', null, el('h3', null, 'Pareto front: ' + tables.top.length + ' trials'),
        tables.top.length === 0 ? el('p', { class: 'muted' }, 'No feasible trial has completed yet.') :
          el('p', null, 'Trials ' + tables.top.map(function (t) { return '#' + t.number; }).join(', ')));
    }
    if (tables.best === null) return el('p', { class: 'muted', id: 'best' }, 'No trial has completed yet.');
    var t = el('table', null, el('tr', null, el('th', { class: 'text' }, 'parameter'), el('th', null, 'value')));
    Object.keys(tables.best.params).forEach(function (k) {
      t.appendChild(el('tr', null, el('td', { class: 'text' }, k), el('td', null, fmt(tables.best.params[k]))));
    });
    return el('div', { id: 'best' }, el('h3', null, 'Best trial: #' + tables.best.number + ', value ' + fmt(tables.best.value)), t);
  }

  function plot(title, spec) {
    var box = el('div', { class: 'plot' });
    vegaEmbed(box, spec, { renderer: 'svg', actions: false }).catch(function (e) { box.replaceChildren(el('p', { class: 'muted' }, 'Plot failed: ' + e.message)); });
    return el('section', null, el('h3', null, title), box);
  }

  function renderDetail(withPlots) {
    var main = document.getElementById('main');
    var d = view.detail;
    if (d === null) return;
    var tables = d.tables;
    var counts = STATES.filter(function (s) { return tables.counts[s] > 0 || s === 'COMPLETE'; })
      .map(function (s) { return tables.counts[s] + ' ' + s.toLowerCase(); }).join(', ');
    var header = el('header', null, el('h2', { id: 'study-title' }, d.study.name),
      el('p', null, 'Direction' + (tables.directions.length > 1 ? 's' : '') + ': ' + tables.directions.join(', ') + '. ' + tables.total + ' trials: ' + counts + '.'));
    var table = trialTable(d);
    if (!withPlots && main.querySelector('#plots')) {
      main.replaceChild(header, main.firstChild);
      main.replaceChild(bestBlock(tables), main.children[1]);
      main.replaceChild(table, document.getElementById('trial-table'));
      return;
    }
    var plots = el('div', { id: 'plots' }, plot('Optimization history', d.plots.history));
    if (d.plots.curves) plots.appendChild(plot('Intermediate values', d.plots.curves));
    if (d.plots.pareto) plots.appendChild(plot('Pareto front', d.plots.pareto));
    if (d.plots.parallel) plots.appendChild(plot('Parallel coordinates', d.plots.parallel));
    if (d.importances) plots.appendChild(plot('Parameter importances', d.importances));
    if (d.plots.slices.length > 0) {
      var slices = el('div', { class: 'plots' });
      d.plots.slices.forEach(function (s) { slices.appendChild(plot(s.name, s.spec)); });
      plots.appendChild(el('section', null, el('h3', null, 'Parameters'), slices));
    }
    main.replaceChildren(header, bestBlock(tables), el('h3', null, 'Trials'), table, plots);
  }

  var loading = null, again = false;
  function load() {
    if (loading) { again = true; return loading; }
    loading = getJson('/api/studies').then(function (body) {
      view.studies = body.studies;
      var name = selectedName();
      if (name === null && body.studies.length > 0) name = body.studies[0].name;
      var changed = name !== view.current;
      view.current = name;
      renderList();
      if (name === null) {
        document.getElementById('main').replaceChildren(el('p', { class: 'muted' }, 'Waiting for a study to be created…'));
        return;
      }
      return getJson('/api/study?name=' + encodeURIComponent(name)).then(function (detail) {
        var old = view.detail;
        view.detail = detail;
        if (changed) { view.sortKey = 'number'; view.sortDir = 1; view.stateFilter = 'ALL'; }
        renderDetail(changed || old === null || old.version !== detail.version);
      });
    }).catch(function (e) {
      document.getElementById('main').replaceChildren(el('p', { class: 'muted' }, 'Cannot read the storage: ' + e.message));
    }).then(function () {
      loading = null;
      if (again) { again = false; load(); }
    });
    return loading;
  }

  window.addEventListener('hashchange', load);
  var live = document.getElementById('live');
  var events = new EventSource('/api/events');
  events.addEventListener('version', function () { load(); });
  events.onopen = function () { live.className = 'on'; live.textContent = 'live'; };
  events.onerror = function () { live.className = 'off'; live.textContent = 'disconnected, retrying'; };
  load();
})();
`;
