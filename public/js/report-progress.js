/*
 * The Reports page: the report is made as a job (POST /api/reports/jobs) whose step the page shows
 * while it polls, then downloads the file. Without JavaScript the form still downloads the report
 * in one request (GET /api/reports/report), with no progress shown.
 */
(function () {
  'use strict';
  var form = document.querySelector('form.report-form[data-jobs]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var status = document.getElementById('report-status');
  var bar = document.getElementById('report-progress');
  var button = form.querySelector('button[type=submit]');
  var POLL_MS = 1000;

  function show(text, fraction) {
    status.textContent = text;
    if (fraction === null) bar.hidden = true;
    else {
      bar.hidden = false;
      bar.value = Math.round(fraction * 100);
    }
  }

  function done(enable) {
    button.disabled = !enable;
  }

  function problem(res) {
    return res.json().then(function (body) {
      var details = body && body.errors ? Object.keys(body.errors).map(function (k) { return body.errors[k].join(' '); }).join(' ') : '';
      return (body && body.message ? body.message : 'The report could not be started.') + (details ? ' ' + details : '');
    }, function () { return 'The report could not be started (' + res.status + ').'; });
  }

  function poll(url) {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) return problem(res).then(function (text) { show(text, null); done(true); });
      return res.json().then(function (job) {
        if (job.state === 'running') {
          show(job.step + '…', job.fraction);
          setTimeout(function () { poll(url); }, POLL_MS);
        } else if (job.state === 'done') {
          show('Ready: the download starts. If it does not, ', 1);
          var link = document.createElement('a');
          link.href = job.download;
          link.textContent = 'download the report';
          link.setAttribute('download', '');
          status.appendChild(link);
          status.appendChild(document.createTextNode('.'));
          done(true);
          window.location.assign(job.download);
        } else {
          show(job.message || 'The report could not be made.', null);
          done(true);
        }
      });
    }, function () {
      show('The server could not be reached; trying again…', null);
      setTimeout(function () { poll(url); }, POLL_MS * 3);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var params = new URLSearchParams(new FormData(form));
    done(false);
    show('Starting…', 0);
    fetch(form.getAttribute('data-jobs') + '?' + params.toString(), {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': form.getAttribute('data-csrf') || '' },
      credentials: 'same-origin',
    }).then(function (res) {
      if (res.status !== 202) return problem(res).then(function (text) { show(text, null); done(true); });
      return res.json().then(function (job) { poll(job.progress); });
    }, function () {
      show('The server could not be reached. Try again.', null);
      done(true);
    });
  });
})();
