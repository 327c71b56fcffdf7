// The wallboard's KPIs of the slide shown: revenue today (the hero: value, bar to target with the
// expected-pace marker, ahead/behind pace) and the tiles (orders, average order value, calls,
// meetings, each with its target's progress). A changed value flashes its card.
import { fmt, num, setText } from '../common.js';
import { renderAsOf } from './shared.js';

const TILE_KPIS = ['orders', 'aov', 'calls', 'meetings'];

export function kpiCards(wall, state) {
  const el = {
    hero: document.getElementById('w-revenue'),
    heroValue: document.getElementById('w-revenue-value'),
    heroTarget: document.getElementById('w-revenue-target'),
    pace: document.getElementById('w-pace'),
    tiles: Object.fromEntries(TILE_KPIS.map((k) => [k, wall.querySelector(`.tile[data-kpi="${k}"]`)])),
  };

  function renderKpis(answer, flash) {
    const k = answer.kpis;
    const stale = answer.stale === true;
    renderAsOf(el.hero, answer);
    el.hero.querySelector('.stale-badge').hidden = !stale;
    wall.classList.toggle('is-stale-answer', stale);
    setValue(el.heroValue, k.revenue, fmt.money(k.revenue, state.currency), flash ? el.hero : null);
    renderRevenueTarget(k);
    for (const kpi of TILE_KPIS) renderTile(kpi, answer, flash);
  }

  function setValue(node, raw, text, flashNode) {
    const key = raw === null || raw === undefined ? '' : String(raw);
    if (node.dataset.value === key && node.textContent === text) return;
    const changed = node.dataset.value !== undefined && node.dataset.value !== key;
    node.dataset.value = key;
    node.textContent = text;
    fit(node);
    if (changed && flashNode) flash(flashNode);
  }

  function renderRevenueTarget(k) {
    const bar = el.hero.querySelector('.bar');
    const target = num(k.target);
    const attainment = num(k.attainment);
    const pace = num(k.pace);
    const marker = bar.querySelector('.bar-expected');
    if (Number.isNaN(target)) {
      setText(el.heroTarget, 'No revenue target set for today');
      bar.dataset.state = 'none';
      marker.hidden = true;
      setPace('none', '', 'No target, no pace');
      return;
    }
    bar.dataset.state = attainment >= 1 ? 'done' : 'progress';
    bar.querySelector('.bar-fill').style.width = `${Math.min(1, Math.max(0, attainment)) * 100}%`;
    const expected = !Number.isNaN(pace) && pace > 0 ? attainment / pace : NaN;
    marker.hidden = Number.isNaN(expected);
    if (!Number.isNaN(expected)) marker.style.left = `${Math.min(1, Math.max(0, expected)) * 100}%`;
    setText(el.heroTarget, `${fmt.percent(attainment)} of ${fmt.money(target, state.currency)} target`);
    if (attainment >= 1) setPace('done', '✓', `Target reached · ${fmt.percent(attainment)}`);
    else if (Number.isNaN(pace)) setPace('none', '', 'Pace starts with business hours');
    else if (pace >= 1) setPace('ahead', '▲', `Ahead of pace · ${fmt.percent(pace)}`);
    else setPace('behind', '▼', `Behind pace · ${fmt.percent(pace)}`);
  }

  function setPace(state, arrow, text) {
    el.pace.dataset.pace = state;
    setText(el.pace.querySelector('.pace-arrow'), arrow);
    setText(el.pace.querySelector('.pace-text'), text);
  }

  function renderTile(kpi, answer, flash) {
    const tile = el.tiles[kpi];
    const raw = answer.kpis[kpi];
    const text = kpi === 'aov' ? fmt.money(raw, state.currency) : fmt.count(raw);
    setValue(tile.querySelector('.tile-value'), raw, text, flash ? tile : null);
    renderAsOf(tile, answer);
    const sub = tile.querySelector('.tile-target');
    const bar = tile.querySelector('.bar');
    if (kpi === 'aov') {
      // Gross revenue over placed orders; `orders` is net of cancellations, so not named here.
      setText(sub, 'per placed order');
      return;
    }
    const target = answer.targets && answer.targets[kpi];
    if (!target || target.target === null || target.target === undefined) {
      setText(sub, 'No target set');
      bar.dataset.state = 'none';
      return;
    }
    const attainment = num(target.attainment);
    bar.dataset.state = attainment >= 1 ? 'done' : 'progress';
    bar.querySelector('.bar-fill').style.width = `${Math.min(1, Math.max(0, attainment)) * 100}%`;
    setText(sub, `${attainment >= 1 ? '✓ ' : ''}${fmt.percent(attainment)} of ${fmt.count(target.target)}`);
  }

  // Highlight a changed card briefly; at most once a second per card (WCAG 2.3.1 allows three).
  const lastFlash = new WeakMap();
  function flash(card) {
    const now = Date.now();
    if (now - (lastFlash.get(card) || 0) < 1000) return;
    lastFlash.set(card, now);
    card.classList.add('is-changed');
    setTimeout(() => card.classList.remove('is-changed'), 150);
  }

  // Shrink a value that does not fit its box (very large sums).
  function fit(node) {
    node.style.removeProperty('font-size');
    if (node.clientWidth > 0 && node.scrollWidth > node.clientWidth) {
      const size = parseFloat(window.getComputedStyle(node).fontSize);
      node.style.fontSize = `${Math.floor(size * node.clientWidth / node.scrollWidth * 0.97)}px`;
    }
  }

  return { render: renderKpis };
}
