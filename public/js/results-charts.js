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
    // chart.js gives the label axis at most half of the chart's width and cuts longer labels off
    // at the edge: shorten them to what fits (about 6.5 px a character); tooltips keep them whole.
    var labelAxis = horizontal && config.options.scales && config.options.scales.y;
    if (labelAxis) {
      labelAxis.ticks = labelAxis.ticks || {};
      labelAxis.ticks.callback = function (value) {
        var label = String(this.getLabelForValue(value));
        var fit = Math.max(12, Math.floor((this.chart.width * 0.45) / 6.5));
        return label.length > fit ? label.slice(0, fit - 1) + '…' : label;
      };
    }
    // A box's height follows the number of bars, so that long lists of answers stay readable.
    if (horizontal && config.data.labels) {
      var box = canvas.parentNode;
      var rows = config.data.labels.length;
      box.style.height = Math.max(160, Math.min(900, 60 + rows * (config.data.datasets.length > 1 && !config.data.datasets[0].stack ? 34 : 26))) + 'px';
    }
    new window.Chart(canvas, config);
  }
})();
