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
    var p = document.createElement('p');
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
    status.textContent = results.length === 0 ? 'No results for “' + query + '”.'
      : results.length + (results.length === 1 ? ' result' : ' results') + ' for “' + query + '”.';
    results.slice(0, 200).forEach(function (result) {
      var entry = data.store[result.ref];
      if (!entry) { return; }
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = entry.u;
      a.textContent = entry.t;
      li.appendChild(a);
      li.appendChild(snippet(entry.x, terms));
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
