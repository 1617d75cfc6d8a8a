// Starts the app. An external module rather than Trunk's inline script, so the CSP needs no 'unsafe-inline'.
const el = document.querySelector('script[data-wasm]');
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });
document.getElementById('boot')?.remove();
// The printed report shows every collapsed detail (programme details, chart tables).
addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
