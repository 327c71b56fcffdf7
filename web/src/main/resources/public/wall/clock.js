// The wallboard's clock, in the business time zone once an answer has named it.
import { fmt, setText } from '../common.js';

export function clock() {
  const node = document.getElementById('w-clock');
  function tick() {
    setText(node, fmt.shortTime(Date.now()));
  }
  tick();
  setInterval(tick, 1000);
  document.addEventListener('sp:zone', tick);
}
