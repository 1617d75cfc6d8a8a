// Trust gates in the browser: hostile text never runs (XSS), every page passes axe (no serious or critical
// violation), and the quick check can be completed with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, readJson, screenshot, ARTIFACTS, ROOT, DESKTOP, PHONE } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');
const CLI = path.join(ROOT, 'target/release/dxcheck');
const AXE = path.join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js');
const PAYLOADS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '"><svg onload="window.__xss=\'svg\'">',
  "javascript:alert('x')",
];

let env;
let hostileResult;
let hostileBundle;
before(async () => {
  env = await setup();
  const lines = execFileSync(CLI, ['generate', '40', '--seed', '3'], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  const quickOnes = lines.filter((r) => r.questionnaire.id === 'quick' && r.status === 'completed');
  const r = quickOnes[0];
  r.profile.name = PAYLOADS[0];
  r.profile.main_activity = PAYLOADS[1];
  r.profile.commune = PAYLOADS[2];
  hostileResult = path.join(ARTIFACTS, 'hostile-result.json');
  fs.writeFileSync(hostileResult, JSON.stringify(r));
  const results = quickOnes.slice(0, 12).map((x, i) => ({
    ...x,
    profile: { ...x.profile, name: PAYLOADS[i % PAYLOADS.length] + ` #${i}` },
    workshop: { id: null, name: PAYLOADS[1], advisor: PAYLOADS[0], organisation: PAYLOADS[2], date: '2026-11-20', place: PAYLOADS[3] },
  }));
  hostileBundle = path.join(ARTIFACTS, 'hostile-bundle.json');
  fs.writeFileSync(hostileBundle, JSON.stringify({ schema: 'dxcheck-bundle', schema_version: 1, app_version: 'x', exported_at: '2026-11-20T00:00:00.000Z', workshop: results[0].workshop, results }));
});
after(async () => { await env?.close(); });

async function guarded(viewport = DESKTOP) {
  const p = await openPage(env, { viewport });
  const dialogs = [];
  p.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  p.noScriptRan = async () => {
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.equal(await p.page.evaluate(() => window.__xss), undefined, 'no injected code ran');
  };
  return p;
}

test('hostile names and free text are shown literally and never run, in every view (print included)', async () => {
  const p = await guarded();
  const { page } = p;
  // A single result file: results page and its print view.
  await gotoApp(page, env.url);
  await page.setInputFiles('#load-file-input', hostileResult);
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  await page.locator('.report-meta dd', { hasText: PAYLOADS[0] }).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.report-meta dd', { hasText: PAYLOADS[0] }).isVisible(), 'the print view shows it as text');
  await page.emulateMedia({ media: 'screen' });
  // Its result link, opened: the received page shows the same text literally; pasted, the report names it.
  const hostileLink = await page.locator('#result-link').inputValue();
  await page.goto(hostileLink);
  await page.getByRole('heading', { level: 1, name: 'Kết quả được gửi cho bạn' }).waitFor();
  await page.locator('.report-meta dd', { hasText: PAYLOADS[0] }).waitFor();
  await gotoApp(page, env.url, '#/workshop');
  await page.getByLabel('Dán tin nhắn, đường link hoặc mã kết quả').fill(`${PAYLOADS[0]} ${hostileLink} ${PAYLOADS[1]}`);
  await page.getByRole('button', { name: 'Thêm kết quả đã dán' }).click();
  await page.locator('.paste-box .import-report li', { hasText: PAYLOADS[0] }).waitFor();
  // The profile form shows the free text as values.
  await gotoApp(page, env.url, '#/q/quick/profile');
  assert.equal(await page.getByLabel('Hoạt động kinh doanh chính').inputValue(), PAYLOADS[1]);
  assert.equal(await page.getByLabel('Xã, phường, đặc khu').inputValue(), PAYLOADS[2]);
  // A bundle: the enterprise list, the workshop and its group view.
  await gotoApp(page, env.url, '#/workshop');
  await page.setInputFiles('#bundle-input', hostileBundle);
  await page.locator('ul.import-report li', { hasText: 'khôi phục' }).waitFor();
  await gotoApp(page, env.url, '#/enterprises');
  await page.locator('ol.ent-list h2', { hasText: PAYLOADS[1] }).first().waitFor();
  await gotoApp(page, env.url, '#/workshop');
  assert.equal(await page.getByLabel('Tư vấn viên').inputValue(), PAYLOADS[0]);
  // The province dashboard: names in the enterprise table.
  await gotoApp(page, env.url, '#/province');
  await page.setInputFiles('#prov-files', [hostileResult, hostileBundle]);
  await page.locator('#target-figure').waitFor();
  await page.getByLabel('Tìm theo tên, mã số thuế, xã hoặc mã tỉnh').fill('#3');
  await page.locator('.ent-table tbody tr', { hasText: PAYLOADS[3] }).first().waitFor();
  await page.getByLabel('Tìm theo tên, mã số thuế, xã hoặc mã tỉnh').fill('');
  await page.locator('.ent-table tbody td', { hasText: PAYLOADS[0] }).first().waitFor();
  await p.noScriptRan();
  p.assertClean();
});

async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0]?.target }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  fs.writeFileSync(path.join(ARTIFACTS, `axe-${name}.json`), JSON.stringify(result, null, 2));
  assert.deepEqual(bad, [], `${name}: serious or critical accessibility violations`);
  return result.length;
}

test('axe finds no serious or critical violation on any page', async () => {
  // axe is injected as a script, which the CSP would block: this context alone bypasses it.
  const ctx = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN', bypassCSP: true });
  const { page } = await openPage(env, { context: ctx });
  const pages = [];
  // The office pages' part, when it cannot be loaded (the loading state has the same elements).
  const office = /\/dx_office_bg\.wasm$/;
  await page.route(office, (route) => route.abort('internetdisconnected'));
  await gotoApp(page, env.url, '#/province');
  await page.getByRole('alert').filter({ hasText: 'Không tải được trang này' }).waitFor();
  pages.push(['office-failed', await axe(page, 'office-failed')]);
  await page.unroute(office);
  await gotoApp(page, env.url);
  pages.push(['welcome', await axe(page, 'welcome')]);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  pages.push(['profile', await axe(page, 'profile')]);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp theo' }).click(); // flag the unanswered questions
  pages.push(['quick-step-flagged', await axe(page, 'quick-step')]);
  await gotoApp(page, env.url, '#/');
  await page.setInputFiles('#load-file-input', hostileResult);
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  pages.push(['results', await axe(page, 'results')]);
  await page.getByRole('button', { name: 'Hiện mã QR' }).click();
  await page.locator('svg.qr').waitFor();
  pages.push(['results-qr', await axe(page, 'results-qr')]);
  const link = await page.locator('#result-link').inputValue();
  await page.emulateMedia({ media: 'print' });
  pages.push(['report', await axe(page, 'report')]);
  await page.emulateMedia({ media: 'screen' });
  await gotoApp(page, env.url, '#/');
  await page.locator('article', { hasText: 'DBI' }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Trải nghiệm số cho khách hàng' }).waitFor();
  pages.push(['dbi-step', await axe(page, 'dbi-step')]);
  await gotoApp(page, env.url, '#/workshop');
  await page.setInputFiles('#bundle-input', hostileBundle);
  await page.locator('ul.import-report li', { hasText: 'khôi phục' }).waitFor();
  pages.push(['workshop', await axe(page, 'workshop')]);
  await page.getByLabel('Chế độ trình chiếu (chữ lớn, tương phản cao)').check();
  pages.push(['workshop-projector', await axe(page, 'workshop-projector')]);
  await page.getByLabel('Dán tin nhắn, đường link hoặc mã kết quả').fill(`Chào anh ${link} và dx1.AAAAAAAAAAAA`);
  await page.getByRole('button', { name: 'Thêm kết quả đã dán' }).click();
  await page.locator('.paste-summary').waitFor();
  pages.push(['workshop-paste', await axe(page, 'workshop-paste')]);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Kết quả được gửi cho bạn' }).waitFor();
  pages.push(['received', await axe(page, 'received')]);
  await page.goto(link.slice(0, -10));
  await page.getByRole('heading', { level: 1, name: 'Không đọc được đường link' }).waitFor();
  pages.push(['received-broken', await axe(page, 'received-broken')]);
  await gotoApp(page, env.url, '#/enterprises');
  pages.push(['enterprises', await axe(page, 'enterprises')]);
  await gotoApp(page, env.url, '#/province');
  await page.setInputFiles('#prov-files', [hostileBundle]);
  await page.locator('#target-figure').waitFor();
  pages.push(['dashboard', await axe(page, 'dashboard')]);
  await gotoApp(page, env.url, '#/method');
  pages.push(['method', await axe(page, 'method')]);
  fs.writeFileSync(path.join(ARTIFACTS, 'axe-summary.json'), JSON.stringify(pages));
  await ctx.close();
});

async function tabTo(page, test, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error('focus never reached the target');
}

test('the quick check can be completed with the keyboard alone', async () => {
  const { page, assertClean } = await openPage(env, { viewport: PHONE });
  await gotoApp(page, env.url);
  await tabTo(page, () => document.activeElement?.textContent === 'Bắt đầu' && document.activeElement.closest('article')?.textContent.includes('Kiểm tra nhanh'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  // Type the name, then Tab on to "Next".
  await tabTo(page, () => document.activeElement?.id === 'pf-name');
  await page.keyboard.type('Hộ kinh doanh Bánh tráng Trảng Bàng');
  await tabTo(page, () => document.activeElement?.textContent === 'Tiếp theo');
  await page.keyboard.press('Enter');
  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of quick.questions.filter((x) => x.dimension === dim.id && !x.optional)) {
      if (!(await page.locator(`fieldset#q-${q.id}`).count())) continue;
      // Tab into the radio group (focus lands on its first radio); the arrow key moves on and selects.
      await tabTo(page, new Function(`return document.activeElement?.name === '${q.id}'`));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space'); // no-op on the radio the arrow already selected
      assert.equal(await page.locator(`fieldset#q-${q.id} input:checked`).count(), 1, `${q.id} answered by keyboard`);
    }
    const label = i === quick.dimensions.length - 1 ? 'Xem kết quả' : 'Tiếp theo';
    await tabTo(page, new Function(`return document.activeElement?.textContent === '${label}'`));
    await page.keyboard.press('Enter');
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  assert.equal(await page.locator('.alert').count(), 0, 'complete');
  assert.match(await page.locator('section.overall .level-badge').innerText(), /^Mức \d$/);
  assertClean();
});

test('the welcome page is in the HTML before the app runs (pre-rendered, inert), and says when JavaScript is off', async () => {
  const ctx = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${env.url}/`);
  const boot = page.locator('#boot');
  assert.equal(await boot.getAttribute('inert'), '', 'inert until the app replaces it');
  assert.equal(await boot.locator('h1').innerText(), 'Doanh nghiệp của bạn đang ở mức chuyển đổi số nào?');
  assert.equal(await boot.locator('article h3').count(), 2, 'both questionnaires');
  assert.match(await page.locator('body').innerText(), /DX Check cần JavaScript và WebAssembly/);
  await ctx.close();
});

const OWNER_WASM = /\/dx_check-[0-9a-f]+_bg\.wasm$/;

/**
 * Opens the app with its wasm held back (it cannot start until `release()`), and taps the pre-rendered start
 * button of the quick check as soon as boot.js takes taps.
 */
async function tapStartBeforeTheApp(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(OWNER_WASM, async (route) => { await held; await route.continue(); });
  await page.goto(`${env.url}/`);
  await page.waitForFunction(() => document.getElementById('boot')?.hasAttribute('inert') === false);
  const start = page.locator('#boot article[aria-labelledby="card-quick"] .btn-primary');
  await start.click();
  return { release, start };
}

test('a tap on the pre-rendered start button before the app has started is kept, and the wasm is fetched once', async () => {
  const { ctx, page, assertClean } = await openPage(env);
  // Not a first visit (something is stored), so the tap is held rather than the profile shown at once.
  await ctx.addInitScript(() => localStorage.setItem('dxcheck.lang', 'vi'));
  const fetched = [];
  page.on('request', (r) => { if (OWNER_WASM.test(new URL(r.url()).pathname)) fetched.push(r.url()); });
  const { release, start } = await tapStartBeforeTheApp(page);
  assert.equal(await start.getAttribute('aria-busy'), 'true', 'the held tap shows that it is on its way');
  assert.ok(await page.locator('#boot').count(), 'the app has not started yet');
  release();
  await page.locator('#pf-name').waitFor();
  assert.match(page.url(), /#\/q\/quick\/profile$/, 'the tap opened the quick check');
  assert.equal(fetched.length, 1, `the preloaded wasm is used, not fetched again: ${fetched.join(', ')}`);
  assertClean();
  await ctx.close();
});

test('on a first visit, the start button opens the profile at once; what is typed before the app runs is kept', async () => {
  const { ctx, page, assertClean } = await openPage(env);
  const { release } = await tapStartBeforeTheApp(page);
  // The pre-rendered profile, while the app has not started.
  await page.locator('#boot h1', { hasText: 'Hồ sơ doanh nghiệp' }).waitFor();
  assert.ok(await page.locator('#boot').count(), 'the app has not started yet');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-title', 'focus on the heading, as the app does');
  await page.getByLabel('Tên doanh nghiệp').fill('Công ty TNHH Gốm Bát Tràng');
  await page.getByRole('radio', { name: 'Hộ kinh doanh' }).check();
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Hà Nội' });
  await page.getByLabel('Tên doanh nghiệp').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' 2');
  await screenshot(page, 'early-profile-390');
  release();
  await page.waitForFunction(() => !document.getElementById('boot'));
  assert.equal(await page.evaluate(() => location.hash), '#/q/quick/profile');
  assert.equal(await page.locator('#pf-name').inputValue(), 'Công ty TNHH Gốm Bát Tràng 2');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'pf-name', 'the focus stays in the field');
  assert.equal(await page.evaluate(() => document.activeElement.selectionStart), 'Công ty TNHH Gốm Bát Tràng 2'.length);
  assert.ok(await page.getByRole('radio', { name: 'Hộ kinh doanh' }).isChecked());
  assert.equal(await page.locator('#pf-province option:checked').innerText(), 'Hà Nội');
  // Saved by the app as if typed there.
  await page.locator('#pf-tax').click();
  const profile = await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('dxcheck.v1.e.'));
    const p = key && JSON.parse(localStorage.getItem(key)).profile;
    return p?.name === 'Công ty TNHH Gốm Bát Tràng 2' && p;
  });
  const stored = await profile.jsonValue();
  assert.equal(stored.entity_type, 'household');
  assert.ok(stored.province, 'the province is stored');
  assertClean();
  await ctx.close();
});

test('on a first visit, Next tapped in the profile before the app runs is pressed once it has started', async () => {
  const { ctx, page, assertClean } = await openPage(env);
  const { release } = await tapStartBeforeTheApp(page);
  await page.getByLabel('Tên doanh nghiệp').fill('Cơ sở May Mặc Hòa Bình');
  const next = page.locator('#boot').getByRole('button', { name: 'Tiếp theo' });
  await next.click();
  assert.equal(await next.getAttribute('aria-busy'), 'true');
  release();
  await page.waitForFunction(() => /#\/q\/quick\/0$/.test(location.hash));
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('dxcheck.v1.e.')
    && JSON.parse(localStorage.getItem(k)).profile?.name === 'Cơ sở May Mặc Hòa Bình'));
  assertClean();
  await ctx.close();
});
