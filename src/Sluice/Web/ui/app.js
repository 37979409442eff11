// The single page: hash routes (#status, #agents, ...) mount one page module at a time; a page returns the function
// that stops its polling, so a hidden page costs nothing. The last page is kept in sessionStorage('nav') like sFlow-RT's UI.
import { getText } from './api.js';

const pages = {
  status: () => import('./pages/status.js'),
  agents: () => import('./pages/agents.js'),
  metrics: () => import('./pages/metrics.js'),
  flows: () => import('./pages/flows.js'),
  apps: () => import('./pages/apps.js'),
  api: () => import('./pages/api.js'),
};

let stop = () => {};

async function show() {
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const page = pages[name] ? name : (pages[sessionStorage.getItem('nav')] ? sessionStorage.getItem('nav') : 'status');
  sessionStorage.setItem('nav', page);
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === page);
  }
  stop();
  stop = () => {};
  document.getElementById('attribution').hidden = true;
  const main = document.getElementById('page');
  main.replaceChildren();
  main.dataset.page = page;
  const module = await pages[page]();
  stop = module.mount(main, rest.map(decodeURIComponent)) ?? (() => {});
}

window.addEventListener('hashchange', show);
show();
getText('/version').then(v => { document.getElementById('version').textContent = 'version ' + v; }, () => {});
