// The example host page's own script (kept out of the HTML for a strict CSP).
document.addEventListener('DOMContentLoaded', function () {
  var frame = document.getElementById('convene');
  var shown = document.getElementById('current-view');
  document.querySelectorAll('button[data-query]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.Convene.setView(frame, button.getAttribute('data-query'));
    });
  });
  frame.addEventListener('convene:view', function (event) {
    shown.textContent = event.detail.query || '(all events)';
  });
});
