/*
 * Deleting an answer with its deletion code, without leaving the page. Without JavaScript the form
 * posts normally and the server answers with a page.
 */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('.delete-form'), function (form) {
    var box = form.closest('.delete-box');
    var status = box.querySelector('.delete-status');
    // The texts are read when shown, and the key is kept on the status (data-t), so that the
    // respondent's page can say it again in another language.
    function say(key) {
      var texts = JSON.parse(status.dataset.texts || '{}');
      status.setAttribute('data-t', key);
      status.textContent = texts[key] || '';
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var code = form.querySelector('input[name="deletionCode"]').value.trim();
      if (!code) return;
      fetch(form.getAttribute('action'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ deletionCode: code }),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      })
        .then(function (res) {
          if (res.ok) { say('delete_done'); form.hidden = true; return; }
          say(res.status === 429 ? 'delete_rate_limited' : 'delete_not_found');
        })
        .catch(function () { say('delete_not_found'); });
    });
  });
})();
