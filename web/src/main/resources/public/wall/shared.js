// What the wallboard's widgets share: the slides in rotation and the one shown, the newest KPI
// answer of each subscribed scope, each rep's team, the reporting currency, and the "as of" line
// every card has.
import { asOfMs, fmt, setText } from '../common.js';

export function wallState() {
  return {
    slides: [{ scope: 'company:all', name: 'Company' }],
    slide: 0,
    answers: new Map(), // scope → latest KPI answer, one per subscribed scope
    repTeams: new Map(), // rep scope → team scope, from /api/v1/scopes
    currency: '', // from the first answer that names it
    currentScope() {
      return this.slides[this.slide].scope;
    },
  };
}

export function renderAsOf(card, answer) {
  const time = card.querySelector('.asof time');
  const ms = asOfMs(answer);
  setText(time, ms === null ? 'no events yet' : fmt.time(ms));
  if (ms === null) time.removeAttribute('datetime'); else time.setAttribute('datetime', answer.asOf);
}
