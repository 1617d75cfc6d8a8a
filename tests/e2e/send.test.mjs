// A result that leaves a phone without a file: the owner in Zalo's in-app browser copies the result link (and shows
// its QR code); the advisor opens it in a fresh browser and adds it; a changed link is refused; the province pastes
// a chat full of codes; and the app says whether the browser keeps the answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { setup, openPage, gotoApp, screenshot, readJson, PHONE, DESKTOP, ARTIFACTS, ROOT, appReady } from './helpers.mjs';
import { expected } from './count.mjs';

const quick = readJson('questionnaires/quick.json');
const CLI = path.join(ROOT, 'target/release/dxcheck');
const ZALO_UA = 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) '
  + 'Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100638 ZaloTheme/light ZaloLanguage/vn';
const NAME = 'Công ty TNHH Bánh Pía Sóc Trăng';
const ANSWERS = {
  QT1: 'excel', QT2: 'hr_software', QT3: 'some_shared', QT4: 'shared_drive', QT5: 'tax', QT6: 'monthly', QT7: 'drafting', QT8: 'none',
  BH1: 'all', BH2: 'no_retail', BH3: 'none', BH4: 'p50_70', BH5: 'lt20', BH6: 'weekly', BH7: 'none',
  TM1: 'none', TM3: 'within_week', TM4: 'none', TM5: 'none', TM6: 'none', TM7: 'phone', TM8: 'services',
};

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The enterprises stored in a page's localStorage. */
const stored = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dxcheck.v1.e.')).length);

/** The levels the results page shows: overall, then each dimension. */
async function levels(page) {
  const overall = await page.locator('section.overall .level-badge').innerText();
  const dims = await page.locator('li.bar-row .bar-level').allInnerTexts();
  const score = await page.locator('section.overall .overall-score').innerText();
  return { overall, dims, score };
}

async function completeQuick(page) {
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  await page.getByLabel('Tên doanh nghiệp').fill(NAME);
  await page.getByLabel('Mã số doanh nghiệp (mã số thuế)').fill('0100109106');
  await page.getByLabel('Mã số doanh nghiệp (mã số thuế)').press('Tab');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of quick.questions.filter((x) => x.dimension === dim.id && ANSWERS[x.id])) {
      const option = q.options.find((o) => o.id === ANSWERS[q.id]);
      await page.locator(`fieldset#q-${q.id}`).getByText(option.label.vi, { exact: true }).click();
    }
    await page.getByRole('button', { name: i === quick.dimensions.length - 1 ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
}

let link = '';
let ownerLevels = null;

test('Zalo: the banner shows, the download says it may fail there, Copy link puts the link on the clipboard, the QR code reads back', async () => {
  const context = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN', userAgent: ZALO_UA });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  const { page, assertClean } = await openPage(env, { context });
  await gotoApp(page, env.url);
  await page.locator('.in-app-banner', { hasText: 'Zalo' }).waitFor();
  await completeQuick(page);
  ownerLevels = await levels(page);

  // The download says it may not work here, and Copy link and Share are offered beside it.
  await page.getByRole('button', { name: 'Tải tệp kết quả (.json), có thể không chạy trong Zalo' }).waitFor();
  await page.locator('.send .in-app-download', { hasText: 'Chép link' }).waitFor();
  const section = page.locator('section.send');
  await section.getByText('Phần sau dấu # không bao giờ được gửi tới máy chủ nào', { exact: false }).waitFor();
  await section.getByText('chứa tên doanh nghiệp', { exact: false }).waitFor();
  assert.equal(await section.locator('.backup-reminder').count(), 1, 'not yet sent: a reminder');
  const shown = await page.locator('#result-link').inputValue();
  assert.match(shown, new RegExp(`^${env.url.replace(/[./]/g, '\\$&')}/#/r/dx1\\.[A-Za-z0-9_-]+$`));

  await section.getByRole('button', { name: 'Chép link' }).click();
  await section.locator('.send-status', { hasText: 'Đã chép link' }).waitFor();
  link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, shown, 'the clipboard holds the link on screen');
  assert.ok(link.length - env.url.length - '/#/r/'.length <= 300, `a quick check's code is at most 300 characters: ${link.length}`);
  await section.locator('.backup-reminder').waitFor({ state: 'detached' });
  await screenshot(page, 'send-zalo-390');

  // The QR code, as a camera would see it on screen.
  await section.getByRole('button', { name: 'Hiện mã QR' }).click();
  const qr = section.locator('svg.qr');
  await qr.waitFor();
  const box = await qr.boundingBox();
  assert.ok(box.width >= 300, `the QR code fills the phone's width: ${box.width}px`);
  const png = PNG.sync.read(await qr.screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(read, 'jsQR finds a QR code in the screenshot');
  assert.equal(read.data, link);
  await screenshot(page, 'send-qr-390');
  await context.close();
  assertClean();
});

test('the advisor opens the link in a fresh browser, sees the same result, and adds it once', async () => {
  assert.ok(link, 'the previous test copied a link');
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await page.goto(link);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Kết quả được gửi cho bạn' }).waitFor();
  await page.getByText(NAME).first().waitFor();
  assert.deepEqual(await levels(page), ownerLevels, 'the same levels and scores as on the phone');
  assert.equal(await stored(page), 0, 'nothing is stored before it is added');
  await screenshot(page, 'received-1280');
  await page.getByRole('button', { name: 'Thêm vào doanh nghiệp của tôi' }).click();
  await page.getByText(`Đã thêm ${NAME} vào danh sách doanh nghiệp`).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('dxcheck.v1.e.')).length === 1);

  // Opened a second time: already there, still one enterprise.
  await page.goto(`${env.url}/#/`);
  await appReady(page);
  await page.goto(link);
  await appReady(page);
  await page.getByText(`${NAME} đã có trên thiết bị này`).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Thêm vào doanh nghiệp của tôi' }).count(), 0);
  assert.equal(await stored(page), 1);

  // In the advisor's list, with the same level; opened, the same results.
  await page.getByRole('link', { name: 'Xem danh sách doanh nghiệp' }).click();
  const row = page.locator('li.ent', { hasText: NAME });
  await row.waitFor();
  assert.equal(await page.locator('li.ent', { hasText: NAME }).count(), 1);
  await row.getByText(`Kiểm tra nhanh chuyển đổi số: xong, ${ownerLevels.overall.replace('Mức', 'mức')}`, { exact: false }).waitFor();
  await row.getByRole('button', { name: 'Đánh giá doanh nghiệp này' }).click();
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Xem kết quả' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  assert.deepEqual(await levels(page), ownerLevels);
  assertClean();
});

test('a link with one character changed is refused with a message, and nothing is stored', async () => {
  assert.ok(link, 'the first test copied a link');
  const at = link.indexOf('dx1.') + 20;
  const changed = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  const { page, assertClean } = await openPage(env);
  await page.goto(changed);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Không đọc được đường link' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Mã bị hỏng' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Thêm vào doanh nghiệp của tôi' }).count(), 0);
  assert.equal(await stored(page), 0);
  // A cut-off link says so.
  await page.goto(link.slice(0, link.length - 12));
  await appReady(page);
  await page.getByRole('alert').filter({ hasText: 'Mã bị cắt mất một phần' }).waitFor();
  await screenshot(page, 'received-broken-390');
  await page.reload();
  await appReady(page);
  assert.equal(await stored(page), 0, 'still nothing after a reload');
  assertClean();
});

test('the province pastes a chat with 50 codes and 2 broken ones: the figures match an independent count', async () => {
  const dir = path.join(ARTIFACTS, 'paste');
  fs.mkdirSync(dir, { recursive: true });
  const jsonl = path.join(dir, 'fifty.jsonl');
  const lines = execFileSync(CLI, ['generate', '50', '--seed', '23'], { encoding: 'utf8' }).trim().split('\n');
  fs.writeFileSync(jsonl, lines.join('\n') + '\n');
  const records = lines.map((l) => JSON.parse(l));
  const links = execFileSync(CLI, ['code', jsonl, '--base', 'https://dxcheck.example/'], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(links.length, 50);
  const damaged = links[7].slice(0, 60) + (links[7][60] === 'x' ? 'y' : 'x') + links[7].slice(61);
  const cut = links[30].slice(0, links[30].length - 25);
  // A copied chat: names, times, greetings, links and bare codes, the two broken ones among them.
  const chat = [];
  links.forEach((l, i) => {
    chat.push(`[${8 + (i % 9)}:${String(i).padStart(2, '0')}] Chị ${i}: ${i % 3 ? 'Em gửi kết quả ạ' : 'mã đây'} ${i % 2 ? l : l.split('#/r/')[1]}`);
    if (i === 10) chat.push(`[09:10] Anh Tâm: ${damaged} (link này em gõ lại)`);
    if (i === 40) chat.push(`[09:40] Anh Tâm: ${cut}`);
    if (i % 11 === 0) chat.push('Cảm ơn cả nhà, chúc một ngày tốt lành!');
  });
  const text = chat.join('\n');
  const brokenLines = [chat.findIndex((l) => l.includes(damaged)) + 1, chat.findIndex((l) => l.includes(cut)) + 1];

  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/province');
  await page.locator('details.paste-section > summary').click();
  await page.getByLabel('Dán tin nhắn, đường link hoặc mã kết quả').fill(text);
  await page.getByRole('button', { name: 'Tính các kết quả đã dán' }).click();
  const want = expected(records);
  await page.waitForFunction((n) => document.querySelector('.target-card td')?.innerText.replace(/\./g, '') === String(n), want.counted);
  await page.locator('.paste-summary', { hasText: '52 mã' }).waitFor();
  const summary = await page.locator('.paste-summary').innerText();
  assert.equal(summary, `52 mã: ${50 - want.repeated} mới, ${want.repeated} đã có, 0 cập nhật, 2 bị từ chối.`);
  const refused = await page.locator('.paste-box .import-report li.refused').allInnerTexts();
  assert.deepEqual(refused.map((t) => Number(/^Dòng (\d+)/.exec(t)[1])), brokenLines);
  assert.match(refused[0], /Mã bị hỏng/);
  assert.match(refused[1], /Mã bị cắt mất một phần/);
  const rows = await page.locator('.target-card table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]));
  const num = (label) => Number(rows.find(([k]) => k.startsWith(label))[1].replace(/\./g, ''));
  assert.deepEqual(
    { counted: num('Doanh nghiệp được tính'), merged: num('Bản ghi trùng đã gộp'), untaxed: num('Bản ghi không có mã số thuế'), drafts: num('Bản nháp'), records: num('Bản ghi hợp lệ đã đọc') },
    { counted: want.counted, merged: want.merged, untaxed: want.untaxed, drafts: want.drafts, records: want.records },
  );
  const bars = await page.locator('ul.bars .bar-level').allInnerTexts();
  assert.deepEqual(bars.map((b) => Number(b.replace(/\./g, ''))), want.levels);
  await screenshot(page, 'province-paste-1280');

  // Kept with the imported files: after a reload, the same figures; pasting the same text again adds nothing.
  await page.reload();
  await appReady(page);
  await page.waitForFunction((n) => document.querySelector('.target-card td')?.innerText.replace(/\./g, '') === String(n), want.counted);
  await page.locator('details.paste-section > summary').click();
  await page.getByLabel('Dán tin nhắn, đường link hoặc mã kết quả').fill(text);
  await page.getByRole('button', { name: 'Tính các kết quả đã dán' }).click();
  await page.locator('.paste-summary', { hasText: '0 mới' }).waitFor();
  assert.equal(await page.locator('.paste-summary').innerText(), '52 mã: 0 mới, 50 đã có, 0 cập nhật, 2 bị từ chối.');
  assert.equal(num('Doanh nghiệp được tính'), want.counted);
  assertClean();
});

test('the workshop page adds pasted codes to the enterprises, once each', async () => {
  const lines = execFileSync(CLI, ['generate', '6', '--seed', '5'], { encoding: 'utf8' }).trim();
  const jsonl = path.join(ARTIFACTS, 'paste', 'six.jsonl');
  fs.writeFileSync(jsonl, lines + '\n');
  const codes = execFileSync(CLI, ['code', jsonl], { encoding: 'utf8' }).trim().split('\n');
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/workshop');
  const box = page.getByLabel('Dán tin nhắn, đường link hoặc mã kết quả');
  await box.fill(`Kết quả hội thảo:\n${codes.join('\n')}\nhết`);
  await page.getByRole('button', { name: 'Thêm kết quả đã dán' }).click();
  await page.locator('.paste-summary', { hasText: '6 mã' }).waitFor();
  const records = lines.split('\n').map((l) => JSON.parse(l));
  const ids = new Set(records.map((r) => r.enterprise_id));
  assert.match(await page.locator('.paste-summary').innerText(), /^6 mã: \d+ mới, \d+ đã có, 0 cập nhật, 0 bị từ chối\.$/);
  await page.waitForFunction((n) => Object.keys(localStorage).filter((k) => k.startsWith('dxcheck.v1.e.')).length === n, ids.size);
  await box.fill(codes.join(' '));
  await page.getByRole('button', { name: 'Thêm kết quả đã dán' }).click();
  await page.locator('.paste-summary', { hasText: '0 mới' }).waitFor();
  assert.equal(await page.locator('.paste-summary').innerText(), '6 mã: 0 mới, 6 đã có, 0 cập nhật, 0 bị từ chối.');
  assert.equal(await stored(page), ids.size);
  assertClean();
});

test('the enterprise list says whether the browser keeps the answers, and warns when it may not', async () => {
  // As this browser answers.
  {
    const { page, assertClean } = await openPage(env);
    await gotoApp(page, env.url, '#/enterprises');
    const note = page.locator('.storage-note');
    await note.waitFor();
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    assert.equal(await note.getAttribute('data-durability'), persisted ? 'persistent' : 'best_effort');
    assertClean();
  }
  // A browser that may delete the answers (Safari, a private window): said plainly, with the backups to make; the
  // first enterprise saved asks to keep them.
  for (const persistent of [false, true]) {
    const context = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await context.addInitScript((keep) => {
      const asked = () => Number(sessionStorage.getItem('persist-asked') || 0);
      const storage = navigator.storage;
      storage.persisted = async () => keep && asked() > 0;
      storage.persist = async () => { sessionStorage.setItem('persist-asked', String(asked() + 1)); return keep; };
    }, persistent);
    const { page, assertClean } = await openPage(env, { context });
    await gotoApp(page, env.url);
    await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByLabel('Tên doanh nghiệp').fill('HTX Ấp Bắc');
    await page.getByLabel('Tên doanh nghiệp').press('Tab');
    await page.waitForFunction(() => sessionStorage.getItem('persist-asked') === '1');
    await page.reload();
    await appReady(page);
    await page.evaluate(() => { location.hash = '#/enterprises'; });
    await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp trên thiết bị này' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('persist-asked')), '1', 'asked once, when the first enterprise was saved');
    const note = page.locator('.storage-note');
    await note.waitFor();
    if (persistent) {
      assert.equal(await note.getAttribute('data-durability'), 'persistent');
      await note.getByText('giữ câu trả lời trên thiết bị cho đến khi bạn xoá').waitFor();
    } else {
      assert.equal(await note.getAttribute('data-durability'), 'best_effort');
      await note.getByText('có thể tự xoá câu trả lời', { exact: false }).waitFor();
      await note.getByText('gửi link kết quả hoặc tải tệp kết quả', { exact: false }).waitFor();
      await screenshot(page, 'storage-at-risk-390');
    }
    await context.close();
    assertClean();
  }
});
