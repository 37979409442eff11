// API: the REST API explorer (Scalar, served by this process at /api/) and the endpoints of the OpenAPI document
// at /api-docs, grouped by tag.
import { getJson } from '../api.js';
import { el } from '../format.js';

export function mount(main) {
  const list = el('tbody');
  main.append(el('h2', {}, 'REST API'),
    el('p', {}, el('a', { class: 'app healthy', href: '/api/', id: 'open-explorer' }, 'Open REST API Explorer'),
      ' ', el('a', { href: '/api-docs' }, 'OpenAPI document (/api-docs)')),
    el('table', { id: 'endpoints' }, el('thead', {}, el('tr', {}, el('th', {}, 'Group'), el('th', {}, 'Method'), el('th', {}, 'Path'), el('th', {}, 'Summary'))), list));
  getJson('/api-docs').then(doc => {
    const rows = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) {
        if (!op || typeof op !== 'object' || !op.responses) continue;
        rows.push([op.tags?.[0] ?? '', method.toUpperCase(), path, op.summary ?? '']);
      }
    }
    rows.sort((a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]));
    list.replaceChildren(...rows.map(r => el('tr', {}, r.map(c => el('td', {}, c)))));
  });
}
