// Time-series charts over uPlot (installed from npm at build time, copied to lib/uplot).
import uPlot from './lib/uplot/uPlot.esm.js';
import { si } from './format.js';

export const palette = ['#1f6feb', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#0c8599', '#f08c00', '#5c940d', '#d6336c', '#364fc7',
  '#a61e4d', '#087f5b', '#e67700', '#862e9c', '#1098ad', '#74b816', '#f76707', '#495057', '#ae3ec9', '#0b7285'];

// A chart of named series over time. update(times, series) takes seconds since the epoch and [{ label, values }].
// stacked: each series is drawn on top of the ones before it (the first series at the bottom).
export class TimeChart {
  constructor(container, { title = '', unit = '', stacked = false, height = 160 } = {}) {
    this.container = container;
    this.title = title;
    this.unit = unit;
    this.stacked = stacked;
    this.height = height;
    this.labels = '';
    this.plot = null;
  }

  update(times, series) {
    const labels = series.map(s => s.label).join('\n');
    const order = this.stacked ? series.map((_, i) => series.length - 1 - i) : series.map((_, i) => i);
    const data = [times];
    if (this.stacked) {
      // Cumulative sums, drawn top first so each lower band paints over the one above it.
      const sums = [];
      let running = times.map(() => 0);
      for (const s of series) {
        running = running.map((v, i) => v + (s.values[i] ?? 0));
        sums.push(running);
      }
      for (const i of order) data.push(sums[i]);
    } else {
      for (const s of series) data.push(s.values);
    }
    if (this.plot && labels === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.labels = labels;
    this.plot?.destroy();
    const unit = this.unit;
    const opts = {
      title: this.title,
      width: Math.max(300, this.container.clientWidth - 4),
      height: this.height,
      legend: { show: !this.stacked && series.length > 1 && series.length <= 4 },
      cursor: { show: !this.stacked },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      axes: [{}, { size: 84, values: (u, ticks) => ticks.map(t => si(t, unit)) }],
      series: [{}, ...order.map(i => {
        const colour = palette[i % palette.length];
        return {
          label: series[i].label,
          stroke: colour,
          width: 1,
          fill: this.stacked ? colour + 'cc' : colour + '22',
          points: { show: false },
          value: (u, v) => si(v, unit),
        };
      })],
    };
    this.plot = new uPlot(opts, data, this.container);
  }

  destroy() {
    this.plot?.destroy();
    this.plot = null;
  }
}

// A rolling window of samples: push(t, value) keeps the last `seconds` of them.
export class Window {
  constructor(seconds) {
    this.seconds = seconds;
    this.times = [];
    this.values = [];
  }

  push(t, value) {
    this.times.push(t);
    this.values.push(value);
    while (this.times.length && this.times[0] < t - this.seconds) {
      this.times.shift();
      this.values.shift();
    }
  }
}
