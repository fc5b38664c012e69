/* Search in the browser: lunr.js over one index per TEI file (assets/search/FILE.js, each a script that adds
   its index to window.PMO_SEARCH_SHARDS; search-files.js lists them), loaded as scripts so that search works
   from file:// too. Every file's index is queried and the results merged: passages that match more of the
   query's terms first, then by lunr's score (see docs/web.md). Results are built with textContent only. */
(function () {
  'use strict';
  var files = window.PMO_SEARCH_FILES;
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!Array.isArray(files) || !window.lunr || !form) {
    if (status) { status.textContent = 'The search index could not be loaded.'; }
    return;
  }
  var shards = [];   /* {index, store}, one per file whose index loaded */
  var missing = 0;   /* files whose index did not load */

  /* Load every file's index (scripts, in parallel), then call done(). */
  function load(done) {
    var registry = window.PMO_SEARCH_SHARDS = window.PMO_SEARCH_SHARDS || {};
    var waiting = files.length;
    function settle() {
      waiting -= 1;
      if (waiting === 0) { finish(); }
    }
    function finish() {
      files.forEach(function (key) {
        var shard = registry[key];
        if (!shard) { missing += 1; return; }
        if (!shard.index) { return; }  /* a file without passages */
        try {
          shards.push({ index: window.lunr.Index.load(shard.index), store: shard.store });
        } catch (e) { missing += 1; }
      });
      done();
    }
    if (waiting === 0) { finish(); return; }
    files.forEach(function (key) {
      var script = document.createElement('script');
      script.src = 'assets/search/' + encodeURIComponent(key) + '.js';
      script.onload = settle;
      script.onerror = settle;
      document.head.appendChild(script);
    });
  }

  function run(index, query) {
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

  /* Every file's matches, merged: more of the query's terms matched first, then the higher score. */
  function searchAll(query) {
    var hits = [];
    shards.forEach(function (shard) {
      run(shard.index, query).forEach(function (result) {
        var entry = shard.store[result.ref];
        if (!entry) { return; }
        var terms = Object.keys(result.matchData.metadata).length;
        hits.push({ terms: terms, score: result.score, entry: entry });
      });
    });
    hits.sort(function (a, b) {
      return (b.terms - a.terms) || (b.score - a.score) || (a.entry.u < b.entry.u ? -1 : a.entry.u > b.entry.u ? 1 : 0);
    });
    return hits;
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
    var results = searchAll(query);
    var terms = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; })
      .map(function (t) { return t.replace(/(ing|ed|es|s)$/, ''); });
    /* One entry per document, in the order of its best passage; its passages under it. */
    var groups = [], byDocument = {};
    results.forEach(function (result) {
      var entry = result.entry;
      var group = byDocument[entry.k];
      if (!group) { group = byDocument[entry.k] = { first: entry, hits: [] }; groups.push(group); }
      group.hits.push(entry);
    });
    status.textContent = (groups.length === 0 ? 'No results for “' + query + '”.'
      : groups.length + (groups.length === 1 ? ' document' : ' documents') + ' ('
        + results.length + (results.length === 1 ? ' passage' : ' passages') + ') for “' + query + '”.')
      + (missing ? ' (' + missing + (missing === 1 ? ' file' : ' files') + ' of the edition could not be searched.)' : '');
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

  var ready = false;
  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  if (query.trim()) { status.textContent = 'Loading the search index…'; }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (ready) { show(input.value); } else { status.textContent = 'Loading the search index…'; }
    try {
      window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    } catch (e) { /* file:// may refuse; the results are shown anyway */ }
  });
  load(function () {
    ready = true;
    if (shards.length === 0 && files.length > 0) {
      status.textContent = 'The search index could not be loaded.';
      return;
    }
    show(input.value);
  });
})();
