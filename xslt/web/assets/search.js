/* Search in the browser: lunr.js over the index in search-data.js (a script, so it loads from file:// too).
   Results are built with textContent only. */
(function () {
  'use strict';
  var data = window.PMO_SEARCH;
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!data || !window.lunr || !form) {
    if (status) { status.textContent = 'The search index could not be loaded.'; }
    return;
  }
  var index = window.lunr.Index.load(data.index);

  function run(query) {
    try {
      return index.search(query);
    } catch (e) {
      /* Not lunr syntax (e.g. a stray colon): search the plain words instead. */
      var words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      return index.query(function (q) {
        words.forEach(function (word) { q.term(window.lunr.tokenizer(word), { usePipeline: true }); });
      });
    }
  }

  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1, length = 0;
    terms.some(function (term) {
      var i = lower.indexOf(term);
      if (i >= 0) { at = i; length = term.length; return true; }
      return false;
    });
    var p = document.createElement('span');
    p.className = 'snippet';
    if (at < 0) { p.textContent = text.length > 240 ? text.slice(0, 240) + '…' : text; return p; }
    var start = Math.max(0, at - 100), end = Math.min(text.length, at + length + 140);
    p.appendChild(document.createTextNode((start > 0 ? '…' : '') + text.slice(start, at)));
    var mark = document.createElement('mark');
    mark.textContent = text.slice(at, at + length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? '…' : '')));
    return p;
  }

  function show(query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    query = query.trim();
    if (!query) { status.textContent = ''; return; }
    var results = run(query);
    var terms = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; })
      .map(function (t) { return t.replace(/(ing|ed|es|s)$/, ''); });
    /* One entry per document, in the order of its best passage; its passages under it. */
    var groups = [], byDocument = {};
    results.forEach(function (result) {
      var entry = data.store[result.ref];
      if (!entry) { return; }
      var group = byDocument[entry.k];
      if (!group) { group = byDocument[entry.k] = { first: entry, hits: [] }; groups.push(group); }
      group.hits.push(entry);
    });
    status.textContent = groups.length === 0 ? 'No results for “' + query + '”.'
      : groups.length + (groups.length === 1 ? ' document' : ' documents') + ' ('
        + results.length + (results.length === 1 ? ' passage' : ' passages') + ') for “' + query + '”.';
    groups.slice(0, 100).forEach(function (group) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'result-title';
      a.href = group.first.u;
      a.textContent = group.first.t;
      li.appendChild(a);
      if (group.first.d) {
        var date = document.createElement('span');
        date.className = 'result-date';
        date.textContent = ' · ' + group.first.d;
        li.appendChild(date);
      }
      var hits = document.createElement('ul');
      hits.className = 'hits';
      group.hits.slice(0, 3).forEach(function (hit) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = hit.u;
        link.appendChild(snippet(hit.x, terms));
        item.appendChild(link);
        hits.appendChild(item);
      });
      if (group.hits.length > 3) {
        var more = document.createElement('li');
        more.className = 'more';
        more.textContent = (group.hits.length - 3) + ' more in this document';
        hits.appendChild(more);
      }
      li.appendChild(hits);
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  show(query);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    show(input.value);
    try {
      window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    } catch (e) { /* file:// may refuse; the results are shown anyway */ }
  });
})();
