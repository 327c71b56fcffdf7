// The manager view's reps table: revenue, attainment, pace, orders, calls, connect rate and win
// rate per rep of the chosen scope and period (leaderboards joined by rep, pace from each rep's
// own KPIs), sorted by the clicked column.
import { api, fmt, num, setText } from '../common.js';
import { asOfText, paceText, renderRows } from './shared.js';

const PACE_CONCURRENCY = 4;
const TEXT_KEYS = new Set(['name', 'teamName']);

export function repTable(state) {
  const el = {
    repsTable: document.getElementById('m-reps'),
    reps: document.querySelector('#m-reps tbody'),
    repsNote: document.getElementById('m-reps-note'),
  };

  async function loadReps(scope, period) {
    const metrics = ['revenue', 'orders', 'calls', 'connectRate', 'winRate'];
    const boards = await Promise.all(metrics.map((metric) =>
      api('/api/v1/leaderboard', { dimension: 'rep', metric, period, limit: 500 })));
    if (scope !== state.scope || period !== state.period) return;
    const reps = new Map();
    const teamNames = new Map(state.teams.map((t) => [t.scope, t.name]));
    const inScope = (rep) => {
      if (scope === 'company:all') return true;
      const info = state.repInfo.get(rep);
      return !!info && (info.team === scope || info.region === scope);
    };
    const row = (rep, name) => {
      if (!reps.has(rep)) {
        const info = state.repInfo.get(rep) || {};
        reps.set(rep, { scope: rep, name, team: info.team || null,
          teamName: info.team ? (teamNames.get(info.team) || info.team.replace(/^team:/, '')) : '—',
          revenue: 0, attainment: null, pace: null, orders: 0, calls: 0, connectRate: null, winRate: null });
      }
      return reps.get(rep);
    };
    for (const [rep, info] of state.repInfo) if (inScope(rep)) row(rep, info.name);
    boards.forEach((board, i) => {
      for (const r of board.rows) {
        if (!inScope(r.scope)) continue;
        const entry = row(r.scope, r.name);
        entry.name = r.name;
        entry[metrics[i]] = r.value;
        if (metrics[i] === 'revenue') entry.attainment = r.attainment;
      }
    });
    const list = Array.from(reps.values());
    await addPace(list, period);
    if (scope !== state.scope || period !== state.period) return;
    state.reps = list;
    renderReps();
    const withTarget = list.filter((r) => r.attainment !== null).length;
    setText(el.repsNote, `${list.length} reps · ${withTarget} with a revenue target for this period`
      + ` · ${asOfText([state.answer])}`); // the leaderboards' asOf is the whole company's
  }

  // Pace comes with a rep's own KPIs: asked only for reps that have a target.
  async function addPace(list, period) {
    const queue = list.filter((r) => r.attainment !== null);
    async function worker() {
      while (queue.length) {
        const rep = queue.shift();
        try {
          const answer = await api('/api/v1/kpis', { scope: rep.scope, period });
          rep.pace = answer.kpis.pace;
        } catch (e) {
          rep.pace = null;
        }
      }
    }
    await Promise.all(Array.from({ length: PACE_CONCURRENCY }, worker));
  }

  function compare(a, b) {
    const key = state.sortKey;
    const dir = state.sortDir === 'asc' ? 1 : -1;
    const x = a[key];
    const y = b[key];
    const xMissing = x === null || x === undefined || (!TEXT_KEYS.has(key) && Number.isNaN(num(x)));
    const yMissing = y === null || y === undefined || (!TEXT_KEYS.has(key) && Number.isNaN(num(y)));
    if (xMissing || yMissing) return xMissing === yMissing ? a.name.localeCompare(b.name) : (xMissing ? 1 : -1);
    const c = TEXT_KEYS.has(key) ? String(x).localeCompare(String(y)) : num(x) - num(y);
    return c !== 0 ? c * dir : a.name.localeCompare(b.name);
  }

  function renderReps() {
    const rows = state.reps.slice().sort(compare);
    renderRows(el.reps, rows, repRow, fillRep);
    for (const th of el.repsTable.querySelectorAll('th[data-key]')) {
      th.setAttribute('aria-sort', th.dataset.key === state.sortKey
        ? (state.sortDir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  function repRow() {
    const tr = document.createElement('tr');
    tr.innerHTML = '<th scope="row"></th><td></td><td class="num"></td><td class="num"></td>'
      + '<td class="num pace-cell"></td><td class="num"></td><td class="num"></td><td class="num"></td><td class="num"></td>';
    return tr;
  }

  function fillRep(tr, row) {
    const c = tr.children;
    setText(c[0], row.name);
    setText(c[1], row.teamName);
    setText(c[2], fmt.money(row.revenue, state.currency));
    c[2].dataset.value = row.revenue === null ? '' : String(row.revenue);
    setText(c[3], fmt.percent(row.attainment, 1));
    setText(c[4], paceText(row.pace));
    c[4].dataset.pace = row.pace === null ? 'none' : (num(row.pace) >= 1 ? 'ahead' : 'behind');
    setText(c[5], fmt.count(row.orders));
    setText(c[6], fmt.count(row.calls));
    setText(c[7], fmt.percent(row.connectRate, 1));
    setText(c[8], fmt.percent(row.winRate, 1));
  }

  for (const th of el.repsTable.querySelectorAll('th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.key;
      if (state.sortKey === key) state.sortDir = state.sortDir === 'asc' ? 'desc' : 'asc';
      else { state.sortKey = key; state.sortDir = TEXT_KEYS.has(key) ? 'asc' : 'desc'; }
      renderReps();
    });
  }


  return { load: loadReps };
}
