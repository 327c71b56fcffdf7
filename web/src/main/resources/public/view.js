// Picks the view before the page is drawn: ?view=manager is the manager's view; anything else
// (or nothing) is the wallboard.
'use strict';
document.documentElement.dataset.view =
  new URLSearchParams(window.location.search).get('view') === 'manager' ? 'manager' : 'wall';
