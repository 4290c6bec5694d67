/*
 * The respondent's progress, drawn by us instead of survey-core's bar: "Page 3 of 8" counts the pages
 * of the path that can still be taken. A page shown only after a certain answer counts as long as
 * that answer is not given, so the total only shrinks as the respondent answers, the number of the
 * current page never changes with later answers, and the bar never moves backwards (survey-core's
 * "Page 1 of 6" became "Page 3 of 8" as branches opened, and marked pages before a resume as not done).
 */
(function () {
  'use strict';

  function isEmpty(v) {
    return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  }

  // A hidden page may still come when its condition names a question not answered yet.
  function mayStillShow(survey, page) {
    var names = String(page.visibleIf || '').match(/\{[^}]+\}/g) || [];
    return names.some(function (braced) {
      var name = braced.slice(1, -1).trim().split('.')[0];
      return isEmpty(survey.getValue(name));
    });
  }

  function pathPages(survey) {
    return survey.pages.filter(function (p) { return p.isVisible || (p.visibleIf && mayStillShow(survey, p)); });
  }

  window.JppSurveyProgress = function (survey, box) {
    var text = box.querySelector('.survey-progress__text');
    var bar = box.querySelector('.survey-progress__bar');
    var fill = box.querySelector('.survey-progress__fill');

    function update() {
      if (survey.state !== 'running' || !survey.currentPage) { box.hidden = true; return; }
      var pages = pathPages(survey);
      var total = pages.length;
      var at = pages.indexOf(survey.currentPage) + 1;
      var template = window.Survey.surveyLocalization.getString('progressText', survey.locale) || 'Page {0} of {1}';
      var label = template.replace('{0}', String(at)).replace('{1}', String(total));
      text.textContent = label;
      bar.setAttribute('aria-valuemax', String(total));
      bar.setAttribute('aria-valuenow', String(at));
      bar.setAttribute('aria-valuetext', label);
      fill.style.width = (total ? Math.round((at / total) * 100) : 0) + '%';
      box.hidden = false;
    }

    survey.onCurrentPageChanged.add(update);
    survey.onValueChanged.add(update);
    survey.onComplete.add(update);
    survey.onLocaleChangedEvent.add(update);
    return update;
  };
})();
