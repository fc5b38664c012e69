/* The web edition's behaviour: view switch memory, hand highlighting, facet filters. No source text is
   ever parsed as HTML here: only classes, attributes and textContent are touched. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function load(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  /* The view switch works without JavaScript (CSS :has on the radio buttons); this only remembers it. */
  var VIEW = 'pmo-view';
  var radios = Array.prototype.slice.call(document.querySelectorAll('input[name="view"]'));
  var saved = load(VIEW);
  radios.forEach(function (radio) {
    if (radio.value === saved) { radio.checked = true; }
    radio.addEventListener('change', function () { if (radio.checked) { save(VIEW, radio.value); } });
  });

  /* Hands legend: highlight one hand at a time. */
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button.highlight-hand'));
  var runs = Array.prototype.slice.call(document.querySelectorAll('.text [data-hand]'));
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('aria-pressed') !== 'true';
      buttons.forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
      if (on) { button.setAttribute('aria-pressed', 'true'); }
      var hand = on ? button.getAttribute('data-hand') : null;
      runs.forEach(function (run) { run.classList.toggle('highlighted', run.getAttribute('data-hand') === hand); });
      document.body.classList.toggle('highlighting', on);
    });
  });

  /* The citation's access date: today, in the reader's browser. */
  var accessed = document.querySelector('.citation .accessed');
  if (accessed) {
    var today = new Date();
    var iso = today.getFullYear() + '-' + String(today.getMonth() + 1).padStart(2, '0') + '-' + String(today.getDate()).padStart(2, '0');
    var time = document.createElement('time');
    time.setAttribute('datetime', iso);
    time.textContent = today.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    accessed.querySelector('.accessed-date').appendChild(time);
    accessed.hidden = false;
  }

  /* The words a search result was found by (documents/X.html?hl=term term*#p3), marked in the text:
     a word whose stem is a term searched (search-terms.js), or that begins with a prefix searched. */
  var hl = null;
  try { hl = new URLSearchParams(window.location.search).get('hl'); } catch (e) { hl = null; }
  var text = document.querySelector('.text');
  if (hl && text && window.PMO_TERMS) {
    var wanted = hl.toLowerCase().split(/\s+/).filter(Boolean).map(function (t) {
      return { term: t.replace(/\*$/, ''), prefix: /\*$/.test(t) };
    });
    var hit = function (word) {
      var w = word.toLowerCase().replace(/['\u2019]s$/, ''), s = window.PMO_TERMS.stem(w);
      return wanted.some(function (t) { return t.prefix ? w.indexOf(t.term) === 0 : s === t.term; });
    };
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    var marked = 0;
    nodes.forEach(function (node) {
      var value = node.nodeValue, re = /[\p{L}\p{N}]+(?:['\u2019]s)?/giu, m, last = 0, parts = [];
      while ((m = re.exec(value))) {
        if (!hit(m[0])) { continue; }
        parts.push(document.createTextNode(value.slice(last, m.index)));
        var mark = document.createElement('mark');
        mark.className = 'search-hit';
        mark.textContent = m[0];
        parts.push(mark);
        last = m.index + m[0].length;
      }
      if (!parts.length) { return; }
      parts.push(document.createTextNode(value.slice(last)));
      parts.forEach(function (part) { node.parentNode.insertBefore(part, node); });
      node.parentNode.removeChild(node);
      marked += parts.length >> 1;
    });
    var note = document.getElementById('search-note');
    if (note && marked) {
      note.textContent = marked + (marked === 1 ? ' word' : ' words') + ' of your search marked in the text.';
      note.hidden = false;
    }
  }

  /* Side by side (wide screens): the text beside a diplomatic copy of it (ids left out of the copy). */
  var reading = document.querySelector('article .text');
  if (reading && document.getElementById('view-both')) {
    var pair = document.createElement('div');
    pair.className = 'text-pair';
    reading.parentNode.insertBefore(pair, reading);
    pair.appendChild(reading);
    var copy = document.createElement('section');
    copy.setAttribute('aria-label', 'The same text, as written (diplomatic view)');
    copy.className = reading.className + ' as-diplomatic';
    Array.prototype.forEach.call(reading.childNodes, function (node) { copy.appendChild(node.cloneNode(true)); });
    Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    Array.prototype.forEach.call(copy.querySelectorAll('a.pilcrow'), function (e) { e.parentNode.removeChild(e); });
    pair.appendChild(copy);
  }

  /* Sortable tables of documents: a button in each column head; the date order comes back with the Date column. */
  Array.prototype.forEach.call(document.querySelectorAll('table.documents'), function (table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute('data-order', String(i)); });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var key = function (row) {
          return column === 0 ? Number(row.getAttribute('data-order')) : row.cells[column].textContent.trim().toLowerCase();
        };
        var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x < y ? -1 : x > y ? 1 : Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  /* Facets: within a group any ticked value matches; across groups all must. */
  var form = document.querySelector('form.facets');
  if (form) {
    var rows = Array.prototype.slice.call(document.querySelectorAll('table.documents tbody tr'));
    var status = document.getElementById('browse-status');
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][data-facet]'));
    var filter = function () {
      var chosen = {};
      boxes.forEach(function (box) {
        if (box.checked) { (chosen[box.getAttribute('data-facet')] = chosen[box.getAttribute('data-facet')] || []).push(box.value); }
      });
      var from = (document.getElementById('date-from') || {}).value || '';
      var to = (document.getElementById('date-to') || {}).value || '';
      var shown = 0;
      rows.forEach(function (row) {
        var date = row.getAttribute('data-date') || '';
        var ok = Object.keys(chosen).every(function (facet) {
          var values = (row.getAttribute('data-f-' + facet) || '').split(' ');
          return chosen[facet].some(function (v) { return values.indexOf(v) >= 0; });
        }) && (!from || (date && date.slice(0, from.length) >= from)) && (!to || (date && date.slice(0, to.length) <= to));
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (status) {
        status.textContent = Object.keys(chosen).length || from || to ? shown + ' of ' + rows.length + ' documents match the filters.'
                                                        : rows.length + ' documents.';
      }
    };
    form.addEventListener('change', filter);
    form.addEventListener('input', filter);
    form.addEventListener('reset', function () { window.setTimeout(filter, 0); });
    form.addEventListener('submit', function (event) { event.preventDefault(); filter(); });
    filter();
  }
})();
