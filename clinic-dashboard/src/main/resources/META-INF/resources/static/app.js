// CrampWatch clinic dashboard: the work list refreshes itself by polling its rows (a few lines, no library).
// Polling, not server-sent events: advice-service has no push API, so the dashboard would poll it anyway, and
// a plain GET every few seconds passes every proxy, needs no open connection per clinician and recovers by itself.
(function () {
  'use strict';
  function start() {
    var rows = document.getElementById('rows');
    if (!rows || !rows.dataset.poll) { return; }
    var every = Math.max(1, parseInt(rows.dataset.every || '3', 10)) * 1000;
    var status = document.getElementById('refreshed');
    var last = rows.innerHTML;
    function tick() {
      // Never replace the rows under a clinician typing a note.
      if (rows.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') {
        return setTimeout(tick, every);
      }
      fetch(rows.dataset.poll, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) {
          if (r.status === 401) { window.location.assign('/signin'); throw new Error('signed out'); }
          if (!r.ok) { throw new Error('HTTP ' + r.status); }
          return r.text();
        })
        .then(function (html) {
          if (html !== last) { rows.innerHTML = html; last = html; }
          if (status) { status.textContent = 'updated ' + new Date().toLocaleTimeString(); }
        })
        .catch(function () { if (status) { status.textContent = 'the dashboard is not answering; retrying'; } })
        .finally(function () { setTimeout(tick, every); });
    }
    setTimeout(tick, every);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
