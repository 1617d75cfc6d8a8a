// Starts the app. An external module rather than Trunk's inline script, so the CSP needs no 'unsafe-inline'.
const el = document.querySelector('script[data-wasm]');
// Let the pre-rendered welcome page paint first (one frame), even when the wasm is already cached.
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });
document.getElementById('boot')?.remove();

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
