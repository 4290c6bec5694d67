/*
 * Draws the results charts from the chart.js configuration the server put in each canvas's
 * data-chart attribute (built in analysis/chart-configs.ts). Values are percentages, except on
 * histograms; hidden figures are null and chart.js leaves them out. Tooltips say "hidden" for them.
 */
(function () {
  'use strict';
  if (!window.Chart) return;
  var canvases = document.querySelectorAll('canvas.results-chart[data-chart]');
  for (var i = 0; i < canvases.length; i++) {
    var canvas = canvases[i];
    var config;
    try {
      config = JSON.parse(canvas.getAttribute('data-chart'));
    } catch (e) {
      continue;
    }
    if (!config || !config.data) continue;
    var horizontal = config.options && config.options.indexAxis === 'y';
    var isPercent = config.unit === '%';
    delete config.unit;
    config.options = config.options || {};
    config.options.plugins = config.options.plugins || {};
    config.options.plugins.tooltip = {
      callbacks: {
        label: function (percent) {
          return function (item) {
            var v = horizontal ? item.parsed.x : item.parsed.y;
            var name = item.dataset.label ? item.dataset.label + ': ' : '';
            if (v === null || v === undefined || isNaN(v)) return name + 'hidden';
            return name + (percent ? v.toFixed(1) + ' %' : String(v));
          };
        }(isPercent)
      }
    };
    // Long labels come as arrays of lines (analysis/chart-configs.ts): let the label axis take what
    // they need instead of chart.js's default half of the width, so nothing is cut off.
    var labelAxis = horizontal && config.options.scales && config.options.scales.y;
    if (labelAxis) {
      labelAxis.afterFit = function (scale) { scale.width = Math.min(scale.width, scale.chart.width * 0.6); };
    }
    // A box's height follows the number of bars, so that long lists of answers stay readable.
    if (horizontal && config.data.labels) {
      var box = canvas.parentNode;
      var lines = config.data.labels.reduce(function (n, l) { return n + (Array.isArray(l) ? l.length : 1); }, 0);
      var rows = config.data.labels.length;
      var perRow = config.data.datasets.length > 1 && !config.data.datasets[0].stack ? 34 : 26;
      var legend = config.options.plugins && config.options.plugins.legend && config.options.plugins.legend.display ? 30 * Math.ceil(config.data.datasets.length / 4) : 0;
      box.style.height = Math.max(160, Math.min(1200, 60 + legend + Math.max(rows * perRow, lines * 17 + rows * 8))) + 'px';
    }
    new window.Chart(canvas, config);
  }
})();
