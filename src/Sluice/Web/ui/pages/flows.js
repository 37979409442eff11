// Flows (like sflow-rt/flow-trend): define a flow from keys, value and filter, then watch its largest flows every
// second over the last 5 minutes as a stacked chart and a table. Clicking a key adds it to the filter.
import { getJson, poll, putJson } from '../api.js';
import { TimeChart, palette } from '../chart.js';
import { country, el, si } from '../format.js';

const trendSeconds = 300;
const maxFlows = 20;

// flow-trend's shortcuts: [label, keys, value, filter]
const shortcuts = [
  ['Top sources', 'ipsource', 'bps', ''],
  ['Top destinations', 'ipdestination', 'bps', ''],
  ['Top pairs', 'ipsource,ipdestination', 'bps', ''],
  ['Source countries', 'country:ipsource', 'bps', ''],
  ['IPv6 pairs', 'ip6source,ip6destination', 'bps', ''],
  ['MACs with vendor', 'macsource,oui:macsource:name,macdestination,oui:macdestination:name', 'bps', ''],
  ['TCP connection attempts', 'ipsource,ipdestination,tcpdestinationport', 'fps', 'tcpflags~....0..1.'],
  ['DNS names', 'dnsqname', 'requests', 'dnsqr=false'],
  ['ICMP unreachables', 'ipsource,ipdestination,icmpcode', 'fps', 'icmptype=3'],
  ['VXLAN tenants', 'vxlanvni,ipsource.1,ipdestination.1', 'bps', ''],
  ['NVGRE tenants', 'grevsid,ipsource.1,ipdestination.1', 'bps', ''],
  ['Geneve tenants', 'genevevni,ipsource.1,ipdestination.1', 'bps', ''],
];

const values = { bps: ['bytes', 8, 'bps'], Bps: ['bytes', 1, 'Bps'], fps: ['frames', 1, 'fps'], requests: ['requests', 1, '/s'] };

function quote(text) {
  return /^[\w.:\-]+$/.test(text) ? text : `'${text.replaceAll("'", '')}'`;
}

export function mount(main) {
  const name = el('input', { id: 'flow-name', value: 'ui_flow', size: 12 });
  const keys = el('input', { id: 'flow-keys', class: 'wide', value: 'ipsource,ipdestination', placeholder: 'ipsource,ipdestination' });
  const picker = el('select', { id: 'flow-keypicker' }, el('option', { value: '' }, '+ key'));
  const value = el('select', { id: 'flow-value' }, Object.keys(values).map(v => el('option', { value: v }, v)));
  const filter = el('input', { id: 'flow-filter', class: 'wide', placeholder: "ipprotocol=6&tcpdestinationport=443" });
  const message = el('div', { class: 'error', id: 'flow-error' });
  const chartBox = el('div', { class: 'card', id: 'flow-chart' });
  const rows = el('tbody');
  const form = el('form', { class: 'row', id: 'flow-form' },
    el('label', {}, 'Name', name), el('label', {}, 'Keys', keys), el('label', {}, 'Key picker', picker),
    el('label', {}, 'Value', value), el('label', {}, 'Filter', filter),
    el('button', { class: 'primary', type: 'submit', id: 'flow-run' }, 'Trend'));
  main.append(el('h2', {}, 'Flows'),
    el('div', { class: 'row shortcuts' }, shortcuts.map(([label, k, v, f]) =>
      el('button', { type: 'button', 'data-shortcut': label, onclick: () => { keys.value = k; value.value = v; filter.value = f; define(); } }, label))),
    form, message, chartBox,
    el('table', { id: 'flow-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'Flow'), el('th', { class: 'num' }, 'Value'))), rows));
  const chart = new TimeChart(chartBox, { stacked: true, height: 300 });

  let running = null; // { name, keyNames, scale, unit }
  let times = [];
  let series = new Map();

  async function define() {
    message.textContent = '';
    const [field, scale, unit] = values[value.value];
    const definition = { keys: keys.value.trim(), value: field, t: 2 };
    if (filter.value.trim()) definition.filter = filter.value.trim();
    try {
      await putJson(`/flow/${encodeURIComponent(name.value.trim())}/json`, definition);
    } catch (error) {
      message.textContent = error.message;
      return;
    }
    running = { name: name.value.trim(), keyNames: definition.keys.split(','), scale, unit };
    times = [];
    series = new Map();
    document.getElementById('attribution').hidden = !definition.keys.includes('country:');
    main.dataset.flow = running.name;
  }

  function addFilter(keyName, keyValue) {
    const term = `${quote(keyName)}=${quote(keyValue)}`;
    filter.value = filter.value.trim() ? `${filter.value.trim()}&${term}` : term;
    define();
  }

  function render(flows) {
    const now = Date.now() / 1000;
    times.push(now);
    const drop = times.findIndex(t => t >= now - trendSeconds);
    if (drop > 0) times.splice(0, drop);
    const seen = new Set();
    for (const flow of flows) {
      seen.add(flow.key);
      if (!series.has(flow.key)) series.set(flow.key, []);
    }
    for (const [key, list] of series) {
      const flow = flows.find(f => f.key === key);
      list.push(flow ? flow.value * running.scale : 0);
      while (list.length > times.length) list.shift();
      while (list.length < times.length) list.unshift(0);
      if (!seen.has(key)) series.delete(key);
    }
    const shown = flows.map((f, i) => ({ label: f.key, values: series.get(f.key), colour: palette[i % palette.length] }));
    rows.replaceChildren(...flows.map((f, i) => el('tr', { 'data-key': f.key, 'data-value': f.value * running.scale },
      el('td', {}, el('span', { class: 'swatch', style: `background:${palette[i % palette.length]}` }),
        f.key.split(',').map((part, j) => {
          const keyName = running.keyNames[j] ?? '';
          const text = keyName.startsWith('country:') ? country(part) : part;
          return [j ? ', ' : '', el('span', { class: 'keypart', title: `filter ${keyName}=${part}`, onclick: () => addFilter(keyName, part) }, text)];
        })),
      el('td', { class: 'num' }, si(f.value * running.scale, running.unit)))));
    if (flows.length === 0) rows.append(el('tr', {}, el('td', { class: 'muted', colspan: 2 }, 'No flows yet')));
    chart.update(times, shown);
    chartBox.dataset.total = String(flows.reduce((sum, f) => sum + f.value, 0));
  }

  // The draw hook ends the measure: uPlot paints after a microtask, so that is when an update is on screen.
  const measure = () => {
    if (performance.getEntriesByName('sluice-flow-update-start').length) {
      performance.measure('sluice-flow-update', 'sluice-flow-update-start');
      performance.clearMarks('sluice-flow-update-start');
    }
  };
  const stopFlows = poll(1000, async () => {
    if (!running) return;
    const current = running;
    const flows = await getJson(`/activeflows/ALL/${encodeURIComponent(current.name)}/json?maxFlows=${maxFlows}`);
    if (current !== running) return;
    performance.mark('sluice-flow-update-start');
    render(flows);
    if (chart.plot && !chart.plot.hooks.draw?.includes(measure)) chart.plot.hooks.draw = [...(chart.plot.hooks.draw ?? []), measure];
    main.dataset.updates = String(Number(main.dataset.updates ?? 0) + 1);
  });

  form.addEventListener('submit', event => { event.preventDefault(); define(); });
  picker.addEventListener('change', () => {
    if (picker.value) keys.value = keys.value.trim() ? `${keys.value.trim()},${picker.value}` : picker.value;
    picker.value = '';
  });
  getJson('/flowkeys/json').then(seen => {
    picker.append(...Object.keys(seen).sort().map(k => el('option', { value: k }, k)));
  }, () => {});
  return () => { stopFlows(); chart.destroy(); };
}
