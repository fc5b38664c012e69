/* The guidelines' table of contents: a filter box (entries whose text contains what is typed). */
(function () {
  'use strict';
  var toc = document.getElementById('guidelines-toc');
  if (!toc) { return; }
  var label = document.createElement('label');
  label.htmlFor = 'toc-filter';
  label.textContent = 'Filter the contents';
  var input = document.createElement('input');
  input.type = 'search';
  input.id = 'toc-filter';
  var p = document.createElement('p');
  p.className = 'toc-filter';
  p.appendChild(label);
  p.appendChild(input);
  toc.insertBefore(p, toc.firstChild);
  var items = Array.prototype.slice.call(toc.querySelectorAll('li'));
  input.addEventListener('input', function () {
    var wanted = input.value.trim().toLowerCase();
    items.forEach(function (li) { li.hidden = wanted !== '' && li.textContent.toLowerCase().indexOf(wanted) < 0; });
  });
})();
