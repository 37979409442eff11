// Number and text formatting shared by the pages.
const prefixes = ['', 'k', 'M', 'G', 'T', 'P'];

// 1234567 -> "1.23 M": rates and sizes, SI prefixes.
export function si(value, unit = '') {
  if (value == null || !Number.isFinite(value)) return '–';
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1000 && i < prefixes.length - 1) { v /= 1000; i++; }
  const digits = v >= 100 || i === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${value < 0 ? '-' : ''}${v.toFixed(i === 0 && v < 10 && v % 1 !== 0 ? 1 : digits)}${i || unit ? ' ' : ''}${prefixes[i]}${unit}`;
}

// Counters exactly, with thousands separators (the test reads them back).
export function count(value) {
  return value == null ? '–' : Number(value).toLocaleString('en-US');
}

export function bytes(value) {
  if (value == null) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = value;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function duration(ms) {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return (d ? `${d}d ` : '') + `${h}h ${m}m ${s % 60}s`;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

// "DE" -> "Germany (DE)": country codes as names, no flags.
export function country(code) {
  if (!/^[A-Z]{2}$/i.test(code ?? '')) return code;
  try {
    return `${regions.of(code.toUpperCase())} (${code.toUpperCase()})`;
  } catch {
    return code;
  }
}

// Builds an element: el('td', { class: 'num' }, 'text', child, ...).
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat(Infinity).filter(c => c != null).map(c => (c instanceof Node ? c : String(c))));
  return node;
}

// Per-second rates from two snapshots of cumulative counters.
export function rate(now, before, field, seconds) {
  if (!before || seconds <= 0) return null;
  return Math.max(0, (now[field] - before[field]) / seconds);
}
