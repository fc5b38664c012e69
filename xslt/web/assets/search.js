/* Search in the browser with MiniSearch (npm "minisearch") over the edition's index, split by the first
   letters of each term (pipeline/web/search.py): assets/search/meta.js (small: where each file's and
   document's passages begin), then only the term shards a query needs (assets/search/terms/XX.js, with
   the field lengths of their passages), then the stores of the files whose passages are shown; the
   facets (facets.js, docs.js) once the results are shown, unless the address chooses some. All are
   scripts, so search works from file:// as over HTTP. Without meta.js (an edition whose index was not
   merged), every file's postings are loaded instead: slower, the same results.
   Phrases ("human rights") are answered from the index's word pairs (assets/search/pairs/XX.js: each term
   with the next, and the number of stop words between); a word found only in the diplomatic
   layer (deleted text, original spellings) is marked so; "reading text only" leaves that layer out; a
   query without results tries similar words of the index's vocabulary and suggests the closest.
   Results are built with textContent only. */
(function () {
  'use strict';
  var T = window.PMO_TERMS;
  var MiniSearch = window.MiniSearch;
  var files = window.PMO_SEARCH_FILES;
  var facetData = null;    /* facets.js, loaded with docs.js when facets are shown or chosen */
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var readingBox = document.getElementById('reading');
  var facetBox = document.getElementById('search-facets');
  var status = document.getElementById('search-status');
  var suggestion = document.getElementById('search-suggestion');
  var list = document.getElementById('search-results');
  if (!T || !MiniSearch || !Array.isArray(files) || !form) {
    if (status) { status.textContent = 'The search index could not be loaded.'; }
    return;
  }
  var FIELDS = ['title', 'meta', 'text', 'dipl'];
  var READING = ['title', 'meta', 'text'];
  var PAGE = 20;           /* documents shown at first, and added by "more" */
  var shownLimit = PAGE;
  var meta = null;         /* {files, fileStart, docStart, count, average, shards, pairShards, prefix} */
  var shardSet = null;     /* meta.shards, as a set */
  var shards = {};         /* shard name -> {entries: [[term, {field: {ref: tf}}]], words: {term: word}} */
  var fieldLengths = {};   /* passage number -> its fields' lengths (from the shards loaded) */
  var docKeys = null;      /* document number -> its key (docs.js) */
  var pairShards = {};     /* shard name -> {x: {pair: [ref]}, y: {pair: [ref]}} (x: the text, y: diplomatic words) */
  var index = null, indexed = '';  /* the MiniSearch over the shards loaded so far */
  var registry = function (name) { return (window[name] = window[name] || {}); };

  function loadScript(src) {
    return new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = function () { resolve(true); };
      script.onerror = function () { resolve(false); };
      document.head.appendChild(script);
    });
  }

  /* meta.js; without it, every file's postings merged here (the same numbering as search.py's). */
  function loadMeta() {
    return loadScript('assets/search/meta.js').then(function (ok) {
      if (ok && window.PMO_SEARCH_META) { meta = window.PMO_SEARCH_META; return; }
      return Promise.all(files.map(function (key) {
        return loadScript('assets/search/postings/' + encodeURIComponent(key) + '.js');
      })).then(function () {
        var postings = registry('PMO_SEARCH_POSTINGS');
        var m = { files: files.slice().sort(), fileStart: [], docStart: [], count: 0, shards: [], prefix: 2 };
        var terms = {}, lengths = [];
        docKeys = [];
        m.pairShards = [];
        m.files.forEach(function (key) {
          var data = postings[key] || { docs: [], terms: {} };
          var base = m.count;
          m.fileStart.push(base);
          data.docs.forEach(function (doc, local) {
            if (local === 0 || docKeys[docKeys.length - 1] !== doc[0]) { m.docStart.push(base + local); docKeys.push(doc[0]); }
            fieldLengths[base + local] = doc[1];
            lengths.push(doc[1]);
          });
          m.count += data.docs.length;
          ['x', 'y'].forEach(function (field) {
            var found = (data.pairs || {})[field] || {};
            Object.keys(found).forEach(function (pair) {
              var name = T.shardName(pair.split('/')[0], m.prefix);
              if (!pairShards[name]) { pairShards[name] = { x: {}, y: {} }; m.pairShards.push(name); }
              var refs = pairShards[name][field][pair] = pairShards[name][field][pair] || [];
              found[pair].forEach(function (local) { refs.push(base + local); });
            });
          });
          Object.keys(data.terms).forEach(function (term) {
            var entry = terms[term] = terms[term] || {};
            data.terms[term].forEach(function (p) {
              var field = entry[p[1]] = entry[p[1]] || {};
              field[base + p[0]] = p[2];
            });
          });
        });
        m.average = FIELDS.map(function (_, i) {
          var sum = 0;
          lengths.forEach(function (l) { sum += l[i]; });
          return m.count ? sum / m.count : 0;
        });
        Object.keys(terms).sort().forEach(function (term) {
          var name = T.shardName(term, m.prefix);
          if (!shards[name]) { shards[name] = { entries: [], words: {} }; m.shards.push(name); }
          shards[name].entries.push([term, terms[term]]);
        });
        m.files.forEach(function (key) {
          var forms = (postings[key] || {}).words || {};
          Object.keys(forms).forEach(function (term) {
            var words = shards[T.shardName(term, m.prefix)].words;
            forms[term].forEach(function (f) { if (!words[term]) { words[term] = f[0]; } });
          });
        });
        meta = m;
      });
    }).then(function () { shardSet = new Set(meta.shards); });
  }

  /* A passage's file, its number in the file, and its document: [file, local, doc] (by meta's starts). */
  function bisect(starts, n) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= n) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  function refOf(id) {
    var file = bisect(meta.fileStart, id);
    return [file, id - meta.fileStart[file], bisect(meta.docStart, id)];
  }

  /* The shard that holds a term: the longest of its first letters that names a shard (a shard too big
     was split by one letter more), or null. */
  function shardOf(term) {
    for (var k = Array.from(term).length; k > 0; k--) {
      var name = T.shardName(term, k);
      if (shardSet.has(name)) { return name; }
    }
    return null;
  }
  /* The shards that hold a term (and all the terms beginning with it, for a prefix). */
  function shardsFor(term, prefix) {
    var own = shardOf(term), found = own ? [own] : [];
    if (prefix) {
      var name = T.shardName(term, Infinity);
      meta.shards.forEach(function (s) { if (s !== own && s.indexOf(name) === 0) { found.push(s); } });
    }
    return found;
  }

  function loadShards(names) {
    var terms = registry('PMO_SEARCH_TERMS');
    return Promise.all(names.filter(function (n) { return !shards[n]; }).map(function (name) {
      return loadScript('assets/search/terms/' + encodeURIComponent(name) + '.js').then(function () {
        var shard = shards[name] = terms[name] || { entries: [], words: {} };
        /* the field lengths of its passages: [difference from the passage before, lengths of FIELDS…]… */
        var flat = shard.lengths || [], id = 0, width = FIELDS.length + 1;
        for (var i = 0; i + width <= flat.length; i += width) {
          id += flat[i];
          fieldLengths[id] = flat.slice(i + 1, i + width);
        }
      });
    }));
  }

  /* The facets and the documents' keys (for the facets), once. */
  var facetsLoaded = null;
  function loadFacets() {
    if (!facetsLoaded) {
      facetsLoaded = Promise.all([
        loadScript('assets/search/facets.js'),
        docKeys ? null : loadScript('assets/search/docs.js').then(function () { docKeys = window.PMO_SEARCH_DOCS || []; })
      ]).then(function () { facetData = window.PMO_SEARCH_FACETS || { facets: [], docs: {} }; });
    }
    return facetsLoaded;
  }

  /* The index's vocabulary, for "did you mean" ([term, commonest word, passages]); without meta.js, the
     shards made from every file's postings. */
  var vocabulary = null;
  function loadVocabulary() {
    if (vocabulary) { return Promise.resolve(vocabulary); }
    var done = function () {
      vocabulary = window.PMO_SEARCH_VOCABULARY || [];
      if (!window.PMO_SEARCH_VOCABULARY) {
        Object.keys(shards).forEach(function (name) {
          shards[name].entries.forEach(function (entry) {
            var df = 0;
            Object.keys(entry[1]).forEach(function (f) { df += Object.keys(entry[1][f]).length; });
            vocabulary.push([entry[0], shards[name].words[entry[0]] || '', df]);
          });
        });
      }
      return vocabulary;
    };
    if (window.PMO_SEARCH_META === undefined) { return Promise.resolve(done()); }
    return loadScript('assets/search/vocabulary.js').then(done);
  }

  /* The pair shards of a phrase's pairs (by their first term). */
  function loadPairs(phrases) {
    var loaded = registry('PMO_SEARCH_PAIRS'), names = {};
    phrases.forEach(function (phrase) {
      phrase.pairs.forEach(function (pair) { names[T.shardName(pair.split('/')[0], meta.prefix)] = true; });
    });
    return Promise.all(Object.keys(names).filter(function (n) { return !pairShards[n]; }).map(function (name) {
      if ((meta.pairShards || []).indexOf(name) < 0) { pairShards[name] = { x: {}, y: {} }; return null; }
      return loadScript('assets/search/pairs/' + encodeURIComponent(name) + '.js').then(function () {
        pairShards[name] = loaded[name] || { x: {}, y: {} };
      });
    }));
  }
  /* Whether a passage has a phrase's words in order: every pair of it, in its text (or its diplomatic words). */
  var pairSets = {};
  function hasPairs(id, phrase, reading) {
    return (reading ? ['x'] : ['x', 'y']).some(function (field) {
      return phrase.pairs.every(function (pair) {
        var key = field + ' ' + pair;
        if (!pairSets[key]) {
          var shard = pairShards[T.shardName(pair.split('/')[0], meta.prefix)] || {};
          pairSets[key] = new Set((shard[field] || {})[pair] || []);
        }
        return pairSets[key].has(id);
      });
    });
  }

  /* A MiniSearch over the shards loaded (remade when more are loaded). */
  function miniSearch() {
    var names = Object.keys(shards).sort();
    if (index && indexed === names.join(' ')) { return index; }
    var entries = [];
    names.forEach(function (n) { entries = entries.concat(shards[n].entries); });
    /* Only the passages these terms occur in: the edition's counts and averages stay global (BM25 exact). */
    var ids = {}, lengths = {};
    entries.forEach(function (entry) {
      Object.keys(entry[1]).forEach(function (field) {
        Object.keys(entry[1][field]).forEach(function (id) {
          if (!(id in ids)) { ids[id] = Number(id); lengths[id] = fieldLengths[id]; }
        });
      });
    });
    index = MiniSearch.loadJS({
      documentCount: meta.count, nextId: meta.count, documentIds: ids,
      fieldIds: { title: 0, meta: 1, text: 2, dipl: 3 }, fieldLength: lengths,
      averageFieldLength: meta.average, storedFields: {}, dirtCount: 0, index: entries, serializationVersion: 2
    }, { fields: FIELDS, tokenize: function (t) { return [t]; }, processTerm: function (t) { return t; } });
    indexed = names.join(' ');
    return index;
  }

  function loadStores(fileNumbers) {
    var stores = registry('PMO_SEARCH_STORE');
    return Promise.all(fileNumbers.filter(function (f) { return !stores[meta.files[f]]; }).map(function (f) {
      return loadScript('assets/search/store/' + encodeURIComponent(meta.files[f]) + '.js');
    })).then(function () { return stores; });
  }

  /* The query: phrases in quotes, words (a trailing * makes a prefix). */
  function parse(query) {
    var phrases = [], parts = [];
    var rest = query.replace(/["“”]([^"“”]+)["“”]/g, function (_, phrase) {
      var words = T.words(phrase);
      if (words.length > 1) { phrases.push({ stems: words.map(T.stem), pairs: T.pairs(phrase) }); }
      parts.push({ text: phrase, prefix: false });
      return ' ';
    });
    rest.split(/\s+/).forEach(function (w) {
      if (!w) { return; }
      parts.push({ text: w.replace(/\*+$/, ''), prefix: /\*$/.test(w) });
    });
    var terms = [];
    parts.forEach(function (part) {
      T.words(part.text).forEach(function (word, i, all) {
        if (T.isStop(word) && !part.prefix) { return; }
        var prefix = part.prefix && i === all.length - 1;
        terms.push({ word: word, term: prefix ? word : T.stem(word), prefix: prefix });
      });
    });
    return { phrases: phrases, terms: terms };
  }

  /* Passages matching any of the terms: those matching more of them first, then by MiniSearch's score
     (BM25 over the whole edition's statistics). */
  function search(parsed, fields, fuzzy) {
    var ms = miniSearch();
    var results = ms.search({
      combineWith: 'OR',
      queries: parsed.terms.map(function (t) { return { queries: [t.term], prefix: t.prefix, fuzzy: fuzzy && !t.prefix ? 0.25 : false }; })
    }, { fields: fields, boost: { title: 5, meta: 2 } });
    results.forEach(function (r) { r.matched = r.queryTerms.length; });  /* the query's terms it matched */
    results.sort(function (a, b) { return (b.matched - a.matched) || (b.score - a.score) || (a.id - b.id); });
    return results;
  }

  /* Whether a term is in the index's vocabulary (its shard is loaded). */
  function known(term) {
    var shard = shards[shardOf(term)];
    return !!shard && shard.entries.some(function (e) { return e[0] === term; });
  }

  /* The closest word of the vocabulary (its term at edit distance 1 or 2), most frequent first. */
  function closest(term, words) {
    var best = null;
    words.forEach(function (entry) {
      var d = distance(term, entry[0]);
      if (d === 0 || d > 2) { return; }
      if (!best || d < best.d || (d === best.d && entry[2] > best.df)) {
        best = { word: entry[1] || entry[0], d: d, df: entry[2] };
      }
    });
    return best && best.word;
  }
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) { return 3; }
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  function containsPhrase(text, phrase) {
    var words = T.words(text).map(T.stem);
    outer: for (var i = 0; i + phrase.length <= words.length; i++) {
      for (var j = 0; j < phrase.length; j++) { if (words[i + j] !== phrase[j]) { continue outer; } }
      return true;
    }
    return false;
  }

  /* The facet values chosen (facet key -> slug), from the form. */
  function chosenFacets() {
    var chosen = {};
    Array.prototype.forEach.call(facetBox.querySelectorAll('select'), function (select) {
      if (select.value) { chosen[select.getAttribute('data-facet')] = select.value; }
    });
    return chosen;
  }
  function facetsMatch(docKey, chosen) {
    if (!Object.keys(chosen).length) { return true; }
    var values = facetData.docs[docKey] || {};
    return Object.keys(chosen).every(function (k) { return (values[k] || '').split(' ').indexOf(chosen[k]) >= 0; });
  }
  /* The facet selects, with the counts of the documents found (before the facets are applied). */
  function showFacets(keys, chosen) {
    while (facetBox.lastChild && facetBox.lastChild.tagName !== 'LEGEND') { facetBox.removeChild(facetBox.lastChild); }
    facetBox.hidden = keys.length === 0;
    facetData.facets.forEach(function (facet) {
      var counts = {};
      keys.forEach(function (key) {
        ((facetData.docs[key] || {})[facet.key] || '').split(' ').forEach(function (v) { if (v) { counts[v] = (counts[v] || 0) + 1; } });
      });
      var p = document.createElement('p');
      var label = document.createElement('label');
      var select = document.createElement('select');
      select.id = 'facet-' + facet.key;
      select.name = facet.key;
      select.setAttribute('data-facet', facet.key);
      label.htmlFor = select.id;
      label.textContent = facet.label;
      var any = document.createElement('option');
      any.value = '';
      any.textContent = 'Any';
      select.appendChild(any);
      facet.values.forEach(function (v) {
        if (!counts[v[0]] && chosen[facet.key] !== v[0]) { return; }
        var option = document.createElement('option');
        option.value = v[0];
        option.textContent = v[1] + ' (' + (counts[v[0]] || 0) + ')';
        option.selected = chosen[facet.key] === v[0];
        select.appendChild(option);
      });
      p.appendChild(label);
      p.appendChild(document.createTextNode(' '));
      p.appendChild(select);
      facetBox.appendChild(p);
    });
  }

  function snippet(text, terms) {
    var p = document.createElement('span');
    p.className = 'snippet';
    var re = /[\p{L}\p{N}]+/gu, m, at = -1, length = 0;
    while ((m = re.exec(text))) {
      if (matches(m[0], terms)) { at = m.index; length = m[0].length; break; }
    }
    if (at < 0) { p.textContent = text.length > 240 ? text.slice(0, 240) + '…' : text; return p; }
    var start = Math.max(0, at - 100), end = Math.min(text.length, at + length + 140);
    var part = text.slice(start, end);
    p.appendChild(document.createTextNode(start > 0 ? '…' : ''));
    var last = 0;
    re = /[\p{L}\p{N}]+/gu;
    while ((m = re.exec(part))) {
      if (!matches(m[0], terms)) { continue; }
      p.appendChild(document.createTextNode(part.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      p.appendChild(mark);
      last = m.index + m[0].length;
    }
    p.appendChild(document.createTextNode(part.slice(last) + (end < text.length ? '…' : '')));
    return p;
  }
  /* Whether a word of the text is one of the terms searched (stem equal, or a prefix searched). */
  function matches(word, terms) {
    var w = word.toLowerCase(), s = T.stem(w);
    return terms.some(function (t) { return t.prefix ? w.indexOf(t.term) === 0 : s === t.term; });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var running = 0;
  function show(query, reading) {
    var run = ++running;
    clear(list);
    suggestion.hidden = true;
    clear(suggestion);
    query = query.trim();
    if (!query) { status.textContent = ''; facetBox.hidden = true; return Promise.resolve(); }
    var parsed = parse(query);
    if (!parsed.terms.length) { status.textContent = 'No words to search for in “' + query + '”.'; return Promise.resolve(); }
    var fields = reading ? READING : FIELDS;
    var needed = [];
    parsed.terms.forEach(function (t) { needed = needed.concat(shardsFor(t.term, t.prefix)); });
    var chosen = chosenFacets();
    var facetsNeeded = Object.keys(chosen).length ? loadFacets() : null;
    return Promise.all([loadShards(needed), loadPairs(parsed.phrases), facetsNeeded]).then(function () {
      var unknown = parsed.terms.some(function (t) { return !t.prefix && !known(t.term); });
      return unknown ? loadVocabulary() : null;
    }).then(function (words) {
      var results = search(parsed, fields, false);
      var fuzzy = false;
      var suggested = parsed.terms.map(function (t) { return t.prefix || known(t.term) ? null : closest(t.term, words); });
      if (suggested.some(Boolean)) {
        if (!results.length && parsed.phrases.length === 0) {
          fuzzy = true;
          results = search(parsed, fields, true);
        }
        {
          var better = parsed.terms.map(function (t, i) { return suggested[i] || t.word; }).join(' ');
          suggestion.appendChild(document.createTextNode('Did you mean '));
          var a = document.createElement('a');
          a.href = 'search.html?q=' + encodeURIComponent(better) + (reading ? '&reading=1' : '');
          a.className = 'did-you-mean';
          a.textContent = better;
          a.addEventListener('click', function (event) { event.preventDefault(); input.value = better; submit(); });
          suggestion.appendChild(a);
          suggestion.appendChild(document.createTextNode('?' + (results.length ? ' Showing results for similar words.' : '')));
          suggestion.hidden = false;
        }
      }
      var fileNumbers = {};
      /* phrases of two words or more are answered by the index's pairs; a phrase of one word and stop
         words ("the Kremlin") is checked against the text of the passages that have its word */
      var paired = parsed.phrases.filter(function (phrase) { return phrase.pairs.length; });
      var unpaired = parsed.phrases.filter(function (phrase) { return !phrase.pairs.length; });
      if (parsed.phrases.length) {
        var needed = {};
        parsed.phrases.forEach(function (phrase) {
          phrase.stems.forEach(function (term) { if (!T.isStop(term)) { needed[term] = true; } });
        });
        results = results.filter(function (r) {
          return Object.keys(needed).every(function (term) { return r.queryTerms.indexOf(term) >= 0; })
            && paired.every(function (phrase) { return hasPairs(r.id, phrase, reading); });
        });
        if (unpaired.length) { results.forEach(function (r) { fileNumbers[refOf(r.id)[0]] = true; }); }
      }
      var candidates = results;
      return loadStores(Object.keys(fileNumbers).map(Number)).then(function (stores) {
        if (unpaired.length) {
          candidates = results.filter(function (r) {
            var ref = refOf(r.id), entry = stores[meta.files[ref[0]]][ref[1]];
            return unpaired.every(function (phrase) {
              return containsPhrase(entry.x, phrase.stems) || (!reading && containsPhrase(entry.y, phrase.stems));
            });
          });
        }
        var groups = [], byDoc = {};
        candidates.forEach(function (r) {
          var ref = refOf(r.id), doc = ref[2];
          var group = byDoc[doc];
          if (!group) { group = byDoc[doc] = { key: doc, hits: [] }; groups.push(group); }
          var dipl = Object.keys(r.match).every(function (term) {
            return r.match[term].every(function (f) { return f === 'dipl'; });
          });
          group.hits.push({ ref: ref, diplomatic: dipl });
        });
        var keyOf = function (g) { return docKeys ? docKeys[g.key] : null; };  /* docs.js: with the facets */
        var kept = groups.filter(function (g) { return facetsMatch(keyOf(g), chosen); });
        var shown = kept.slice(0, shownLimit);
        var needFiles = {};
        shown.forEach(function (g) { g.hits.slice(0, 3).forEach(function (h) { needFiles[h.ref[0]] = true; }); });
        return loadStores(Object.keys(needFiles).map(Number)).then(function (stores) {
          if (run !== running) { return; }
          var passages = 0;
          kept.forEach(function (g) { passages += g.hits.length; });
          status.textContent = (kept.length === 0 ? 'No results for “' + query + '”'
            : kept.length + (kept.length === 1 ? ' document' : ' documents') + ' (' + passages
              + (passages === 1 ? ' passage' : ' passages') + ') for “' + query + '”')
            + (Object.keys(chosen).length ? ' with the filters chosen' : '')
            + (reading ? ', in the reading text only' : '') + (fuzzy ? ' (similar words)' : '') + '.'
            + (kept.length > shownLimit ? ' The first ' + shownLimit + ' are shown.' : '');
          var hl = parsed.terms.map(function (t) { return t.term + (t.prefix ? '*' : ''); }).join(' ');
          shown.forEach(function (g) {
            var first = stores[meta.files[g.hits[0].ref[0]]][g.hits[0].ref[1]];
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.className = 'result-title';
            a.href = landing(first.u, hl);
            a.textContent = first.t;
            li.appendChild(a);
            if (first.d) {
              var date = document.createElement('span');
              date.className = 'result-date';
              date.textContent = ' · ' + first.d;
              li.appendChild(date);
            }
            var hits = document.createElement('ul');
            hits.className = 'hits';
            g.hits.slice(0, 3).forEach(function (hit) {
              var entry = stores[meta.files[hit.ref[0]]][hit.ref[1]];
              var item = document.createElement('li');
              if (hit.diplomatic) {
                item.className = 'diplomatic-hit';
                var note = document.createElement('span');
                note.className = 'hit-note';
                note.textContent = 'In deleted text or an original spelling: ';
                item.appendChild(note);
              }
              var link = document.createElement('a');
              link.href = landing(entry.u, hl);
              link.appendChild(snippet(hit.diplomatic ? entry.y : entry.x, parsed.terms));
              item.appendChild(link);
              hits.appendChild(item);
            });
            if (g.hits.length > 3) {
              var more = document.createElement('li');
              more.className = 'more';
              more.textContent = (g.hits.length - 3) + ' more in this document';
              hits.appendChild(more);
            }
            li.appendChild(hits);
            list.appendChild(li);
          });
          if (kept.length > shownLimit) {
            var item = document.createElement('li');
            item.className = 'more-results';
            var more = document.createElement('button');
            more.type = 'button';
            more.textContent = 'Show ' + Math.min(PAGE, kept.length - shownLimit) + ' more documents';
            more.addEventListener('click', function () { shownLimit += PAGE; show(query, reading); });
            item.appendChild(more);
            list.appendChild(item);
          }
          /* the facets, with the counts of the documents found (before they are applied) */
          return loadFacets().then(function () {
            if (run === running) { showFacets(groups.map(keyOf), chosen); }
          });
        });
      });
    });
  }

  /* A result's address with the terms to highlight on the page it opens: documents/X.html?hl=…#p3. */
  function landing(url, hl) {
    var at = url.indexOf('#');
    var base = at < 0 ? url : url.slice(0, at), hash = at < 0 ? '' : url.slice(at);
    return base + '?hl=' + encodeURIComponent(hl) + hash;
  }

  var ready = loadMeta();
  function submit() {
    var params = new URLSearchParams();
    params.set('q', input.value);
    if (readingBox.checked) { params.set('reading', '1'); }
    var chosen = chosenFacets();
    Object.keys(chosen).forEach(function (k) { params.set(k, chosen[k]); });
    try { window.history.replaceState(null, '', '?' + params.toString()); } catch (e) { /* file:// may refuse */ }
    status.textContent = 'Searching…';
    shownLimit = PAGE;
    return ready.then(function () { return show(input.value, readingBox.checked); });
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
  readingBox.addEventListener('change', function () { if (input.value.trim()) { submit(); } });
  facetBox.addEventListener('change', function () { submit(); });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  readingBox.checked = params.get('reading') === '1';
  if (input.value.trim()) {
    status.textContent = 'Loading the search index…';
    /* the facets of the address (any parameter but q and reading), chosen before the first search */
    var initial = {};
    params.forEach(function (value, key) { if (key !== 'q' && key !== 'reading' && value) { initial[key] = value; } });
    var facetsFirst = Object.keys(initial).length ? Promise.all([ready, loadFacets()]).then(function () {
      showFacets([], initial);
      Object.keys(initial).forEach(function (k) {
        var select = document.getElementById('facet-' + k);
        if (select) { select.value = initial[k]; }
      });
    }) : ready;
    facetsFirst.then(function () { return show(input.value, readingBox.checked); }, function () {
      status.textContent = 'The search index could not be loaded.';
    });
  }
})();
