// The wallboard's ticker of big deals and milestones (the five newest of /api/v1/feed, polled),
// and the celebration banner with confetti for each new one while the page is open (at most three
// wait their turn).
import { api, fmt, num, params, setText } from '../common.js';

const CELEBRATE_MIN = params.has('celebrate') ? Number(params.get('celebrate')) : null;
const FEED_SHOWN = 5;
const FEED_POLL_MS = 3000;
const CELEBRATION_MS = 6000;
const MAX_QUEUED_CELEBRATIONS = 3;
const METRIC_NAMES = { revenue: 'revenue', orders: 'orders', calls: 'calls', meetings: 'meetings', dealsWon: 'deals won' };

export function ticker(wall, state) {
  const el = {
    feed: document.getElementById('w-feed'),
    ticker: wall.querySelector('.w-ticker'),
    threshold: document.getElementById('w-threshold'),
    celebrate: document.getElementById('w-celebrate'),
  };
  let seen = null; // ids of the last feed answer; null until the first one (nothing celebrated then)
  let shownFeed = []; // what the ticker shows, redrawn when the business time zone becomes known
  let feedZone = '';
  const celebrations = [];
  let celebrating = false;

  async function loadFeed() {
    try {
      const answer = await api('/api/v1/feed', { limit: 20 });
      setText(el.threshold, `Deals of ${fmt.money(answer.largeDeal, answer.currency, false)} or more`);
      const items = answer.items;
      if (seen) {
        for (const item of items.slice().reverse()) {
          if (!seen.has(item.id) && worthCelebrating(item)) celebrate(item);
        }
      }
      seen = new Set(items.map((i) => i.id));
      shownFeed = items.slice(0, FEED_SHOWN);
      renderFeed(shownFeed);
    } catch (e) {
      // keep the ticker as it is
    } finally {
      setTimeout(loadFeed, FEED_POLL_MS);
    }
  }

  function worthCelebrating(item) {
    if (item.kind === 'milestone') return true;
    return CELEBRATE_MIN === null || Number.isNaN(CELEBRATE_MIN) || num(item.value) >= CELEBRATE_MIN;
  }

  function teamName(scope) {
    const s = state.slides.find((x) => x.scope === scope);
    return s ? s.name : (scope || '').replace(/^team:/, '');
  }

  function feedText(item) {
    if (item.kind === 'deal') {
      return { title: fmt.money(item.value, item.currency || state.currency), text: `${item.name} · ${teamName(item.team)}` };
    }
    const who = item.scope === 'company:all' ? 'The company' : item.name;
    return { title: `${who} hit target`, text: `Today's ${METRIC_NAMES[item.metric] || item.metric} target: ${item.metric === 'revenue' ? fmt.money(item.target, item.currency || state.currency) : fmt.count(item.target)}` };
  }

  function renderFeed(items) {
    const ids = `${items.map((i) => i.id).join(' ')}|${state.slides.length}|${state.currency}|${feedZone}`;
    if (el.feed.dataset.ids === ids) return;
    el.feed.dataset.ids = ids;
    el.feed.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.className = `feed-item feed-${item.kind}`;
      li.dataset.id = item.id;
      const { title, text } = feedText(item);
      const icon = document.createElement('span');
      icon.className = 'feed-icon';
      icon.textContent = item.kind === 'deal' ? '$' : '★';
      icon.setAttribute('aria-label', item.kind === 'deal' ? 'Big deal' : 'Milestone');
      const body = document.createElement('span');
      body.className = 'feed-body';
      const t = document.createElement('strong');
      t.textContent = title;
      const d = document.createElement('span');
      d.textContent = text;
      body.append(t, d);
      const time = document.createElement('time');
      time.className = 'feed-time';
      time.setAttribute('datetime', item.at);
      time.textContent = fmt.shortTime(Date.parse(item.at));
      li.append(icon, body, time);
      return li;
    }));
    el.ticker.querySelector('.empty').hidden = items.length > 0;
  }

  function celebrate(item) {
    if (celebrations.length >= MAX_QUEUED_CELEBRATIONS) celebrations.shift();
    celebrations.push(item);
    if (!celebrating) nextCelebration();
  }

  function nextCelebration() {
    const item = celebrations.shift();
    if (!item) { celebrating = false; el.celebrate.hidden = true; return; }
    celebrating = true;
    const { title, text } = feedText(item);
    setText(el.celebrate.querySelector('.celebrate-kind'), item.kind === 'deal' ? 'Big deal!' : 'Target hit!');
    setText(el.celebrate.querySelector('.celebrate-title'), title);
    setText(el.celebrate.querySelector('.celebrate-text'), text);
    el.celebrate.hidden = false;
    el.celebrate.classList.remove('go');
    void el.celebrate.offsetWidth; // restart the animation
    el.celebrate.classList.add('go');
    setTimeout(nextCelebration, CELEBRATION_MS);
  }

  function buildConfetti() {
    const box = el.celebrate.querySelector('.confetti');
    const colours = ['#f2cc60', '#58a6ff', '#3fb950', '#ff7b72', '#d2a8ff'];
    for (let i = 0; i < 36; i += 1) {
      const piece = document.createElement('i');
      piece.style.left = `${(i * 97) % 100}%`;
      piece.style.background = colours[i % colours.length];
      piece.style.animationDelay = `${(i % 12) * 0.09}s`;
      piece.style.setProperty('--drift', `${((i * 37) % 21) - 10}vw`);
      box.append(piece);
    }
  }

  // Times were shown in the browser's zone until the business zone became known: redraw them.
  document.addEventListener('sp:zone', (e) => {
    feedZone = e.detail;
    renderFeed(shownFeed);
  });
  buildConfetti();
  return { start: loadFeed };
}
