/* Terms as the search index makes them (pipeline/web/search.py does the same in Python): lower case, a
   possessive 's dropped, split at anything but letters and digits, lunr's English stop words left out,
   lunr's Porter stemmer. window.PMO_TERMS. Needs lunr.min.js (for its stemmer and stop word list). */
(function () {
  'use strict';
  var lunr = window.lunr;
  var POSSESSIVE = /['\u2019]s(?![\p{L}\p{N}])/gu;
  var WORD = /[\p{L}\p{N}]+/gu;

  function words(text) {
    return (String(text).toLowerCase().replace(POSSESSIVE, '').match(WORD) || []);
  }
  function stem(word) {
    return lunr ? lunr.stemmer(new lunr.Token(word, {})).toString() : word;
  }
  function isStop(word) {
    return lunr ? lunr.stopWordFilter(new lunr.Token(word, {})) === undefined : false;
  }
  function terms(text) {
    return words(text).filter(function (w) { return !isStop(w); }).map(stem);
  }
  /* The word pairs of a text (pipeline/web/search.py's `pairs`): each term with the next and the number
     of stop words between them, "human/0/right". */
  function pairs(text) {
    var out = [], previous = null, gap = 0;
    words(text).forEach(function (word) {
      if (isStop(word)) { gap += 1; return; }
      var term = stem(word);
      if (previous !== null && out.indexOf(previous + '/' + gap + '/' + term) < 0) { out.push(previous + '/' + gap + '/' + term); }
      previous = term;
      gap = 0;
    });
    return out;
  }
  /* The shard of a term: its first `prefix` letters, spelled as pipeline/web/search.py spells them. */
  function shardName(term, prefix) {
    return Array.from(term).slice(0, prefix).map(function (ch) {
      return /^[a-z0-9]$/.test(ch) ? ch : '_' + ch.codePointAt(0).toString(16);
    }).join('');
  }
  window.PMO_TERMS = { words: words, stem: stem, isStop: isStop, terms: terms, pairs: pairs, shardName: shardName };
})();
