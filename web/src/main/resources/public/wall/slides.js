// The wallboard's slides: the company, then each team (at most 49), in rotation every `rotate`
// seconds; the header names the slide shown and lists them all. The list of teams (and which
// team each rep is in) is reloaded from /api/v1/scopes, and the live subscription follows it.
import { api, params, setText } from '../common.js';

const ROTATE_MS = 1000 * (params.has('rotate') ? Math.max(0, Number(params.get('rotate')) || 0) : 30);

// subscribe(scopes): subscribe the live feed to these scopes; shown(answer): a slide is shown,
// with the newest answer of its scope if there is one.
export function slideShow(wall, state, { subscribe, shown }) {
  const el = {
    scope: document.getElementById('w-scope'),
    slides: document.getElementById('w-slides'),
  };
  let loaded = false;

  function render() {
    el.slides.replaceChildren(...state.slides.map((s, i) => {
      const li = document.createElement('li');
      li.textContent = s.name;
      if (i === state.slide) li.setAttribute('aria-current', 'true');
      return li;
    }));
  }

  function show(index) {
    state.slide = (index + state.slides.length) % state.slides.length;
    const current = state.slides[state.slide];
    setText(el.scope, current.name);
    wall.dataset.scope = current.scope;
    for (const [i, li] of Array.from(el.slides.children).entries()) {
      if (i === state.slide) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
    }
    shown(state.answers.get(current.scope));
  }

  async function load() {
    try {
      const [teams, reps] = await Promise.all([
        api('/api/v1/scopes', { dimension: 'team' }),
        api('/api/v1/scopes', { dimension: 'rep' }),
      ]);
      state.repTeams.clear();
      const subscribed = new Set(['company:all', ...teams.scopes.map((t) => t.scope)]);
      for (const scope of state.answers.keys()) if (!subscribed.has(scope)) state.answers.delete(scope);
      for (const rep of reps.scopes) if (rep.team) state.repTeams.set(rep.scope, rep.team);
      const known = teams.scopes.filter((t) => t.scope !== 'team:unassigned').slice(0, 49);
      const current = state.currentScope();
      state.slides = [{ scope: 'company:all', name: 'Company' }, ...known.map((t) => ({ scope: t.scope, name: t.name }))];
      const wanted = params.get('scope') && !loaded ? params.get('scope') : current;
      loaded = true;
      state.slide = Math.max(0, state.slides.findIndex((s) => s.scope === wanted));
      render();
      subscribe(state.slides.map((s) => s.scope));
      show(state.slide);
    } catch (e) {
      setTimeout(load, 5000);
    }
  }

  function rotate() {
    if (ROTATE_MS > 0) setInterval(() => { if (state.slides.length > 1) show(state.slide + 1); }, ROTATE_MS);
  }

  return { render, load, rotate };
}
