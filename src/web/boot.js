// Starts the app. An external module rather than Trunk's inline script, so the CSP needs no 'unsafe-inline'.
// The wasm and its glue are preloaded from index.html (Trunk.toml, pattern_preload), so they download while this
// script and the pre-rendered welcome page load.
const el = document.querySelector('script[data-wasm]');
const boot = document.getElementById('boot');
const early = holdEarlyTaps(boot);
// Let the pre-rendered welcome page paint first (one frame), even when the wasm is already cached.
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });
boot?.remove();
early.replay();

/**
 * The pre-rendered welcome page (in #boot, inert in the HTML, so it does nothing without JavaScript) takes taps
 * before the app has started: the last button tapped is marked busy, and once the app has rendered, the same button
 * of the app (same text in the same card) is pressed, so a tap is never lost. Nothing is pressed when the app shows
 * something else there (another language, an assessment under way).
 */
function holdEarlyTaps(root) {
  let held = null;
  if (root) {
    root.removeAttribute('inert');
    root.addEventListener('click', (e) => {
      const control = e.target instanceof Element && e.target.closest('button, a, label, input, select');
      if (!control) return;
      e.preventDefault();
      held?.control.removeAttribute('aria-busy');
      held = control.matches('button') ? { control, key: keyOf(control) } : null;
      held?.control.setAttribute('aria-busy', 'true');
    });
  }
  return {
    replay() {
      if (!held) return;
      const key = held.key;
      // Yew renders the first page in a task of its own: wait for the next frame.
      requestAnimationFrame(() => {
        const same = [...document.querySelectorAll('button')].filter((b) => keyOf(b) === key);
        if (same.length === 1) same[0].click();
      });
    },
  };
}

/** A button's text and the labelled region (a questionnaire's card) it belongs to. */
function keyOf(button) {
  const region = button.closest('[aria-labelledby]')?.getAttribute('aria-labelledby') ?? '';
  return `${region}|${button.textContent.trim()}`;
}

// The printed report shows every collapsed detail (programme details, chart tables).
addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

// Offline: the service worker (sw.js, written at build time with every asset of this version) precaches the app.
// A new version waits until the person chooses to reload, so a page never mixes old and new assets.
if ('serviceWorker' in navigator) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  const ready = () => { window.__dxUpdateReady = true; dispatchEvent(new Event('dxcheck-update-ready')); };
  navigator.serviceWorker.register('/sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) ready();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => { if (w.state === 'installed' && navigator.serviceWorker.controller) ready(); });
    });
    addEventListener('dxcheck-apply-update', () => reg.waiting?.postMessage({ type: 'SKIP_WAITING' }));
  }).catch(() => { /* no service worker (private mode, dev server): the app still works online */ });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController && !reloading) { reloading = true; location.reload(); }
  });
}
