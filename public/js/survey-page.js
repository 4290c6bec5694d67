/*
 * The respondent's page: renders the survey with survey-js-ui, saves progress as the respondent
 * goes (a resume token kept in this browser only), submits once with an idempotency key that
 * survives retries, then shows the deletion code. No cookies, nothing sent to any other host.
 * The page carries the survey in the shown language only; switching fetches the other language's
 * survey, page texts and survey-core strings, and carries the answers over.
 */
(function () {
  'use strict';
  var root = document.getElementById('survey-root');
  if (!root || !window.Survey || !window.SurveyUI) return;

  var token = root.dataset.token;
  var pageTexts = JSON.parse(root.dataset.texts || '{}');
  var definition = JSON.parse(root.dataset.definition || '{}');
  var base = '/s/' + encodeURIComponent(token);
  var storeKey = 'jpp:' + token;
  var statusEl = document.querySelector('.save-status');
  var locale = root.dataset.locale || 'en';

  function t(key) { return pageTexts[key] || key; }

  function readStore() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || '{}'); } catch (e) { return {}; }
  }
  function writeStore(patch) {
    var s = readStore();
    Object.keys(patch).forEach(function (k) { if (patch[k] === undefined) delete s[k]; else s[k] = patch[k]; });
    try { window.localStorage.setItem(storeKey, JSON.stringify(s)); } catch (e) { /* private mode: resume is lost, answering still works */ }
  }
  function randomKey() {
    var bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function postJson(path, body, headers) {
    var h = { 'content-type': 'application/json', accept: 'application/json' };
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(base + path, { method: 'POST', headers: h, body: JSON.stringify(body), credentials: 'omit', referrerPolicy: 'no-referrer' });
  }
  function setStatus(text) { if (statusEl) statusEl.textContent = text || ''; }

  // Every text of the page outside the survey carries its key (data-t), the thank-you box and the
  // deletion messages included, so that switching language at any point changes all of them.
  function translatePage() {
    document.documentElement.lang = locale;
    Array.prototype.forEach.call(document.querySelectorAll('.delete-status'), function (el) {
      el.dataset.texts = JSON.stringify({ delete_done: t('delete_done'), delete_not_found: t('delete_not_found'), delete_rate_limited: t('delete_rate_limited') });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) {
      el.textContent = t(el.getAttribute('data-t'));
    });
  }

  var survey = null;

  // Saving: debounced, one request at a time, the latest state wins.
  var saveTimer = null;
  var saving = false;
  var pending = false;
  // Restoring saved answers is not a change: no save, and the welcome-back message stays.
  var restoring = false;
  function scheduleSave() {
    if (restoring) return;
    if (saveTimer) clearTimeout(saveTimer);
    setStatus('');
    saveTimer = setTimeout(saveNow, 800);
  }
  // Leaving the page flushes a save that is still waiting, so the last answer is not lost.
  window.addEventListener('pagehide', function () {
    if (!saveTimer || survey.state === 'completed') return;
    clearTimeout(saveTimer);
    saveTimer = null;
    var store = readStore();
    var body = { answers: survey.data, locale: locale, page: survey.currentPageNo };
    if (!store.resumeToken) return;
    body.resumeToken = store.resumeToken;
    fetch(base + '/progress', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), keepalive: true, credentials: 'omit' });
  });
  function saveNow() {
    saveTimer = null;
    if (survey.state === 'completed') return;
    if (saving) { pending = true; return; }
    saving = true;
    var store = readStore();
    var body = { answers: survey.data, locale: locale, page: survey.currentPageNo };
    if (store.resumeToken) body.resumeToken = store.resumeToken;
    postJson('/progress', body)
      .then(function (res) {
        if (res.status === 404 && store.resumeToken) { writeStore({ resumeToken: undefined }); pending = true; return null; }
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      })
      .then(function (json) {
        if (json && json.resumeToken) { writeStore({ resumeToken: json.resumeToken }); setStatus(t('saved')); }
      })
      .catch(function () { setStatus(t('save_failed')); })
      .then(function () {
        saving = false;
        if (pending) { pending = false; scheduleSave(); }
      });
  }

  // Submitting: the same key for every retry of these answers, so nothing is stored twice.
  function submit(sender, options) {
    var store = readStore();
    var answers = sender.data;
    var key = store.submitKey || randomKey();
    writeStore({ submitKey: key });
    var body = { answers: answers, locale: locale };
    if (store.resumeToken) body.resumeToken = store.resumeToken;
    options.showSaveInProgress(t('sending'));
    var attempt = 0;
    function tryOnce() {
      attempt += 1;
      postJson('/responses', body, { 'idempotency-key': key })
        .then(function (res) {
          if (res.status === 201) return res.json().then(showThanks);
          if ((res.status === 503 || res.status === 429) && attempt < 6) return retryLater();
          return res.json().catch(function () { return {}; }).then(function (problem) { showProblem(res.status, problem, options); });
        })
        .catch(function () { if (attempt < 6) retryLater(); else showProblem(0, {}, options); });
    }
    function retryLater() { setTimeout(tryOnce, Math.min(8000, 500 * Math.pow(2, attempt))); }
    tryOnce();
  }

  var progressBox = document.querySelector('.survey-progress');
  var updateProgress = function () {};

  /** A model of the survey in the current language, wired to saving and submitting. */
  function createSurvey(json) {
    var model = new window.Survey.Model(json);
    model.locale = locale;
    model.setVariable('retain_until', root.dataset.retainUntil || '');
    if (window.JppSurveyQuestionTexts) window.JppSurveyQuestionTexts(model);
    // Our own progress (survey-progress.js) replaces survey-core's, whose page count jumps with branches.
    if (progressBox && window.JppSurveyProgress) {
      model.showProgressBar = false;
      updateProgress = window.JppSurveyProgress(model, progressBox);
    }
    model.onValueChanged.add(scheduleSave);
    model.onCurrentPageChanged.add(scheduleSave);
    model.onComplete.add(submit);
    return model;
  }
  survey = createSurvey(definition);

  function showProblem(status, problem, options) {
    var box = document.createElement('div');
    box.className = 'submit-problem';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = status === 422 ? t('fix_errors') : t('submit_failed');
    box.appendChild(p);
    if (problem && problem.errors) {
      var ul = document.createElement('ul');
      Object.keys(problem.errors).forEach(function (name) {
        var q = survey.getQuestionByValueName(name);
        var li = document.createElement('li');
        li.textContent = (q ? q.processedTitle : name) + ': ' + problem.errors[name].join(' ');
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var back = document.createElement('button');
    back.type = 'button';
    back.textContent = status === 422 ? t('back_to_survey') : t('retry');
    back.addEventListener('click', function () {
      box.remove();
      // A different answer set needs a new key: the old one is tied to what was sent.
      if (status === 422) writeStore({ submitKey: undefined });
      survey.clear(false, false);
      if (status !== 422) survey.completeLastPage();
    });
    box.appendChild(back);
    root.parentNode.insertBefore(box, root);
    options.showSaveError(p.textContent);
    back.focus();
  }

  function showThanks(result) {
    submitted = true;
    writeStore({ resumeToken: undefined, submitKey: undefined });
    try { window.localStorage.removeItem(storeKey); } catch (e) { /* nothing to clean */ }
    root.hidden = true;
    setStatus('');
    var after = document.getElementById('after-survey');
    after.hidden = false;
    // The texts around the code are in the page already (data-t), in the language chosen last.
    translatePage();
    after.querySelector('.deletion-code').textContent = result.deletionCode;
    var copy = after.querySelector('.copy-code');
    copy.addEventListener('click', function () {
      if (navigator.clipboard) navigator.clipboard.writeText(result.deletionCode).then(function () { copy.setAttribute('data-t', 'copied'); copy.textContent = t('copied'); });
    });
    after.querySelector('#thanks-title').focus();
  }

  var submitted = false;
  var loadedScripts = {};
  function loadScript(src) {
    if (!src || loadedScripts[src]) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var el = document.createElement('script');
      el.src = src;
      el.onload = function () { loadedScripts[src] = true; resolve(); };
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  /** Fetches the survey in another language and rebuilds it there, keeping the answers and the page. */
  function switchLanguage(lang) {
    return fetch(base + '/language/' + encodeURIComponent(lang), { headers: { accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer' })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      })
      .then(function (json) {
        // survey-core's strings (buttons, messages) first: the model reads them when it is built.
        return loadScript(json.script).then(function () { return json; });
      })
      .then(function (json) {
        locale = json.lang;
        pageTexts = json.texts;
        // After submitting only the texts around the code change: the answered survey is not rebuilt,
        // so nothing is saved again as a new partial response.
        if (submitted) { translatePage(); return; }
        var data = survey.data;
        var page = survey.currentPageNo;
        survey = createSurvey(json.definition);
        restoring = true;
        try {
          survey.data = data;
          if (page < survey.visiblePages.length) survey.currentPageNo = page;
        } finally {
          restoring = false;
        }
        translatePage();
      });
  }

  var select = document.getElementById('language-select');
  if (select) {
    select.addEventListener('change', function () {
      var wanted = select.value;
      select.disabled = true;
      switchLanguage(wanted)
        .then(function () { if (!submitted) { start(); scheduleSave(); } })
        .catch(function () { select.value = locale; setStatus(t('save_failed')); })
        .then(function () { select.disabled = false; select.focus(); });
    });
  }

  function start() {
    // A fresh container for each model: the one a previous language rendered into is dropped whole.
    var host = document.createElement('div');
    root.replaceChildren(host);
    survey.render(host);
    updateProgress();
  }

  // Resume: restore the saved answers and page before the first render.
  var saved = readStore();
  if (saved.resumeToken) {
    postJson('/progress/load', { resumeToken: saved.resumeToken })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (json) {
        if (!json) { writeStore({ resumeToken: undefined }); return null; }
        var offered = select && Array.prototype.some.call(select.options, function (o) { return o.value === json.locale; });
        var ready = json.locale && json.locale !== locale && offered
          ? switchLanguage(json.locale).then(function () { select.value = locale; }).catch(function () { /* stay in the page's language */ })
          : Promise.resolve();
        return ready.then(function () {
          restoring = true;
          try {
            survey.data = json.answers;
            if (typeof json.page === 'number' && json.page < survey.visiblePages.length) survey.currentPageNo = json.page;
          } finally {
            restoring = false;
          }
          setStatus(t('resumed'));
        });
      })
      .catch(function () { /* offline: start afresh, saving will retry */ })
      .then(start);
  } else {
    start();
  }
})();
