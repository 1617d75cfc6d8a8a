// Recommendations, roadmap, result files (download, load in another browser, refusals), T0 → T1, and the printed
// A4 report checked with pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, screenshot, readJson, ARTIFACTS } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');
const NAME = 'Công ty TNHH Cà phê Đắk Lắk';

// Option ids by question: a mid-level answer set (levels QT 3, BH 3, TMDT 1 as in the quick-check test).
const T0 = readJson('tests/golden/quick_answers.json');
// A year later: the e-commerce answers improved.
const T1 = { ...T0, TM1: 'monthly', TM2: 'cart', TM4: 'p20_40', TM5: 'p10_20', TM6: 'monthly' };

async function fillProfile(page) {
  await page.getByLabel('Tên doanh nghiệp').fill(NAME);
  await page.getByLabel('Mã số doanh nghiệp (mã số thuế)').fill('0100109106');
  await page.getByText('Thương mại và dịch vụ', { exact: true }).click();
  await page.getByLabel('Số lao động tham gia bảo hiểm xã hội bình quân năm').fill('8');
  await page.getByLabel('Tổng doanh thu năm trước').fill('2,5');
  await page.getByLabel('Tổng doanh thu năm trước').press('Tab');
  await page.getByRole('radio', { name: 'Doanh nghiệp', exact: true }).check();
}

async function answerAll(page, answers) {
  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of quick.questions.filter((x) => x.dimension === dim.id && answers[x.id])) {
      const label = q.options.find((o) => o.id === answers[q.id]).label.vi;
      await page.locator(`fieldset#q-${q.id}`).getByText(label, { exact: true }).click();
    }
    await page.getByRole('button', { name: i === quick.dimensions.length - 1 ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
}

async function download(page, buttonName) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const file = path.join(ARTIFACTS, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

let env;
let resultFile;
let originalText;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('size class, ranked programmes with reasons and amounts, and the roadmap', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await fillProfile(page);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await answerAll(page, T0);

  const size = page.locator('section.size-card');
  assert.equal(await size.locator('.size-class').innerText(), 'Doanh nghiệp siêu nhỏ');
  assert.match(await size.innerText(), /không quá 10 lao động tham gia BHXH và doanh thu không quá 10 tỷ đồng/);
  const recs = page.locator('ol.recs').first().locator('> li');
  const titles = await recs.locator('h3').allInnerTexts();
  assert.ok(titles.some((t) => t.includes('Điều 11.2')), `renting solutions is recommended: ${titles}`);
  assert.ok(!titles.some((t) => t.includes('Điều 11.1')), 'consultancy is not for micro businesses');
  const rent = recs.filter({ hasText: 'Điều 11.2' });
  assert.match(await rent.locator('.support').innerText(), /20\.000\.000 đồng/);
  assert.ok((await rent.locator('.reasons li').count()) >= 1);
  // Drafts are listed apart, and say they are not law.
  await page.getByRole('heading', { level: 2, name: 'Chính sách đang dự thảo' }).waitFor();
  assert.match(await page.locator('ol.recs').last().innerText(), /Dự thảo, chưa phải quy định/);
  // The roadmap: overall level 2 → 3, with programme links next to the steps.
  await page.getByRole('heading', { level: 3, name: /^Tổng thể: mức 2 → mức 3/ }).waitFor();
  assert.ok((await page.locator('.road-help').count()) > 0);
  await screenshot(page, 'results-recommendations-390');
  originalText = await page.locator('main').innerText();

  resultFile = await download(page, 'Tải tệp kết quả (.json)');
  const json = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  assert.equal(json.schema, 'dxcheck-result');
  assert.equal(json.status, 'completed');
  assert.equal(json.profile.name, NAME);
  assert.equal(json.scores.overall.level, 2);
  assert.match(json.assessment_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const csv = fs.readFileSync(await download(page, 'Tải bảng CSV'), 'utf8');
  assert.ok(csv.startsWith('\ufeffassessment_id,'), 'CSV with a BOM and the codebook header');
  assert.match(csv, /Công ty TNHH Cà phê Đắk Lắk/);
  assertClean();
});

test('the result file loads identically in another browser, and bad files are refused with the reason', async () => {
  assert.ok(resultFile && originalText, 'the previous test downloaded a result');
  const b = await openPage(env); // a fresh browser profile
  await gotoApp(b.page, env.url);
  const bad = path.join(ARTIFACTS, 'bad-not-json.json');
  fs.writeFileSync(bad, 'Tên,Mã số thuế\nA,0100109106\n');
  await b.page.setInputFiles('#load-file-input', bad);
  await b.page.getByRole('alert').filter({ hasText: 'đây không phải tệp JSON' }).waitFor();
  const foreign = path.join(ARTIFACTS, 'bad-foreign.json');
  fs.writeFileSync(foreign, JSON.stringify({ type: 'FeatureCollection', features: [] }));
  await b.page.setInputFiles('#load-file-input', foreign);
  await b.page.getByRole('alert').filter({ hasText: 'không phải tệp kết quả của DX Check' }).waitFor();
  const tampered = path.join(ARTIFACTS, 'bad-tampered.json');
  const t = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  t.scores.overall.level = 5;
  fs.writeFileSync(tampered, JSON.stringify(t));
  await b.page.setInputFiles('#load-file-input', tampered);
  await b.page.getByRole('alert').filter({ hasText: 'điểm ghi trong tệp không khớp với câu trả lời' }).waitFor();
  const newer = path.join(ARTIFACTS, 'bad-version.json');
  fs.writeFileSync(newer, JSON.stringify({ ...JSON.parse(fs.readFileSync(resultFile, 'utf8')), schema_version: 2 }));
  await b.page.setInputFiles('#load-file-input', newer);
  await b.page.getByRole('alert').filter({ hasText: 'phiên bản định dạng 2' }).waitFor();

  await b.page.setInputFiles('#load-file-input', resultFile);
  await b.page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  const loaded = await b.page.locator('main').innerText();
  const strip = (s) => s.replace(/Không mở được tệp[^\n]*\n?/g, '').replace(/Đã mở tệp\.\n?/g, '');
  assert.equal(strip(loaded), strip(originalText), 'the loaded result reads exactly like the original');
  b.assertClean();
});

test('T0 → T1: a re-assessment of the same enterprise shows the change per dimension', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await fillProfile(page);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await answerAll(page, T1);
  // Load the earlier result (same tax code): keep it as T0.
  await page.setInputFiles('#load-file-input', resultFile);
  await page.getByRole('button', { name: 'Giữ làm lần đánh giá trước để so sánh' }).click();
  const table = page.locator('table.changes');
  await table.waitFor();
  assert.match(await table.locator('caption').innerText(), /^Thay đổi so với lần đánh giá ngày \d{2}\/\d{2}\/\d{4}$/);
  const row = table.locator('tbody tr', { hasText: 'Thương mại điện tử' });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], '13,3% · mức 1', 'before');
  assert.match(cells[1], /· mức [2-5]$/, 'after');
  assert.match(cells[2], /^\+[\d,]+ điểm % · \+\d mức$/, 'the change');
  assert.equal(await table.locator('tbody tr', { hasText: 'Quản trị' }).locator('td').nth(2).innerText(), '±0 điểm % · 0 mức');
  await screenshot(page, 'results-t0-t1-390');
  assertClean();
});

test('the printed A4 report has the profile, levels, roadmap, programmes and disclaimer, with diacritics', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.setInputFiles('#load-file-input', resultFile);
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => { window.dispatchEvent(new Event('beforeprint')); return document.fonts.ready; });
  const pdf = path.join(ARTIFACTS, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const raw = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const text = raw.replace(/[ \t\n]+/g, ' ');
  fs.writeFileSync(path.join(ARTIFACTS, 'report.txt'), raw);
  for (const want of [NAME, '0100109106', 'Kiểm tra nhanh chuyển đổi số, phiên bản 1.0.0', 'Mức tổng thể', 'Bắt đầu', 'Hình thành',
    'Khởi động', 'Lộ trình lên mức tiếp theo', 'Doanh nghiệp siêu nhỏ', 'Chương trình hỗ trợ phù hợp', 'Nghị định 80',
    'không phải kết quả đánh giá hay chứng nhận chính thức', 'Thương mại điện tử']) {
    assert.ok(text.includes(want), `the PDF text contains “${want}”`);
  }
  assert.ok(!text.includes('Tải tệp kết quả'), 'buttons are not printed');
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  assert.match(fonts, /NotoSans/, 'the shipped font is embedded');
  // The radar chart is not cut across pages: its caption and its axis labels are on the same page.
  const pages = raw.split('\f').map((p) => p.replace(/\s+/g, ' '));
  const chartPage = pages.find((p) => p.includes('Biểu đồ radar mức độ theo lĩnh vực'));
  assert.ok(chartPage && /Quản trị[\s\S]*Bán hàng[\s\S]*Biểu đồ radar/.test(chartPage), 'the whole chart is on one page');
  assert.ok(pages.length >= 2 && pages.length <= 12, `a sensible number of pages: ${pages.length}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'report-print-view.png'), fullPage: true });
  assertClean();
});
