/*
 * The results filters' multi-choice lists (views/partials/results/multi-select.hbs): the checkboxes
 * move behind a button into a panel with a search box; the chosen values show as chips, each with a
 * button that removes it. Keyboard: Enter or Space opens, the arrows move through the visible
 * choices, Space ticks, Escape closes and returns to the button. The checkboxes themselves are what
 * the form submits, so nothing changes for the server.
 */
(function () {
  'use strict';
  var count = 0;

  function labelOf(input) { return input.parentNode.querySelector('span').textContent; }

  Array.prototype.forEach.call(document.querySelectorAll('[data-multi-select]'), function (box) {
    count += 1;
    var id = 'multi-select-' + count;
    var legend = box.querySelector('legend').textContent;
    var list = box.querySelector('.multi-select-options');
    var inputs = Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"]'));
    list.id = id + '-list';

    var chips = document.createElement('ul');
    chips.className = 'multi-select-chips';
    chips.setAttribute('aria-label', legend + ': chosen');
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'multi-select-toggle';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', id + '-panel');
    var panel = document.createElement('div');
    panel.className = 'multi-select-panel';
    panel.id = id + '-panel';
    panel.hidden = true;
    var search = document.createElement('input');
    search.type = 'search';
    search.className = 'multi-select-search';
    search.placeholder = 'Search';
    search.setAttribute('aria-label', 'Search: ' + legend);
    search.setAttribute('aria-controls', list.id);
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');

    list.parentNode.removeChild(list);
    panel.appendChild(search);
    panel.appendChild(list);
    panel.appendChild(status);
    box.appendChild(chips);
    box.appendChild(toggle);
    box.appendChild(panel);
    box.classList.add('enhanced');

    function render() {
      var chosen = inputs.filter(function (i) { return i.checked; });
      toggle.textContent = chosen.length ? chosen.length + ' chosen' : 'Any';
      toggle.setAttribute('aria-label', legend + ': ' + (chosen.length ? chosen.length + ' chosen' : 'any') + '. Choose');
      chips.innerHTML = '';
      chosen.forEach(function (input) {
        var li = document.createElement('li');
        var text = labelOf(input);
        li.appendChild(document.createTextNode(text));
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'chip-remove';
        remove.setAttribute('aria-label', 'Remove ' + text + ' from ' + legend);
        remove.textContent = '×';
        remove.addEventListener('click', function () { input.checked = false; render(); toggle.focus(); });
        li.appendChild(remove);
        chips.appendChild(li);
      });
      chips.hidden = chosen.length === 0;
    }
    function visible() { return inputs.filter(function (i) { return !i.parentNode.hidden; }); }
    function open() { panel.hidden = false; toggle.setAttribute('aria-expanded', 'true'); search.focus(); }
    function close(refocus) {
      if (panel.hidden) return;
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      if (refocus) toggle.focus();
    }

    toggle.addEventListener('click', function () { if (panel.hidden) open(); else close(false); });
    search.addEventListener('input', function () {
      var q = search.value.trim().toLowerCase();
      inputs.forEach(function (i) { i.parentNode.hidden = q !== '' && labelOf(i).toLowerCase().indexOf(q) < 0; });
      status.textContent = visible().length + ' of ' + inputs.length + ' shown';
    });
    inputs.forEach(function (i) { i.addEventListener('change', render); });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); close(true); return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        var shown = visible();
        var at = shown.indexOf(document.activeElement);
        var next = e.key === 'ArrowDown' ? Math.min(shown.length - 1, at + 1) : at - 1;
        e.preventDefault();
        if (next < 0) search.focus(); else if (shown[next]) shown[next].focus();
        return;
      }
      // Enter ticks a box or goes to the first match, instead of submitting the filters half chosen.
      if (e.key === 'Enter' && e.target.type === 'checkbox') { e.preventDefault(); e.target.click(); }
      if (e.key === 'Enter' && e.target === search) { e.preventDefault(); if (visible()[0]) visible()[0].focus(); }
    });
    box.addEventListener('focusout', function (e) { if (!box.contains(e.relatedTarget)) close(false); });
    document.addEventListener('click', function (e) { if (!box.contains(e.target)) close(false); });
    render();
  });
})();
