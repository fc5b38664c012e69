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
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(chosen).every(function (facet) {
          var values = (row.getAttribute('data-f-' + facet) || '').split(' ');
          return chosen[facet].some(function (v) { return values.indexOf(v) >= 0; });
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (status) {
        status.textContent = Object.keys(chosen).length ? shown + ' of ' + rows.length + ' documents match the filters.'
                                                        : rows.length + ' documents.';
      }
    };
    form.addEventListener('change', filter);
    form.addEventListener('reset', function () { window.setTimeout(filter, 0); });
    form.addEventListener('submit', function (event) { event.preventDefault(); filter(); });
    filter();
  }
})();
