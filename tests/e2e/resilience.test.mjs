// Bad storage never loses data: a damaged record, a full quota, and two tabs editing at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, gotoApp, readJson, ARTIFACTS, appReady } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


test('a damaged record is named, its raw text can be downloaded, and every other enterprise loads', async () => {
  const { page, ctx, problems } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByLabel('Tên doanh nghiệp').fill('Xưởng may Hòa Bình');
  await page.getByLabel('Tên doanh nghiệp').press('Tab');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.locator('fieldset#q-QT1 input[value="cloud"]').check();
  const key = 'dxcheck.v1.e.11111111-1111-4111-8111-111111111111';
  const broken = '{"schema":1,"id":"11111111-1111-4111-8111-111111111111","profile":{"name":"Cơ sở hỏ';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, broken]);
  await page.reload();
  await appReady(page);
  const notice = page.locator('li.notice', { hasText: key });
  await notice.waitFor();
  assert.match(await notice.innerText(), /bản lưu bị hỏng/);
  assert.ok(await page.locator('fieldset#q-QT1 input[value="cloud"]').isChecked(), 'the good enterprise loaded');
  const [dl] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Tải nội dung gốc' }).click()]);
  const saved = path.join(ARTIFACTS, 'corrupt-entry.txt');
  await dl.saveAs(saved);
  assert.equal(fs.readFileSync(saved, 'utf8'), broken, 'the damaged text, exactly as stored');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), broken, 'left untouched in storage');
  assert.deepEqual(problems, [], 'no crash, no console error');
  await ctx.close();
});

test('a full storage quota loses nothing: a clear message, and the previous saved state intact', async () => {
  const { page, ctx, assertClean } = await openPage(env);
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full && k.startsWith('dxcheck.v1.e.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.locator('fieldset#q-QT1 input[value="cloud"]').check();
  const before = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('dxcheck.v1.e.')));
  assert.equal(before.length, 1);
  await page.evaluate(() => { window.__full = true; });
  await page.locator('fieldset#q-QT2 input[value="excel"]').check();
  await page.locator('li.notice', { hasText: 'Bộ nhớ của trình duyệt đã đầy' }).waitFor();
  assert.ok(await page.locator('fieldset#q-QT2 input[value="excel"]').isChecked(), 'the answer stays on screen');
  const after = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('dxcheck.v1.e.')));
  assert.deepEqual(after, before, 'no partial write: the stored record is byte for byte the previous one');
  // Space is freed: the next change saves everything, the refused answer included.
  await page.evaluate(() => { window.__full = false; });
  await page.locator('fieldset#q-QT3 input[value="none"]').check();
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  for (const [q, v] of [['QT1', 'cloud'], ['QT2', 'excel'], ['QT3', 'none']]) {
    assert.ok(await page.locator(`fieldset#q-${q} input[value="${v}"]`).isChecked(), `${q} saved`);
  }
  assertClean();
  await ctx.close();
});

test('two tabs at once: each sees the other\'s answers, and none is lost', async () => {
  const a = await openPage(env);
  await gotoApp(a.page, env.url);
  await a.page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await a.page.getByRole('button', { name: 'Tiếp theo' }).click();
  await a.page.locator('fieldset#q-QT1 input[value="excel"]').check();
  const b = await openPage(env, { context: a.ctx }); // the same browser profile, a second tab
  await b.page.goto(a.page.url());
  await b.page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  assert.ok(await b.page.locator('fieldset#q-QT1 input[value="excel"]').isChecked());
  // Tab B answers; tab A notices through the storage event and shows it.
  await b.page.locator('fieldset#q-QT2 input[value="hr_software"]').check();
  await a.page.locator('fieldset#q-QT2 input[value="hr_software"]:checked').waitFor();
  await a.page.locator('li.notice', { hasText: 'thẻ khác' }).waitFor();
  // Tab A answers next; its write carries B's answer too.
  await a.page.locator('fieldset#q-QT3 input[value="some_shared"]').check();
  await b.page.locator('fieldset#q-QT3 input[value="some_shared"]:checked').waitFor();
  await b.page.reload();
  await appReady(b.page);
  await b.page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  for (const [q, v] of [['QT1', 'excel'], ['QT2', 'hr_software'], ['QT3', 'some_shared']]) {
    assert.ok(await b.page.locator(`fieldset#q-${q} input[value="${v}"]`).isChecked(), `${q} kept`);
  }
  a.assertClean();
  b.assertClean();
  await a.ctx.close();
});
