// The manager view's summary of the chosen scope and period: its KPIs, each with its "as of", and
// the funnel (calls → meetings → demos → won, each step with its share of the step before).
import { asOfMs, businessZone, fmt, num, setText } from '../common.js';
import { paceText } from './shared.js';

const SUMMARY = [
  { key: 'revenue', label: 'Revenue', kind: 'money' },
  { key: 'attainment', label: 'Attainment', kind: 'percent' },
  { key: 'pace', label: 'Pace', kind: 'pace' },
  { key: 'orders', label: 'Orders', kind: 'count' },
  { key: 'aov', label: 'Avg order value', kind: 'money' },
  { key: 'calls', label: 'Calls', kind: 'count' },
  { key: 'connectRate', label: 'Connect rate', kind: 'percent' },
  { key: 'winRate', label: 'Win rate', kind: 'percent' },
];
// A sales funnel narrows: calls (dials) to meetings to demos to deals won. New leads feed it but
// are not a step of it, so they are shown apart, without a rate.
const FUNNEL = [
  { key: 'calls', label: 'Calls' },
  { key: 'meetings', label: 'Meetings' },
  { key: 'demos', label: 'Demos' },
  { key: 'dealsWon', label: 'Won' },
  { key: 'leads', label: 'New leads', apart: true },
];

export function summary(state) {
  const el = {
    kpis: document.getElementById('m-kpis'),
    asof: document.getElementById('m-asof'),
    stale: document.getElementById('m-stale'),
    funnel: document.getElementById('m-funnel'),
  };

  function show(kind, value) {
    switch (kind) {
      case 'money': return fmt.money(value, state.currency);
      case 'percent': return fmt.percent(value, 1);
      case 'pace': return paceText(value);
      default: return fmt.count(value);
    }
  }

  function buildSummary() {
    el.kpis.replaceChildren(...SUMMARY.map((s) => {
      const card = document.createElement('div');
      card.className = 'm-kpi';
      card.dataset.kpi = s.key;
      card.innerHTML = '<p class="m-kpi-label"></p><p class="m-kpi-value">—</p><p class="m-kpi-asof">as of <time>—</time></p>';
      card.querySelector('.m-kpi-label').textContent = s.label;
      return card;
    }));
    el.funnel.replaceChildren(...FUNNEL.map((f) => {
      const li = document.createElement('li');
      li.dataset.step = f.key;
      if (f.apart) li.className = 'funnel-apart';
      li.innerHTML = '<span class="funnel-label"></span><span class="funnel-bar"><span></span></span>'
        + '<span class="funnel-count"></span><span class="funnel-rate"></span>';
      li.querySelector('.funnel-label').textContent = f.label;
      return li;
    }));
  }

  function renderSummary(answer) {
    state.answer = answer;
    businessZone(answer.timezone, 'm-zone');
    if (typeof answer.currency === 'string') state.currency = answer.currency;
    const ms = asOfMs(answer);
    for (const s of SUMMARY) {
      const card = el.kpis.querySelector(`[data-kpi="${s.key}"]`);
      const raw = answer.kpis[s.key];
      const value = card.querySelector('.m-kpi-value');
      setText(value, show(s.kind, raw));
      value.dataset.value = raw === null || raw === undefined ? '' : String(raw);
      if (s.kind === 'pace') card.dataset.pace = Number.isNaN(num(raw)) ? 'none' : (num(raw) >= 1 ? 'ahead' : 'behind');
      const time = card.querySelector('time');
      setText(time, ms === null ? 'no events' : fmt.time(ms));
    }
    setText(el.asof, ms === null ? 'no events counted yet' : fmt.time(ms));
    if (ms !== null) el.asof.setAttribute('datetime', answer.asOf);
    el.stale.hidden = answer.stale !== true;
    const counts = FUNNEL.map((f) => num(answer.kpis[f.key]) || 0);
    const widest = Math.max(1, ...counts.filter((_, i) => !FUNNEL[i].apart));
    FUNNEL.forEach((f, i) => {
      const li = el.funnel.querySelector(`[data-step="${f.key}"]`);
      li.querySelector('.funnel-bar span').style.width = `${(counts[i] / widest) * 100}%`;
      setText(li.querySelector('.funnel-count'), fmt.count(counts[i]));
      const rate = i === 0 || f.apart || counts[i - 1] === 0 ? '' : `${fmt.percent(counts[i] / counts[i - 1])} of ${FUNNEL[i - 1].label.toLowerCase()}`;
      setText(li.querySelector('.funnel-rate'), rate);
    });
  }

  return { build: buildSummary, render: renderSummary };
}
