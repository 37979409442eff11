// Metrics browser (like sflow-rt/browse-metrics): pick agents and a metric with an aggregation prefix
// (max:, min:, sum:, avg:) and trend it live; each trace polls /metric/{agents}/{prefix:metric}/json every second.
import { getJson, poll } from '../api.js';
import { TimeChart, Window } from '../chart.js';
import { el } from '../format.js';

const trendSeconds = 300;

export function mount(main) {
  const agent = el('select', { id: 'metric-agent', multiple: true, size: 6 }, el('option', { value: 'ALL', selected: true }, 'ALL'));
  const metric = el('select', { id: 'metric-name' });
  const aggregation = el('select', { id: 'metric-agg' }, ['max', 'min', 'sum', 'avg'].map(a => el('option', { value: a }, a + ':')));
  const traces = el('div', { class: 'charts', id: 'traces' });
  const form = el('form', { class: 'row' },
    el('label', {}, 'Agents', agent), el('label', {}, 'Aggregation', aggregation), el('label', {}, 'Metric', metric),
    el('button', { class: 'primary', type: 'submit', id: 'metric-add' }, 'Trend'));
  main.append(el('h2', {}, 'Metrics'), form, traces);

  const active = [];
  form.addEventListener('submit', event => {
    event.preventDefault();
    const agents = [...agent.selectedOptions].map(o => o.value);
    const selector = agents.includes('ALL') || agents.length === 0 ? 'ALL' : agents.join(';');
    const name = `${aggregation.value}:${metric.value}`;
    const box = el('div', { class: 'card' }, el('h3', {}, `${name} on ${selector} `,
      el('button', { onclick: () => { trace.stop(); trace.chart.destroy(); box.remove(); active.splice(active.indexOf(trace), 1); } }, '×')));
    traces.prepend(box);
    const trace = { chart: new TimeChart(box, { height: 150 }), window: new Window(trendSeconds) };
    trace.stop = poll(1000, async () => {
      const result = await getJson(`/metric/${encodeURIComponent(selector)}/${encodeURIComponent(name)}/json`);
      const value = result[0]?.metricValue;
      trace.window.push(Date.now() / 1000, typeof value === 'number' ? value : null);
      trace.chart.update(trace.window.times, [{ label: name, values: trace.window.values }]);
      box.dataset.value = value ?? '';
    });
    active.push(trace);
  });

  const stopLists = poll(10000, async () => {
    const [agents, metrics] = await Promise.all([getJson('/agents/json'), getJson('/metrics/json')]);
    const chosen = new Set([...agent.selectedOptions].map(o => o.value));
    agent.replaceChildren(...['ALL', ...Object.keys(agents)].map(a => el('option', { value: a, selected: chosen.has(a) }, a)));
    const current = metric.value;
    const names = Object.keys(metrics).sort();
    metric.replaceChildren(...names.map(m => el('option', { value: m, selected: m === current }, m)));
    if (!current && names.includes('load_one')) metric.value = 'load_one';
  });
  return () => { stopLists(); for (const t of active) { t.stop(); t.chart.destroy(); } };
}

