/*
 * Deleting an answer with its deletion code, without leaving the page. Without JavaScript the form
 * posts normally and the server answers with a page.
 */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('.delete-form'), function (form) {
    var box = form.closest('.delete-box');
    var status = box.querySelector('.delete-status');
    var texts = JSON.parse(status.dataset.texts || '{}');
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
          if (res.ok) { status.textContent = texts.done; form.hidden = true; return; }
          status.textContent = res.status === 429 ? texts.rateLimited : texts.notFound;
        })
        .catch(function () { status.textContent = texts.notFound; });
    });
  });
})();
