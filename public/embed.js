/*
 * FQL Playground embeds for docs pages.
 *
 *   <pre data-fql>Customer.byId("111")</pre>
 *   <pre data-fql data-lang="fql4" data-setup="CreateCollection({ name: 'books' })">Exists(Collection("books"))</pre>
 *   <script src="https://…/fql-playground/embed.js" defer></script>
 *
 * Every <pre data-fql> becomes an iframe running the playground in embed mode: editor, Run, result
 * and metrics, on a throw-away database. Attributes (all optional):
 *   data-lang    "fql10" (default) or "fql4"
 *   data-setup   set-up queries run before the first Run; separate steps with a line holding only ---
 *   data-title   a title shown in the embed
 *   data-height  iframe height in pixels (default: fitted to the query, 260 to 640)
 *   data-theme   "light" or "dark" (default: the reader's OS setting)
 * On the script tag, data-playground="https://…/" points at another playground copy (default: the
 * folder embed.js is served from).
 *
 * The block's text is read with textContent and sent to the frame with postMessage as plain data:
 * nothing here builds HTML from it.
 */
(function () {
  'use strict';

  var READY = 'fql-playground:ready';
  var SNIPPET = 'fql-playground:snippet';
  var script = document.currentScript;
  var base = new URL((script && script.getAttribute('data-playground')) || './', (script && script.src) || location.href);

  function steps(text) {
    if (!text) return [];
    return text
      .split(/^[ \t]*---[ \t]*$/m)
      .map(function (s) {
        return s.replace(/^\n+|\s+$/g, '');
      })
      .filter(function (s) {
        return s.length > 0;
      });
  }

  function embed(pre) {
    if (pre.getAttribute('data-fql-embedded') === 'true') return;
    var query = (pre.textContent || '').replace(/^\n/, '');
    var lang = pre.getAttribute('data-lang') === 'fql4' ? 'fql4' : 'fql10';
    var setup = steps(pre.getAttribute('data-setup'));
    var title = pre.getAttribute('data-title') || '';
    var lines = query.split('\n').length;
    var height = Number(pre.getAttribute('data-height')) || Math.max(260, Math.min(640, 150 + lines * 21));
    var theme = pre.getAttribute('data-theme');

    var src = new URL(base.href);
    src.search = '?embed=parent' + (theme === 'dark' || theme === 'light' ? '&theme=' + theme : '');
    src.hash = '';

    var frame = document.createElement('iframe');
    frame.src = src.href;
    frame.title = 'FQL Playground' + (title ? ': ' + title : '');
    frame.loading = 'lazy';
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('data-fql-frame', '');
    frame.style.width = '100%';
    frame.style.height = height + 'px';
    frame.style.border = '1px solid rgba(127, 127, 127, 0.35)';
    frame.style.borderRadius = '8px';
    frame.style.display = 'block';

    var message = { type: SNIPPET, snippet: { lang: lang, query: query, setup: setup, title: title || undefined } };
    window.addEventListener('message', function (event) {
      if (event.source !== frame.contentWindow || !event.data || event.data.type !== READY) return;
      frame.contentWindow.postMessage(message, src.origin);
    });

    pre.setAttribute('data-fql-embedded', 'true');
    pre.replaceWith(frame);
  }

  function run() {
    var blocks = document.querySelectorAll('pre[data-fql]');
    for (var i = 0; i < blocks.length; i++) embed(blocks[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
