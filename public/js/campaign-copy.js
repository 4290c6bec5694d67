/*
 * Copy buttons: copies the value of the field named by data-copy-from (a link's URL, a message)
 * and says so on the button for a moment. Falls back to selecting the text where the clipboard
 * API is not available (a page served over plain http on another host).
 */
(function () {
  'use strict';
  function fallbackCopy(field) {
    field.focus();
    field.select();
    try { return document.execCommand('copy'); } catch (e) { return false; }
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.copy-button[data-copy-from]'), function (button) {
    var original = button.textContent;
    button.addEventListener('click', function () {
      var field = document.getElementById(button.getAttribute('data-copy-from'));
      if (!field) return;
      var done = function () {
        button.textContent = button.getAttribute('data-copied') || 'Copied';
        setTimeout(function () { button.textContent = original; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { if (fallbackCopy(field)) done(); });
      } else if (fallbackCopy(field)) {
        done();
      }
    });
  });
  // Clicking into a read-only URL selects it whole, ready for Ctrl+C.
  Array.prototype.forEach.call(document.querySelectorAll('input.link-url'), function (input) {
    input.addEventListener('focus', function () { input.select(); });
  });
})();
