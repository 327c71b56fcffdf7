// The wallboard's top reps: the ten reps with most revenue today (on a team slide, that team's
// reps) with attainment of their own target. Rows are kept per rep and slide to their new places.
import { api, fmt, num, setText, throttle } from '../common.js';
import { renderAsOf } from './shared.js';

const LEADERS = 10;
const LEADERS_MIN_INTERVAL_MS = 1000;

export function leaderboard(wall, state) {
  const el = {
    leaders: document.getElementById('w-leaders'),
    board: wall.querySelector('.w-board'),
  };
  const rowsByScope = new Map(); // rep scope → its <li>, only the rows on screen

  // At most one leaderboard request a second, however fast figures move; force skips the wait.
  const load = throttle(fetchLeaders, LEADERS_MIN_INTERVAL_MS);

  async function fetchLeaders() {
    const scope = state.currentScope();
    try {
      const team = scope.startsWith('team:') ? scope : null;
      const answer = await api('/api/v1/leaderboard',
        { dimension: 'rep', metric: 'revenue', period: 'today', limit: team ? 500 : LEADERS });
      if (scope !== state.currentScope()) return;
      let rows = answer.rows;
      if (team) rows = rows.filter((r) => state.repTeams.get(r.scope) === team);
      renderLeaders(rows.slice(0, LEADERS));
      // The leaderboard's asOf is the whole company's: a team's top reps are as of the team's.
      renderAsOf(el.board, team ? state.answers.get(scope) : answer);
      el.board.classList.toggle('is-stale-answer', answer.stale === true);
    } catch (e) {
      // keep what is shown; the status line says when the server is away
    }
  }

  // A team's top reps are as of the team's newest answer, so their "as of" moves with it.
  function showAsOf(teamAnswer) {
    renderAsOf(el.board, teamAnswer);
  }

  // Another slide: its rows are new ones, not moves.
  function clear() {
    rowsByScope.forEach((li) => li.remove());
    rowsByScope.clear();
  }

  function leaderRow() {
    const li = document.createElement('li');
    li.className = 'leader';
    li.innerHTML = '<span class="leader-rank"></span><span class="leader-move"></span>'
      + '<span class="leader-name"></span><span class="leader-value"></span>'
      + '<span class="leader-att"><span class="leader-att-bar"><span></span></span><span class="leader-att-text"></span></span>';
    return li;
  }

  // Rows are kept per rep and moved, so a change of places animates (FLIP: measure, move, invert).
  function renderLeaders(rows) {
    const before = new Map();
    rowsByScope.forEach((li, scope) => before.set(scope, li.getBoundingClientRect().top));
    const keep = new Set(rows.map((r) => r.scope));
    rowsByScope.forEach((li, scope) => {
      if (!keep.has(scope)) { li.remove(); rowsByScope.delete(scope); }
    });
    let rank = 0;
    rows.forEach((row, i) => {
      rank = i > 0 && row.value === rows[i - 1].value ? rank : i + 1; // ties share a place
      let li = rowsByScope.get(row.scope);
      if (!li) {
        li = leaderRow();
        li.dataset.scope = row.scope;
        rowsByScope.set(row.scope, li);
      }
      const previous = Number(li.dataset.rank || 0);
      if (previous && rank !== previous) {
        const up = rank < previous;
        li.dataset.move = up ? 'up' : 'down';
        li.querySelector('.leader-move').textContent = `${up ? '▲' : '▼'}${Math.abs(previous - rank)}`;
        li.querySelector('.leader-move').setAttribute('aria-label', `${up ? 'up' : 'down'} ${Math.abs(previous - rank)}`);
        clearTimeout(Number(li.dataset.moveTimer || 0));
        li.dataset.moveTimer = String(setTimeout(() => {
          delete li.dataset.move;
          li.querySelector('.leader-move').textContent = '';
          li.querySelector('.leader-move').removeAttribute('aria-label');
        }, 8000));
      }
      li.dataset.rank = String(rank);
      li.dataset.value = row.value === null ? '' : String(row.value);
      setText(li.querySelector('.leader-rank'), String(rank));
      setText(li.querySelector('.leader-name'), row.name);
      setText(li.querySelector('.leader-value'), fmt.money(row.value, state.currency, true));
      const att = num(row.attainment);
      li.querySelector('.leader-att').hidden = Number.isNaN(att);
      if (!Number.isNaN(att)) {
        li.querySelector('.leader-att-bar span').style.width = `${Math.min(1, att) * 100}%`;
        setText(li.querySelector('.leader-att-text'), fmt.percent(att));
        li.classList.toggle('is-done', att >= 1);
      }
      if (el.leaders.children[i] !== li) el.leaders.insertBefore(li, el.leaders.children[i] || null);
    });
    el.board.querySelector('.empty').hidden = rows.length > 0;
    rowsByScope.forEach((li, scope) => {
      const top = before.get(scope);
      if (top === undefined) return;
      const delta = top - li.getBoundingClientRect().top;
      if (!delta) return;
      li.style.transition = 'none';
      li.style.transform = `translateY(${delta}px)`;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        li.style.transition = '';
        li.style.transform = '';
      }));
    });
  }

  return { load, clear, showAsOf };
}
