// Runs in the browser: draws the charts that the page's JSON (ChartSpec in chart-spec.ts)
// describes with uPlot, which the page inlines before this script, and the markers of scaling
// activities with their hover tooltips. Text from the data only ever goes in through
// textContent, never as HTML.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('fleetsim-data').textContent);
  const HEIGHT = 300;
  // Tick spacings in seconds that read as clock times.
  const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  // Simulated time as elapsed clock time: "1:30", "0:00:30", "2d 06:00".
  function formatTime(seconds, withSeconds) {
    const s = Math.round(seconds);
    const days = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    return (days > 0 ? days + 'd ' + pad(h) : String(h)) + ':' + pad(m) + (withSeconds ? ':' + pad(s % 60) : '');
  }

  function formatNumber(v) {
    if (v === null || v === undefined || Number.isNaN(v)) return '-';
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1000) return String(Math.round(v));
    return String(+v.toPrecision(4));
  }

  function fromZero(u, min, max) {
    return [Math.min(0, min), max > 0 ? max * 1.05 : 1];
  }

  function withAlpha(color, alpha) {
    const n = parseInt(color.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  // Each series on top of the ones before it; returns the running sums.
  function stack(series) {
    let below = null;
    return series.map(function (s) {
      const sums = s.values.map(function (v, i) {
        const base = below === null ? 0 : below[i];
        return v === null ? base : base + v;
      });
      below = sums;
      return sums;
    });
  }

  // Markers inside the plot area, placed again after every redraw (resize, zoom); returns the placer.
  function addMarkers(u, spec, wrapper) {
    const tip = document.createElement('div');
    tip.className = 'marker-tip';
    tip.hidden = true;
    wrapper.appendChild(tip);
    const elements = spec.markers.map(function (m) {
      const el = document.createElement('div');
      el.className = 'marker';
      el.setAttribute('aria-label', m.text);
      el.dataset.time = String(m.time);
      el.addEventListener('mouseenter', function () {
        tip.textContent = m.text;
        tip.hidden = false;
        const left = u.over.offsetLeft + parseFloat(el.style.left);
        tip.style.left = Math.max(0, Math.min(left + 8, wrapper.clientWidth - tip.offsetWidth)) + 'px';
        tip.style.top = u.over.offsetTop + 8 + 'px';
      });
      el.addEventListener('mouseleave', function () {
        tip.hidden = true;
      });
      u.over.appendChild(el);
      return el;
    });
    return function place() {
      spec.markers.forEach(function (m, i) {
        elements[i].hidden = !(m.time >= u.scales.x.min && m.time <= u.scales.x.max);
        elements[i].style.left = u.valToPos(m.time, 'x') + 'px';
      });
    };
  }

  function draw(spec) {
    const wrapper = document.getElementById('chart-' + spec.id);
    const drawn = spec.stacked ? stack(spec.series) : spec.series.map(function (s) { return s.values; });
    const series = [{ label: 'time', value: function (u, v) { return v === null ? '-' : formatTime(v, true); } }];
    spec.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: s.underlay ? withAlpha(s.color, 0.45) : s.color,
        width: s.underlay ? 6 : 1.5,
        dash: s.dashed ? [6, 4] : undefined,
        spanGaps: !!s.spanGaps,
        scale: s.axis === 'right' ? 'y2' : 'y',
        // A stacked chart fills its first series down to zero and each other one down to the one below (bands).
        fill: spec.stacked && i === 0 ? withAlpha(s.color, 0.35) : undefined,
        // The legend shows a stacked series' own value, not the running sum drawn.
        value: function (u, v, si, idx) {
          return formatNumber(idx === null ? null : s.values[idx]);
        },
      });
    });
    const bands = spec.stacked
      ? spec.series.slice(1).map(function (s, i) { return { series: [i + 2, i + 1], fill: withAlpha(s.color, 0.35) }; })
      : undefined;
    const axes = [
      {
        incrs: TIME_INCRS,
        values: function (u, splits, axisIdx, space, incr) {
          return splits.map(function (v) { return formatTime(v, incr < 60); });
        },
      },
      { scale: 'y', label: spec.left.label, values: function (u, splits) { return splits.map(formatNumber); } },
    ];
    const scales = { x: { time: false }, y: { range: fromZero } };
    if (spec.right) {
      axes.push({ scale: 'y2', side: 1, label: spec.right.label, grid: { show: false }, values: function (u, splits) { return splits.map(formatNumber); } });
      scales.y2 = { range: fromZero };
    }
    let place = null;
    const hooks = {
      ready: [function (u) {
        if (spec.markers && spec.markers.length > 0) {
          place = addMarkers(u, spec, wrapper);
          place();
        }
      }],
      draw: [function () {
        if (place) place();
      }],
    };
    const u = new uPlot(
      { width: wrapper.clientWidth, height: HEIGHT, series: series, axes: axes, scales: scales, bands: bands, cursor: { sync: { key: 'fleetsim' } }, hooks: hooks },
      [spec.x.slice()].concat(drawn),
      wrapper,
    );
    return { u: u, wrapper: wrapper };
  }

  const charts = data.charts.map(draw);
  window.addEventListener('resize', function () {
    charts.forEach(function (c) {
      c.u.setSize({ width: c.wrapper.clientWidth, height: HEIGHT });
    });
  });
})();
