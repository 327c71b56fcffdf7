// What the manager view's parts share: "as of" and pace as words, and keyed table rows.
import { asOfMs, fmt, num } from '../common.js';

export function asOfText(answers) {
  const times = answers.map(asOfMs).filter((ms) => ms !== null);
  return times.length ? `as of ${fmt.time(Math.max(...times))}` : 'no events counted yet';
}

export function paceText(value) {
  const pace = num(value);
  if (Number.isNaN(pace)) return '—';
  return `${pace >= 1 ? '▲ ahead' : '▼ behind'} ${fmt.percent(pace)}`;
}

// Keyed rows: kept per scope, filled in place, reordered; rows of scopes gone are removed.
export function renderRows(tbody, rows, make, fill) {
  const existing = new Map(Array.from(tbody.children).map((tr) => [tr.dataset.scope, tr]));
  const keep = new Set(rows.map((r) => r.scope));
  existing.forEach((tr, scope) => { if (!keep.has(scope)) tr.remove(); });
  rows.forEach((row, i) => {
    let tr = existing.get(row.scope);
    if (!tr) {
      tr = make(row);
      tr.dataset.scope = row.scope;
    }
    fill(tr, row);
    if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
  });
}
