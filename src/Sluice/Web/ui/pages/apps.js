// Apps (sflow-rt-api.md §9): one button per installed app linking to its html entry; green when all its scripts run
// or exited cleanly, red when one failed, disabled without html. Script errors are listed below.
import { getJson, poll } from '../api.js';
import { count, el } from '../format.js';

export function mount(main) {
  const buttons = el('div', { id: 'apps' });
  const scripts = el('tbody');
  main.append(el('h2', {}, 'Apps'), buttons, el('h2', {}, 'Scripts'),
    el('table', { id: 'scripts' }, el('thead', {}, el('tr', {}, ['Script', 'State', 'Flows', 'Events', 'Requests', 'CPU (ms)', 'Error']
      .map((h, i) => el('th', { class: i > 1 && i < 6 ? 'num' : null }, h)))), scripts));
  return poll(5000, async () => {
    const [apps, status] = await Promise.all([getJson('/apps/json'), getJson('/scripts/json')]);
    const failed = s => status[s] && !status[s].alive && !status[s].gracefulExit;
    const names = Object.keys(apps);
    buttons.replaceChildren(...(names.length === 0 ? [el('p', { class: 'muted' }, 'No applications installed')] : names.map(name => {
      const app = apps[name];
      const health = (app.scripts ?? []).some(failed) ? 'failed' : 'healthy';
      return app.entry
        ? el('a', { class: `app ${health}`, href: `/app/${encodeURIComponent(name)}${app.entry}`, 'data-app': name, 'data-health': health }, name)
        : el('span', { class: `app ${health} disabled`, 'data-app': name, 'data-health': health }, name);
    })));
    const entries = Object.entries(status);
    scripts.replaceChildren(...(entries.length === 0 ? [el('tr', {}, el('td', { class: 'muted', colspan: 7 }, 'No scripts'))] : entries.map(([name, s]) =>
      el('tr', {}, el('td', {}, name), el('td', {}, s.alive ? 'running' : s.gracefulExit ? 'exited' : 'failed'),
        el('td', { class: 'num' }, count(s.flowsReceived)), el('td', { class: 'num' }, count(s.eventsReceived)),
        el('td', { class: 'num' }, count(s.requestsReceived)), el('td', { class: 'num' }, count(s.cpuMs)),
        el('td', { class: 'error' }, s.error ?? '')))));
  });
}
