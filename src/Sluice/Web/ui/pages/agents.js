// Agents: every sFlow agent with its datagram rate, loss, samples, sampling and polling; #agents/<address> drills
// into the agent's data sources (interfaces with their counters) and host metrics.
import { getJson, poll } from '../api.js';
import { count, el, si } from '../format.js';

function range(values) {
  const set = [...new Set(values.filter(v => v > 0))].sort((a, b) => a - b);
  if (set.length === 0) return '–';
  return set.length === 1 ? String(set[0]) : `${set[0]}–${set[set.length - 1]}`;
}

function list(main) {
  const body = el('tbody');
  main.append(el('h2', {}, 'Agents'), el('p', { class: 'muted' }, 'Click an agent to see its interfaces and host metrics.'),
    el('table', { id: 'agents' },
      el('thead', {}, el('tr', {}, ['Agent', 'Datagrams/s', 'Datagrams', 'Lost', 'Out of order', 'Flow samples', 'Counter samples',
        'Data sources', 'Sampling 1 in', 'Polling (s)', 'Last seen (ms)'].map((h, i) => el('th', { class: i ? 'num' : null }, h)))),
      body));
  let before = null;
  let beforeTime = 0;
  return poll(2000, async () => {
    const [agents, sources] = await Promise.all([getJson('/agents/json'), getJson('/agents/ALL/datasources/json').catch(() => [])]);
    const now = performance.now();
    const byAgent = Map.groupBy(sources, s => s.agent);
    body.replaceChildren(...Object.entries(agents).map(([name, a]) => {
      const seconds = (now - beforeTime) / 1000;
      const previous = before?.[name];
      const dps = previous && seconds > 0 ? (a.sFlowDatagramsReceived - previous.sFlowDatagramsReceived) / seconds : null;
      const ds = byAgent.get(name) ?? [];
      return el('tr', { class: 'pick', 'data-agent': name, onclick: () => { location.hash = `agents/${encodeURIComponent(name)}`; } },
        el('td', {}, name),
        el('td', { class: 'num' }, si(dps)),
        el('td', { class: 'num' }, count(a.sFlowDatagramsReceived)),
        el('td', { class: 'num' }, count(a.sFlowDatagramsLost)),
        el('td', { class: 'num' }, count(a.sFlowDatagramsOutOfOrder)),
        el('td', { class: 'num' }, count(a.sFlowFlowSamples)),
        el('td', { class: 'num' }, count(a.sFlowCounterSamples)),
        el('td', { class: 'num' }, count(a.dataSources)),
        el('td', { class: 'num' }, range(ds.map(d => d.samplingRate))),
        el('td', { class: 'num' }, range(ds.map(d => d.pollingInterval))),
        el('td', { class: 'num' }, count(a.lastSeen)));
    }));
    if (Object.keys(agents).length === 0) body.append(el('tr', {}, el('td', { colspan: 11, class: 'muted' }, 'No sFlow agents yet')));
    before = agents;
    beforeTime = now;
  });
}

function detail(main, agent) {
  const interfaces = el('tbody');
  const host = el('tbody');
  main.append(el('h2', {}, el('a', { href: '#agents' }, 'Agents'), ' / ', agent),
    el('div', { class: 'card' }, el('h3', {}, 'Data sources'),
      el('table', { id: 'datasources' }, el('thead', {}, el('tr', {}, ['Data source', 'Name', 'Speed', 'Status', 'In bits/s', 'Out bits/s', 'In util %', 'Out util %',
        'Sampling 1 in', 'Polling (s)', 'Flow samples', 'Lost', 'Counter samples'].map((h, i) => el('th', { class: i > 1 ? 'num' : null }, h)))), interfaces)),
    el('div', { class: 'card' }, el('h3', {}, 'Host metrics'), el('table', { id: 'hostmetrics' }, host)));
  return poll(2000, async () => {
    const [sources, metrics] = await Promise.all([
      getJson(`/agents/${encodeURIComponent(agent)}/datasources/json`),
      getJson(`/metric/${encodeURIComponent(agent)}/json`),
    ]);
    // Metric names have no dots; data source names may (2.1): split at the last one.
    const byDs = new Map();
    for (const [key, value] of Object.entries(metrics)) {
      const dot = key.lastIndexOf('.');
      const ds = key.slice(0, dot);
      if (!byDs.has(ds)) byDs.set(ds, {});
      byDs.get(ds)[key.slice(dot + 1)] = value;
    }
    const num = v => el('td', { class: 'num' }, v);
    interfaces.replaceChildren(...sources.map(s => {
      const m = byDs.get(s.dataSource) ?? {};
      return el('tr', {}, el('td', {}, s.dataSource), el('td', {}, m.ifname ?? ''), num(si(m.ifspeed, 'bps')), num(m.ifoperstatus ?? ''),
        num(si(m.ifinoctets * 8, 'bps')), num(si(m.ifoutoctets * 8, 'bps')),
        num(m.ifinutilization?.toFixed?.(2) ?? '–'), num(m.ifoututilization?.toFixed?.(2) ?? '–'),
        num(s.samplingRate || '–'), num(s.pollingInterval || '–'), num(count(s.flowSamples)), num(count(s.flowSamplesLost)), num(count(s.counterSamples)));
    }));
    const hostRows = [];
    for (const [ds, m] of byDs) {
      if ('ifname' in m || 'ifindex' in m) continue;
      for (const [name, value] of Object.entries(m).sort()) {
        hostRows.push(el('tr', {}, el('td', {}, ds), el('td', {}, name), el('td', { class: 'num' }, typeof value === 'number' ? si(value) : value)));
      }
    }
    host.replaceChildren(...(hostRows.length ? hostRows : [el('tr', {}, el('td', { class: 'muted' }, 'No host metrics from this agent'))]));
  });
}

export function mount(main, [agent]) {
  return agent ? detail(main, agent) : list(main);
}
