// The advisor's and office's pages: the whole app (see below). Route::is_office lists the same.
const OFFICE_ROUTES = ['enterprises', 'workshop', 'province'];
// The whole app's wasm in bytes, for the progress bar: written by tools/post-build.sh.
const OFFICE_BYTES = 0;
// Starts the app. An external module rather than Trunk's inline script, so the CSP needs no 'unsafe-inline'.
// The glue is preloaded from index.html (Trunk.toml, pattern_preload), so it downloads while this script and the
// pre-rendered welcome page load; the glue then fetches the wasm.
//
// The first wasm is the business owner's app (welcome, profile, questions, results, sending and receiving a result).
// The advisor's and office's pages (OFFICE_ROUTES) come with the whole app, `dx_office`, a second wasm: when one of
// them is opened, the owner's app shows the download's progress and asks for it (`dxcheck-load-office`); once it
// has been fetched and compiled, the owner's app removes itself (`dxcheck-handover`) and the whole app starts in
// its place, from the same storage. For an office page opened directly, the download starts at once.
const el = document.querySelector('script[data-wasm]');
const boot = document.getElementById('boot');
const early = holdEarlyTaps(boot);
const office = officeLoader(el.dataset.wasm.replace(/[^/]*$/, ''));
if (isOffice(location.hash)) office.fetch();
addEventListener('dxcheck-load-office', () => office.start());
// Let the pre-rendered welcome page paint first (one frame), even when the wasm is already cached.
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });
await early.replay();

/** The hashes of the advisor's and office's pages (Route::is_office in src/ui/route.rs; a test keeps them equal). */
function isOffice(hash) {
  const m = /^#?\/*([a-z]+)\/*$/.exec(hash);
  return Boolean(m) && OFFICE_ROUTES.includes(m[1]);
}

/**
 * Fetches the whole app once (glue and wasm, compiled), reporting progress, and starts it when an office page is
 * still what the person is looking at. A failed download can be tried again.
 */
function officeLoader(base) {
  let ready = null;
  let glue = null;
  let last = { loaded: 0, total: OFFICE_BYTES };
  let started = false;
  const report = (detail) => { last = detail; dispatchEvent(new CustomEvent('dxcheck-office-progress', { detail })); };
  const script = (src) => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(s);
  });
  async function wasm() {
    const res = await fetch(`${base}dx_office_bg.wasm`);
    if (!res.ok || !res.body) throw new Error(`dx_office_bg.wasm: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const chunks = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      report({ loaded, total: Math.max(OFFICE_BYTES, loaded) });
    }
    return WebAssembly.compile(await new Blob(chunks).arrayBuffer());
  }
  return {
    fetch() {
      // The glue declares a global: it is loaded once, whatever happens to the wasm.
      glue ??= script(`${base}dx_office.js`);
      glue.catch(() => { glue = null; });
      ready ??= Promise.all([wasm(), glue]).then(([module]) => module);
      ready.catch(() => { ready = null; });
      return ready;
    },
    async start() {
      report(last);
      let module;
      try {
        module = await this.fetch();
      } catch {
        dispatchEvent(new Event('dxcheck-office-failed'));
        return;
      }
      if (started || !isOffice(location.hash)) return;
      started = true;
      dispatchEvent(new Event('dxcheck-handover'));
      // The owner's app takes its page down in a task of its own.
      await new Promise((resolve) => setTimeout(resolve));
      // The glue is a classic script (Trunk's worker build, wasm-bindgen's no-modules target): a global.
      // eslint-disable-next-line no-undef
      await wasm_bindgen({ module_or_path: module });
    },
  };
}

/**
 * The pre-rendered welcome page (in #boot, inert in the HTML, so it does nothing without JavaScript) takes taps
 * before the app has started.
 *
 * On a first visit (nothing stored), a start button (`data-starts`) opens that questionnaire's profile page at once,
 * pre-rendered in a template (src/bin/prerender.rs): its fields are native inputs and take answers while the app
 * is still loading. When the app has started, the same start button of the app is pressed, and what was typed,
 * chosen and focused is carried into the app's own profile fields (same ids; radios by name and value), as if
 * typed there, so the app checks and saves it. Until then the app's page stays hidden behind #boot.
 *
 * Otherwise the last button tapped is marked busy, and once the app has rendered, the same button of the app (same
 * text in the same card) is pressed, so a tap is never lost. Nothing is pressed when the app shows something else
 * there (another language, an assessment under way).
 */
function holdEarlyTaps(root) {
  let held = null;
  let early = null;
  if (root) {
    root.removeAttribute('inert');
    root.addEventListener('click', (e) => {
      const control = e.target instanceof Element && e.target.closest('button, a, label, input, select, textarea');
      if (!control) return;
      // In the pre-rendered profile, the fields work as they are.
      if (early && control.matches('label, input, select, textarea')) return;
      e.preventDefault();
      held?.control.removeAttribute('aria-busy');
      held = control.matches('button') ? { control, key: keyOf(control) } : null;
      if (held && !early && showProfile(held)) {
        held = null;
        return;
      }
      held?.control.setAttribute('aria-busy', 'true');
    });
  }

  /** Shows the pre-rendered profile page of the start button tapped, on a first visit only. */
  function showProfile(start) {
    const q = start.control.dataset.starts;
    const template = q && document.getElementById(`boot-profile-${q}`);
    const main = root.querySelector('main');
    if (!template || !main || !firstVisit()) return false;
    early = { start: start.key };
    main.replaceChildren(template.content.cloneNode(true));
    root.dataset.early = q;
    scrollTo(0, 0);
    root.querySelector('#page-title')?.focus();
    return true;
  }

  /** The app's elements matching `selector`: not the pre-rendered ones in #boot. */
  function inApp(selector) {
    return [...document.querySelectorAll(selector)].filter((el) => !root?.contains(el));
  }

  /** Presses the app's button with this key, if there is exactly one. */
  function press(key) {
    const same = inApp('button').filter((b) => keyOf(b) === key);
    if (same.length === 1) same[0].click();
  }

  /**
   * The app's element matching `selector`, as soon as the app renders it (a mutation observer: before any further
   * input event is handled), or null after two seconds.
   */
  function appElement(selector) {
    const find = () => inApp(selector)[0] ?? null;
    return find() ?? new Promise((resolve) => {
      const done = (el) => { watch.disconnect(); clearTimeout(timer); resolve(el); };
      const watch = new MutationObserver(() => { const el = find(); if (el) done(el); });
      watch.observe(document.body, { childList: true, subtree: true });
      const timer = setTimeout(() => done(null), 2000);
    });
  }

  /** Copies what was entered in the pre-rendered profile into the app's fields, and the focus with it. */
  function carryOver(focused) {
    const caret = focused && typeof focused.selectionStart === 'number' ? [focused.selectionStart, focused.selectionEnd] : null;
    // Out of the page first, so each id is the app's alone.
    root.remove();
    const twinOf = (field) => (field.type === 'radio' || field.type === 'checkbox'
      ? document.querySelector(`input[name="${CSS.escape(field.name)}"][value="${CSS.escape(field.value)}"]`)
      : field.id && document.getElementById(field.id));
    for (const field of root.querySelectorAll('input, select, textarea')) {
      const twin = twinOf(field);
      if (!twin) continue;
      if (field.type === 'radio' || field.type === 'checkbox') {
        if (field.checked && !twin.checked) twin.click();
      } else if (twin.value !== field.value) {
        twin.value = field.value;
        twin.dispatchEvent(new Event('input', { bubbles: true }));
        twin.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    const twin = focused && (twinOf(focused) || (focused.id && document.getElementById(focused.id)));
    if (!twin) return;
    const refocus = () => {
      twin.focus();
      if (caret) twin.setSelectionRange?.(...caret);
    };
    refocus();
    // The app moves the focus to the heading of a page it has just opened, once its first render's effects have
    // run: a frame later, or several on a busy phone. For the next two seconds such a move is undone, back into
    // the field, or to wherever the person has moved on to since (the heading is not tabbable: a person's own
    // moves go elsewhere, and are left alone).
    const guard = (e) => {
      if (!(e.target instanceof Element) || e.target.id !== 'page-title') return;
      const from = e.relatedTarget;
      if (from instanceof HTMLElement && from !== twin && document.contains(from)) from.focus();
      else refocus();
    };
    document.addEventListener('focusin', guard);
    setTimeout(() => document.removeEventListener('focusin', guard), 2000);
    if (document.activeElement?.id === 'page-title') refocus();
  }

  return {
    /** Once the app has started: carries the early profile over, or presses the held button. */
    async replay() {
      if (!root) return;
      if (!early) root.remove();
      // Yew renders the first page in a task of its own: wait for the next frame.
      await frame();
      if (early) {
        // The field being typed in: the app moves the focus to its heading when it opens the profile page.
        const focused = root.contains(document.activeElement) ? document.activeElement : null;
        press(early.start);
        // The app opens the profile page (a route change, a task later).
        await appElement('#pf-name');
        carryOver(focused);
        if (held) {
          const key = held.key;
          requestAnimationFrame(() => press(key));
        }
        return;
      }
      if (held) press(held.key);
    },
  };
}

/** The next animation frame. */
function frame() {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Nothing of DX Check is stored on this device yet (its keys begin with `dxcheck.`; src/ui/services/storage.rs). */
function firstVisit() {
  try {
    return !Object.keys(localStorage).some((k) => k.startsWith('dxcheck.'));
  } catch {
    return false;
  }
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
