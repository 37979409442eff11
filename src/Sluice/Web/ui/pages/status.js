// Status: the engine's own health from /analyzer/json, polled every second; rates come from successive counters and
// the trends keep the last 5 minutes seen by this page.
import { getJson, poll } from '../api.js';
import { TimeChart, Window } from '../chart.js';
import { bytes, count, duration, el, rate, si } from '../format.js';

const trendSeconds = 300;

// [id, label, text of the value, counts as a problem when non-zero]
const tiles = [
  ['version', 'Version', a => a.version],
  ['uptime', 'Uptime', a => duration(a.uptime)],
  ['sFlowAgents', 'Agents', a => count(a.sFlowAgents)],
  ['datagramRate', 'Datagrams/s', (a, r) => si(r.datagrams)],
  ['bitRate', 'sFlow bits/s', (a, r) => si(r.bits, 'bps')],
  ['sampleRate', 'Samples/s', (a, r) => si(r.samples)],
  ['sFlowDatagramsReceived', 'Datagrams received', a => count(a.sFlowDatagramsReceived)],
  ['sFlowBytesReceived', 'Bytes received', a => count(a.sFlowBytesReceived)],
  ['sFlowFlowSamples', 'Flow samples', a => count(a.sFlowFlowSamples)],
  ['sFlowCounterSamples', 'Counter samples', a => count(a.sFlowCounterSamples)],
  ['sFlowParseErrors', 'Parse errors', a => count(a.sFlowParseErrors), true],
  ['sFlowUnsupportedVersion', 'Unsupported version', a => count(a.sFlowUnsupportedVersion), true],
  ['sFlowKernelDrops', 'Socket drops', a => count(a.sFlowKernelDrops), true],
  ['sFlowQueueDrops', 'Queue drops', a => count(a.sFlowQueueDrops), true],
  ['cpu', 'CPU (process)', (a, r) => (r.cpu == null ? '–' : `${r.cpu.toFixed(1)} %`)],
  ['heapUsed', 'GC heap', a => bytes(a.heapUsed)],
  ['memUsed', 'Working set', a => bytes(a.memUsed)],
  ['gcCount', 'GC collections', a => count(a.gcCount)],
  ['gcTime', 'GC pause total', a => `${count(a.gcTime)} ms`],
  ['threadCount', 'Threads', a => count(a.threadCount)],
  ['httpConnectionsCurrent', 'HTTP connections', a => count(a.httpConnectionsCurrent)],
];

export function mount(main) {
  const values = new Map();
  const grid = el('div', { class: 'tiles' }, tiles.map(([id, label]) => {
    const value = el('div', { class: 'value', id: `st-${id}` }, '–');
    values.set(id, value);
    return el('div', { class: 'tile' }, el('div', { class: 'label' }, label), value);
  }));
  const trends = [
    ['datagrams', 'Datagrams/s', ''], ['bits', 'sFlow bits/s', 'bps'], ['samples', 'Samples/s', ''], ['cpu', 'CPU %', ''],
    ['heap', 'GC heap', 'B'], ['drops', 'Drops/s (socket + queue)', ''],
  ].map(([field, title, unit]) => {
    const box = el('div', { class: 'card' }, el('h3', {}, title));
    return { field, box, title, unit, window: new Window(trendSeconds) };
  });
  main.append(el('h2', {}, 'Status'), grid, el('div', { class: 'charts' }, trends.map(t => t.box)));
  for (const t of trends) t.chart = new TimeChart(t.box, { unit: t.unit, height: 140 });

  let before = null;
  let updates = 0;
  const stop = poll(1000, async () => {
    const a = await getJson('/analyzer/json');
    const seconds = before ? (a.uptime - before.uptime) / 1000 : 0;
    const samples = rate(a, before, 'sFlowFlowSamples', seconds);
    const r = {
      datagrams: rate(a, before, 'sFlowDatagramsReceived', seconds),
      bits: before ? rate(a, before, 'sFlowBytesReceived', seconds) * 8 : null,
      samples: samples == null ? null : samples + rate(a, before, 'sFlowCounterSamples', seconds),
      cpu: before && seconds > 0 ? (100 * (a.cpuTime - before.cpuTime)) / (seconds * 1000 * a.availableProcessors) : null,
      heap: a.heapUsed,
      drops: before ? rate(a, before, 'sFlowKernelDrops', seconds) + rate(a, before, 'sFlowQueueDrops', seconds) : null,
    };
    for (const [id, , text, problem] of tiles) {
      const node = values.get(id);
      node.textContent = text(a, r);
      node.dataset.value = a[id] ?? r[id.replace('Rate', 's')] ?? '';
      node.parentElement.classList.toggle('bad', Boolean(problem && a[id] > 0));
    }
    const now = Date.now() / 1000;
    if (before) {
      for (const t of trends) {
        t.window.push(now, r[t.field]);
        t.chart.update(t.window.times, [{ label: t.title, values: t.window.values }]);
      }
    }
    before = a;
    main.dataset.updates = String(++updates);
  });
  return () => { stop(); for (const t of trends) t.chart.destroy(); };
}
