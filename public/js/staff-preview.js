/*
 * Preview of an edition on the respondent's page, for staff: the same rendering as survey-page.js,
 * but nothing is saved, submitted or kept in this browser. Completing the preview only says so.
 */
(function () {
  'use strict';
  var root = document.getElementById('survey-root');
  if (!root || !window.Survey || !window.SurveyUI) return;
  var definition = JSON.parse(root.dataset.definition || '{}');
  var locale = root.dataset.locale || 'en';

  var banner = document.createElement('p');
  banner.className = 'preview-banner';
  banner.setAttribute('role', 'status');
  banner.textContent = 'Preview: nothing you enter here is saved or submitted.';
  root.parentNode.insertBefore(banner, root);

  var survey = new window.Survey.Model(definition);
  survey.locale = locale;
  survey.setVariable('retain_until', root.dataset.retainUntil || '');
  // As the respondent sees it (survey-question-texts.js).
  if (window.JppSurveyQuestionTexts) window.JppSurveyQuestionTexts(survey);
  survey.onComplete.add(function () {
    banner.textContent = 'Preview finished: nothing was stored.';
    var again = document.createElement('button');
    again.type = 'button';
    again.textContent = 'Start the preview again';
    again.addEventListener('click', function () { survey.clear(true, true); again.remove(); banner.textContent = 'Preview: nothing you enter here is saved or submitted.'; });
    banner.appendChild(document.createTextNode(' '));
    banner.appendChild(again);
  });

  var select = document.getElementById('language-select');
  if (select) {
    select.addEventListener('change', function () {
      var url = new URL(window.location.href);
      url.searchParams.set('lang', select.value);
      window.location.assign(url.toString());
    });
  }
  root.innerHTML = '';
  survey.render(root);
})();
