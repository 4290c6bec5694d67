/*
 * The SurveyJS Dashboard fed by the server. No response ever reaches the browser: every visualizer
 * asks the summary endpoint for its figures, already aggregated and suppressed on the server.
 * Configuration comes from the data-config attribute (no inline script under the CSP).
 */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || typeof SurveyAnalytics === 'undefined' || typeof Survey === 'undefined') return;
  var config = JSON.parse(root.getAttribute('data-config'));
  var status = document.getElementById('dashboard-status');

  function say(text) {
    if (status) status.textContent = text;
  }

  // Must run before the panel is built; without a key the Dashboard shows its banner.
  if (config.licenseKey) Survey.setLicenseKey(config.licenseKey);

  var survey = new Survey.Model(config.definition);
  if (config.locale) survey.locale = config.locale;
  var questions = config.questions
    .map(function (name) { return survey.getQuestionByName(name); })
    .filter(function (q) { return !!q; });

  var failures = 0;
  /** The data provider: one request per visualizer and filter state; resolves to the shapes SurveyJS expects. */
  function getData(options) {
    var visualizer = options.visualizer;
    var question = visualizer.question;
    // Below a question with an "Other" choice the Dashboard asks for "<question>-Comment", the texts
    // typed next to it. The summary endpoint serves whole questions only: this panel stays empty
    // (the results pages give the number of those texts).
    if (/-Comment$/.test(question.name)) {
      return Promise.resolve(visualizer.type === 'text' ? { columnCount: 1, data: [] } : {});
    }
    var url = new URL(config.summaryUrl, window.location.origin);
    url.searchParams.set('question', question.getValueName ? question.getValueName() : question.name);
    url.searchParams.set('visualizer', visualizer.type);
    if (options.filter && options.filter.length) url.searchParams.set('filter', JSON.stringify(options.filter));
    return fetch(url.toString(), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 401) {
          window.location.assign('/staff/sign-in?next=' + encodeURIComponent(window.location.pathname + window.location.search));
          throw new Error('signed out');
        }
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .catch(function (err) {
        failures += 1;
        say('Some figures could not be loaded (' + failures + '). Reload the page to try again.');
        throw err;
      });
  }

  var options = {
    dataProvider: new SurveyAnalytics.DataProvider(getData),
    allowHideQuestions: false,
    allowDynamicLayout: false,
    survey: survey,
  };
  // Histograms of number questions need fixed intervals: the server chose them from the definition.
  Object.keys(config.questionOptions || {}).forEach(function (name) {
    options[name] = config.questionOptions[name];
  });
  var panel = new SurveyAnalytics.VisualizationPanel(questions, [], options);
  panel.showToolbar = true;
  panel.render(root);
  say('');
})();
