// Workshop mode: several enterprises on one laptop, the group view, the bundle moved to a fresh browser profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, screenshot, readJson, ARTIFACTS, DESKTOP, appReady } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');
const low = Object.fromEntries(quick.questions.filter((q) => !q.visible_if).map((q) => [q.id, q.options[0].id]));
const high = Object.fromEntries(quick.questions.map((q) => [q.id, q.options.filter((o) => !o.na).at(-1).id]));
const mid = Object.fromEntries(quick.questions.map((q) => [q.id, q.options[1].id]));
const FIRMS = [
  { name: 'Hợp tác xã Chè Tân Cương', tax: '0100109106', answers: low },
  { name: 'Công ty TNHH Gốm Bát Tràng', tax: '0302035520', answers: high },
  { name: 'Cửa hàng Điện máy Ánh Dương', tax: '0100109106', answers: mid }, // same tax code as the first: a warning
];

async function assessFirm(page, firm) {
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  await page.getByLabel('Tên doanh nghiệp').fill(firm.name);
  await page.getByLabel('Mã số doanh nghiệp (mã số thuế)').fill(firm.tax);
  await page.getByLabel('Mã số doanh nghiệp (mã số thuế)').press('Tab');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of quick.questions.filter((x) => x.dimension === dim.id)) {
      const id = firm.answers[q.id];
      if (!id || !(await page.locator(`fieldset#q-${q.id}`).count())) continue;
      await page.locator(`fieldset#q-${q.id} input[value="${id}"]`).check();
    }
    await page.getByRole('button', { name: i === quick.dimensions.length - 1 ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
}

let env;
let bundlePath;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('three enterprises are created, switched between and answered; the group view compares them', async () => {
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/workshop');
  await page.getByRole('button', { name: 'Bắt đầu hội thảo' }).click();
  await page.getByLabel('Tên hội thảo').fill('Chuyển đổi số cho hộ sản xuất OCOP');
  await page.getByLabel('Tư vấn viên').fill('Nguyễn Thị Hương');
  await page.getByLabel('Đơn vị').fill('Trung tâm Hỗ trợ DNNVV');
  await page.getByLabel('Địa điểm').fill('Thái Nguyên');
  await page.getByLabel('Địa điểm').press('Tab');

  for (const [i, firm] of FIRMS.entries()) {
    if (i > 0) {
      await gotoApp(page, env.url, '#/enterprises');
      await page.getByRole('button', { name: 'Thêm doanh nghiệp' }).click();
    } else {
      await gotoApp(page, env.url, '#/');
    }
    await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp của bạn đang ở mức chuyển đổi số nào?' }).waitFor();
    await assessFirm(page, firm);
  }

  // The list: three entries, one click to switch, and a warning for the shared tax code.
  await gotoApp(page, env.url, '#/enterprises');
  const items = page.locator('ol.ent-list > li');
  await items.nth(2).waitFor();
  assert.equal(await items.count(), 3);
  assert.equal(await page.locator('.ent [role="note"]').count(), 2, 'both entries with 0100109106 are flagged');
  await screenshot(page, 'enterprises-1280');
  await items.filter({ hasText: FIRMS[1].name }).getByRole('button', { name: 'Đánh giá doanh nghiệp này' }).click();
  await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp của bạn đang ở mức chuyển đổi số nào?' }).waitFor();
  assert.match(await page.locator('.top-nav').innerText(), new RegExp(FIRMS[1].name));
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Xem kết quả' }).click();
  assert.equal(await page.locator('section.overall .level-badge').innerText(), 'Mức 5', 'the best answers are level 5');

  // Rename, then delete with undo.
  await gotoApp(page, env.url, '#/enterprises');
  const third = page.locator('ol.ent-list > li', { hasText: FIRMS[2].name });
  await third.getByRole('button', { name: 'Đổi tên' }).click();
  await third.getByLabel('Tên mới').fill('Điện máy Ánh Dương (Chi nhánh 2)');
  await third.getByRole('button', { name: 'Lưu' }).click();
  await page.locator('ol.ent-list > li', { hasText: 'Điện máy Ánh Dương (Chi nhánh 2)' }).waitFor();
  const renamed = page.locator('ol.ent-list > li', { hasText: 'Chi nhánh 2' });
  await renamed.getByRole('button', { name: 'Xóa' }).click();
  await renamed.getByRole('alertdialog').getByRole('button', { name: 'Xóa' }).click();
  await page.locator('ol.ent-list > li').nth(1).waitFor();
  assert.equal(await page.locator('ol.ent-list > li').count(), 2);
  await page.getByRole('button', { name: 'Hoàn tác' }).click();
  await page.locator('ol.ent-list > li').nth(2).waitFor();
  await page.reload();
  await appReady(page);
  await page.locator('ol.ent-list > li').nth(2).waitFor();
  assert.equal(await page.locator('ol.ent-list > li').count(), 3, 'the undo was saved');

  // The group view: a sortable table and small multiples; anonymised codes; projector mode.
  await gotoApp(page, env.url, '#/workshop');
  const rows = page.locator('table.group-table tbody tr');
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  const firstCells = async () => (await rows.locator('th').allInnerTexts()).map((t) => t.slice(0, 4));
  assert.deepEqual(await firstCells(), ['DN01', 'DN02', 'DN03']);
  await page.getByRole('button', { name: 'Tổng thể' }).click();
  assert.deepEqual(await firstCells(), ['DN02', 'DN03', 'DN01'], 'scores sort best first: high, mid, low');
  assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);
  await page.getByRole('button', { name: 'Tổng thể' }).click();
  assert.deepEqual(await firstCells(), ['DN01', 'DN03', 'DN02']);
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
  assert.equal(await page.locator('ul.multiples > li').count(), 3);
  await page.getByLabel('Ẩn tên, chỉ hiện mã (DN01, DN02…)').check();
  assert.ok(!(await page.locator('table.group-table').innerText()).includes('Gốm Bát Tràng'), 'names hidden');
  await page.getByLabel('Chế độ trình chiếu (chữ lớn, tương phản cao)').check();
  await screenshot(page, 'workshop-projector-1280');

  // Export the bundle.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp gói hội thảo (.json)' }).click()]);
  bundlePath = path.join(ARTIFACTS, dl.suggestedFilename());
  await dl.saveAs(bundlePath);
  const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
  assert.equal(bundle.schema, 'dxcheck-bundle');
  assert.equal(bundle.workshop.advisor, 'Nguyễn Thị Hương');
  assert.equal(bundle.results.length, 3);
  assert.ok(bundle.results.every((r) => r.workshop?.name === 'Chuyển đổi số cho hộ sản xuất OCOP'), 'workshop details in every result');

  // The XLSX workbook, rendered by the web worker (its wasm loads only now).
  const [xl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải sổ tính Excel (.xlsx)' }).click()]);
  const xlsx = path.join(ARTIFACTS, xl.suggestedFilename());
  await xl.saveAs(xlsx);
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
  const listing = execFileSync('python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1])
print(z.read('xl/workbook.xml').decode())
print(z.read('xl/sharedStrings.xml').decode())`, xlsx], { encoding: 'utf8' });
  for (const want of ['name="quick"', 'name="dbi"', 'name="codebook"', 'Công ty TNHH Gốm Bát Tràng', '0302035520', 'QT1']) {
    assert.ok(listing.includes(want), `the workbook holds ${want}`);
  }
  assertClean();
});

test('a bundle imported into a fresh browser profile restores every enterprise; a bad record is refused alone', async () => {
  assert.ok(bundlePath, 'the previous test exported a bundle');
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
  bundle.results.push({ ...bundle.results[0], assessment_id: 'x', enterprise_id: undefined });
  bundle.results[1] = { ...bundle.results[1], scores: { ...bundle.results[1].scores, overall: { ...bundle.results[1].scores.overall, level: 0 } } };
  const damaged = path.join(ARTIFACTS, 'bundle-with-bad-records.json');
  fs.writeFileSync(damaged, JSON.stringify(bundle));
  await gotoApp(page, env.url, '#/workshop');
  await page.setInputFiles('#bundle-input', damaged);
  const report = page.locator('ul.import-report');
  await report.locator('li').nth(2).waitFor();
  const lines = await report.locator('li').allInnerTexts();
  assert.match(lines[0], /đã đọc 4 bản ghi, khôi phục 2 doanh nghiệp/);
  assert.match(lines[1], /bản ghi 2: điểm ghi trong tệp không khớp với câu trả lời/);
  assert.match(lines[2], /bản ghi 4: tệp bị hỏng/);
  await page.setInputFiles('#bundle-input', bundlePath);
  await page.locator('ul.import-report li', { hasText: 'khôi phục 3 doanh nghiệp' }).waitFor();
  await gotoApp(page, env.url, '#/enterprises');
  await page.locator('ol.ent-list > li').nth(2).waitFor();
  const names = await page.locator('ol.ent-list > li h2').allInnerTexts();
  for (const n of ['Hợp tác xã Chè Tân Cương', 'Công ty TNHH Gốm Bát Tràng', 'Điện máy Ánh Dương (Chi nhánh 2)']) {
    assert.ok(names.includes(n), `${n} restored`);
  }
  assert.equal(names.length, 4, 'the fresh profile\'s own empty entry plus three restored');
  await gotoApp(page, env.url, '#/workshop');
  assert.equal(await page.getByLabel('Tư vấn viên').inputValue(), 'Nguyễn Thị Hương', 'the workshop details came along');
  assertClean();
});
