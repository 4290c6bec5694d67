/*
 * Small corrections to how survey-core shows some questions, applied to the model before it is
 * drawn: a consent-style checkbox (a boolean shown as a checkbox) carries its text beside the box,
 * where a label belongs, instead of a title above an unlabelled square; and a required question
 * whose own validator says what is expected shows that sentence when left empty, instead of the
 * generic "Response required.".
 */
(function () {
  'use strict';

  function ownMessage(question) {
    var own = (question.validators || []).filter(function (v) {
      return v.getType() === 'expressionvalidator' && String(v.expression || '').indexOf('{' + question.name + '}') >= 0 && !v.locText.isEmpty;
    })[0];
    return own ? own.locText.getJson() : null;
  }

  window.JppSurveyQuestionTexts = function (survey) {
    survey.getAllQuestions().forEach(function (q) {
      if (q.getType() === 'boolean' && q.renderAs === 'checkbox' && q.titleLocation !== 'hidden') {
        if (q.locLabel.isEmpty) q.locLabel.setJson(q.locTitle.getJson());
        q.titleLocation = 'hidden';
      }
      if (q.isRequired && q.locRequiredErrorText.isEmpty) {
        var message = ownMessage(q);
        if (message) q.locRequiredErrorText.setJson(message);
      }
    });
  };
})();
