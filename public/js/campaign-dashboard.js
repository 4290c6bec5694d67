/*
 * Draws the campaign dashboards' charts from the configuration the server put in each canvas's
 * data-chart attribute. Adds two small things chart.js has no JSON for: vertical lines with labels
 * where the waves fall (options.plugins.waveMarkers) and, in tooltips, the period a merged day
 * belongs to (options.plugins.periodNotes).
 */
(function () {
  'use strict';
  if (!window.Chart) return;

  var waveMarkers = {
    id: 'waveMarkers',
    afterDatasetsDraw: function (chart, _args, opts) {
      var waves = (opts && opts.waves) || [];
      var x = chart.scales.x;
      var area = chart.chartArea;
      if (!x || !area || waves.length === 0) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      for (var i = 0; i < waves.length; i++) {
        var w = waves[i];
        if (typeof w.index !== 'number') continue;
        var px = x.getPixelForValue(w.index);
        if (px < area.left - 1 || px > area.right + 1) continue;
        ctx.strokeStyle = '#7a3e9d';
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        // Two rows of labels, alternating, so that waves a few days apart stay readable.
        var y = area.top - 4 - (i % 2) * 13;
        var text = String(w.label || '');
        var width = ctx.measureText(text).width;
        var tx = Math.min(Math.max(px, area.left + width / 2), area.right - width / 2);
        ctx.fillStyle = 'rgba(255,255,255,0.85)';
        ctx.fillRect(tx - width / 2 - 2, y - 12, width + 4, 13);
        ctx.fillStyle = '#5a2d75';
        ctx.fillText(text, tx, y);
      }
      ctx.restore();
    },
  };
  window.Chart.register(waveMarkers);

  Array.prototype.forEach.call(document.querySelectorAll('canvas.campaign-chart'), function (canvas) {
    var config;
    try { config = JSON.parse(canvas.getAttribute('data-chart') || 'null'); } catch (e) { return; }
    if (!config) return;
    var plugins = (config.options && config.options.plugins) || {};
    var notes = plugins.periodNotes && plugins.periodNotes.notes;
    if (notes) {
      plugins.tooltip = {
        callbacks: {
          footer: function (items) { return items.length ? notes[items[0].dataIndex] || '' : ''; },
        },
      };
    }
    new window.Chart(canvas, config);
  });
})();
