// Convene embed helper for host pages: sizes Convene iframes to their content and
// lets the page change what they show. No dependencies, no inline script needed:
//
//   <iframe src="https://example.org/convene/?embed=1" title="…" width="100%"
//           height="600" loading="lazy" data-convene></iframe>
//   <script src="https://example.org/convene/embed.js" defer></script>
//
// Protocol (see the README, "Embedding"): the frame posts
//   {type: "convene:resize", height}   when its content height changes,
//   {type: "convene:view", query}      when its view changes;
// the host may post {type: "convene:set-view", query} to it.
// Each frame's last view is in its `data-convene-query` attribute, and a
// "convene:view" DOM event (detail: {iframe, query}) fires on the iframe.
(function () {
  'use strict';
  if (window.Convene && window.Convene.version) return; // loaded twice
  var MAX_HEIGHT = 100000;

  /** The Convene iframes on the page: marked data-convene, or embed=1 in the URL. */
  function frames() {
    return Array.prototype.filter.call(document.querySelectorAll('iframe'), function (f) {
      return f.hasAttribute('data-convene') || /[?&]embed=1(&|#|$)/.test(f.getAttribute('src') || '');
    });
  }

  /** The Convene iframe whose window sent `event`, if any. */
  function frameOf(event) {
    var all = frames();
    for (var i = 0; i < all.length; i++) {
      if (all[i].contentWindow && all[i].contentWindow === event.source) return all[i];
    }
    return null;
  }

  /** The origin of a frame's src, to address messages to it and no one else. */
  function originOf(iframe) {
    try {
      return new URL(iframe.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    var iframe = frameOf(event);
    if (!iframe) return;
    if (event.origin !== originOf(iframe)) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type === 'convene:resize') {
      var height = Number(data.height);
      if (!isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
      iframe.style.height = Math.ceil(height) + 'px';
      iframe.setAttribute('data-convene-height', String(Math.ceil(height)));
    } else if (data.type === 'convene:view') {
      if (typeof data.query !== 'string') return;
      iframe.setAttribute('data-convene-query', data.query);
      iframe.dispatchEvent(new CustomEvent('convene:view', { detail: { iframe: iframe, query: data.query } }));
    }
  });

  window.Convene = {
    version: 1,
    frames: frames,
    /** Shows the view of `query` (a query string such as "country=EGY&view=matrix"). */
    setView: function (iframe, query) {
      if (!iframe || !iframe.contentWindow) throw new Error('Convene.setView: not an iframe');
      var target = originOf(iframe);
      if (!target) throw new Error('Convene.setView: the iframe has no valid src');
      iframe.contentWindow.postMessage({ type: 'convene:set-view', query: String(query) }, target);
    },
  };
})();
