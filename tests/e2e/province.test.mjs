// The province dashboard: a folder of files (good, duplicated, corrupt and foreign) imported by drag and drop and
// by the picker; every figure checked against values computed here, independently, and against the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, screenshot, ARTIFACTS, ROOT, DESKTOP, appReady } from './helpers.mjs';
import { validTax, expected } from './count.mjs';

const CLI = path.join(ROOT, 'target/release/dxcheck');
const dir = path.join(ARTIFACTS, 'province-inbox');

let env;
let good = [];
before(async () => {
  env = await setup();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const lines = execFileSync(CLI, ['generate', '400', '--seed', '11'], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n');
  // a.jsonl: 300 records. b.jsonl: 40 of them again (the same records, counted once) plus 60 new ones, a garbage line and a
  // record whose scores were edited. bundle.json: 20 new records as a workshop bundle. single.json: one result file.
  // export.csv: 19 new quick-check records through the app's CSV. Two foreign files.
  const parsed = lines.map((l) => JSON.parse(l));
  fs.writeFileSync(path.join(dir, 'a.jsonl'), lines.slice(0, 300).join('\n') + '\n');
  const tampered = JSON.parse(lines[310]);
  tampered.scores.overall.level = (tampered.scores.overall.level + 1) % 6;
  fs.writeFileSync(path.join(dir, 'b.jsonl'), [...lines.slice(0, 40), ...lines.slice(300, 360), 'this line is not JSON', JSON.stringify(tampered)].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'single.json'), JSON.stringify(parsed[381], null, 2));
  const csvSource = path.join(ARTIFACTS, 'csv-source.jsonl');
  const quickLines = lines.slice(382, 400).filter((l) => JSON.parse(l).questionnaire.id === 'quick');
  fs.writeFileSync(csvSource, quickLines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'export.csv'), execFileSync(CLI, ['csv', csvSource, '--questionnaire', 'quick'], { encoding: 'utf8' }));
  fs.writeFileSync(path.join(dir, 'notes.json'), '{"type":"FeatureCollection"}');
  fs.writeFileSync(path.join(dir, 'broken.json'), '{"schema":"dxcheck-result",');
  good = [...parsed.slice(0, 300), ...parsed.slice(0, 40), ...parsed.slice(300, 360), ...parsed.slice(361, 381), parsed[381], ...quickLines.map((l) => JSON.parse(l))];
  // Four enterprises of the bundle renamed, for the table's Vietnamese order: code-point order would put Ă and Đ
  // after Z. (Enterprises counted once, so that each is a row of the table.)
  const once = (r) => good.filter((g) => g.profile.tax_code.slice(0, 10) === r.profile.tax_code.slice(0, 10)).length === 1;
  const renamed = parsed.slice(361, 381).filter((r) => r.status === 'completed' && validTax(r.profile.tax_code) && once(r));
  assert.ok(renamed.length >= 4, 'four enterprises of the bundle to rename');
  VIETNAMESE_ORDER.forEach((name, i) => { renamed[[2, 0, 3, 1][i]].profile.name = name; });
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ schema: 'dxcheck-bundle', schema_version: 1, app_version: 'test', exported_at: '2026-11-20T00:00:00.000Z', workshop: null, results: parsed.slice(361, 381) }));
});

/** In the order of the Vietnamese alphabet (a ă â b c d đ e …), which the table's name order must follow. */
const VIETNAMESE_ORDER = ['Phở Ăn Ngon', 'Phở Dung', 'Phở Đông Á', 'Phở Zeta'];
after(async () => { await env?.close(); });

async function figures(page) {
  const rows = await page.locator('.target-card table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]));
  const num = (label) => Number(rows.find(([k]) => k.startsWith(label))[1].replace(/\./g, ''));
  return {
    counted: num('Doanh nghiệp được tính'),
    merged: num('Bản ghi trùng đã gộp'),
    untaxed: num('Bản ghi không có mã số thuế'),
    drafts: num('Bản nháp'),
    records: num('Bản ghi hợp lệ đã đọc'),
    repeated: num('Bản ghi đọc lại lần nữa'),
    rejected: num('Bản ghi bị từ chối'),
  };
}

test('a folder of files is imported; the figures match an independent count and the command line', async () => {
  const want = expected(good);
  assert.equal(want.repeated, 40, 'the 40 records given twice');
  assert.ok(want.merged > 0, 'enterprises assessed more than once, to merge');
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/province');
  // Drag and drop one file, pick the rest.
  const buffer = fs.readFileSync(path.join(dir, 'a.jsonl'), 'utf8');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'a.jsonl', { type: 'application/json' }));
    return dt;
  }, buffer);
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
  await page.locator('#target-figure').waitFor();
  const rest = fs.readdirSync(dir).filter((f) => f !== 'a.jsonl').map((f) => path.join(dir, f));
  await page.setInputFiles('#prov-files', rest);
  await page.waitForFunction((n) => document.querySelector('.target-card td')?.innerText.replace(/\./g, '') === String(n), want.counted);
  const got = await figures(page);
  assert.deepEqual(
    { counted: got.counted, merged: got.merged, untaxed: got.untaxed, drafts: got.drafts, records: got.records, repeated: got.repeated },
    { counted: want.counted, merged: want.merged, untaxed: want.untaxed, drafts: want.drafts, records: want.records, repeated: want.repeated },
  );
  assert.equal(got.rejected, 4, 'garbage line, edited scores, foreign file, broken file');
  const rejected = await page.locator('details.rejected li').allInnerTexts();
  assert.ok(rejected.some((t) => t.includes('b.jsonl') && t.includes('bản ghi 101')), `line 101 of b.jsonl: ${rejected}`);
  assert.ok(rejected.some((t) => t.includes('b.jsonl') && t.includes('bản ghi 102') && t.includes('không khớp')));
  assert.ok(rejected.some((t) => t.includes('notes.json') && t.includes('không phải tệp kết quả')));
  assert.ok(rejected.some((t) => t.includes('broken.json')));
  const bars = await page.locator('ul.bars .bar-level').allInnerTexts();
  assert.deepEqual(bars.map((b) => Number(b.replace(/\./g, ''))), want.levels);
  assert.equal(await page.locator('#target-figure').innerText(), `${want.counted} / 1.000 doanh nghiệp đã đánh giá (${(want.counted / 10).toFixed(1).replace('.', ',').replace(/,0$/, '')}%)`);

  // The command line on the same folder gives the same figures.
  const cli = JSON.parse(execFileSync(CLI, ['tally', dir, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  assert.deepEqual([cli.counted, cli.merged, cli.without_tax_code, cli.drafts, cli.records, cli.repeated], [want.counted, want.merged, want.untaxed, want.drafts, want.records, want.repeated]);
  assert.deepEqual(cli.by_level, want.levels);

  // The table: search, filter, sort.
  await page.getByLabel('Lọc theo mức').selectOption('5');
  const n5 = want.levels[5];
  await page.locator('.ent-table p[role="status"]', { hasText: `${n5} doanh nghiệp` }).waitFor();
  await page.getByLabel('Lọc theo mức').selectOption('');
  const someone = good.find((r) => validTax(r.profile.tax_code)).profile.tax_code;
  const search = page.getByLabel('Tìm theo tên, mã số thuế, xã hoặc mã tỉnh');
  await search.fill(someone);
  await page.locator('.ent-table tbody tr', { hasText: someone }).first().waitFor();
  await screenshot(page, 'province-1280');
  // Typed without diacritics, a search finds the names written with them; typed with them, they must match.
  const names = () => page.locator('.ent-table tbody tr td:nth-child(2)').allInnerTexts();
  const rows = async (n) => page.locator('.ent-table p[role="status"]', { hasText: `${n} doanh nghiệp ·` }).waitFor();
  await search.fill('pho');
  await rows(4);
  await search.fill('PHO DONG');
  await rows(1);
  assert.deepEqual(await names(), ['Phở Đông Á']);
  await search.fill('phô');
  await rows(0);
  await search.fill('phở');
  await rows(4);
  // Ordered by name: the Vietnamese alphabet, then the other way.
  const byName = page.locator('.sort-buttons').getByRole('button', { name: 'Tên', exact: true });
  await byName.click();
  await page.waitForFunction(() => document.querySelector('.sort-buttons button:nth-child(2)')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await names(), VIETNAMESE_ORDER);
  await screenshot(page, 'province-table-by-name');
  await byName.click();
  await page.waitForFunction((first) => document.querySelector('.ent-table tbody tr td:nth-child(2)')?.innerText === first, VIETNAMESE_ORDER.at(-1));
  assert.deepEqual(await names(), [...VIETNAMESE_ORDER].reverse());
  await search.fill('');

  // Persisted: a reload shows the same figures from IndexedDB; the target is editable and remembered.
  await page.reload();
  await appReady(page);
  await page.locator('#target-figure').waitFor();
  assert.deepEqual(await figures(page), got);
  await page.getByLabel('Mục tiêu (số doanh nghiệp)').fill('500');
  await page.getByLabel('Mục tiêu (số doanh nghiệp)').press('Tab');
  await page.locator('#target-figure', { hasText: '/ 500 doanh nghiệp' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.locator('#target-figure', { hasText: '/ 500 doanh nghiệp' }).waitFor();

  // Exports: the benchmark never publishes a cell under 10 enterprises.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tệp so sánh ẩn danh (benchmark)' }).click()]);
  const bench = path.join(ARTIFACTS, dl.suggestedFilename());
  await dl.saveAs(bench);
  const b = JSON.parse(fs.readFileSync(bench, 'utf8'));
  assert.equal(b.schema, 'dxcheck-benchmark');
  assert.ok(b.cells.length > 0 && b.cells.every((c) => c.n >= 10 && c.percentiles.length === 19));
  const [agg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bảng tổng hợp (CSV)' }).click()]);
  const aggPath = path.join(ARTIFACTS, agg.suggestedFilename());
  await agg.saveAs(aggPath);
  assert.match(fs.readFileSync(aggPath, 'utf8'), new RegExp(`summary,counted,${want.counted}`));

  // Clearing forgets everything.
  await page.getByRole('button', { name: 'Xóa toàn bộ dữ liệu đã nhập' }).click();
  await page.getByText('Chưa có dữ liệu. Hãy nhập tệp để bắt đầu.').waitFor();
  await page.reload();
  await appReady(page);
  await page.getByText('Chưa có dữ liệu. Hãy nhập tệp để bắt đầu.').waitFor();
  assertClean();
});

/** Records the kind of every job the page posts to a worker (`part`, `merge`, …), in `window.__jobs`. */
function recordJobs() {
  window.__jobs = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    try {
      window.__jobs.push(Object.keys(JSON.parse(message.h))[0]);
    } catch {
      window.__jobs.push('?');
    }
    return post.call(this, message, ...rest);
  };
}

/** The entry that keeps the last tally's parts, as IndexedDB holds it: its id, and each part's size. */
async function keptTally(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('dxcheck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('imports').objectStore('imports').getAll();
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const kept = req.result.filter((o) => o.kind === 'tally-parts');
        open.result.close();
        resolve(kept.map((o) => ({ id: o.id, sizes: o.parts.map((p) => p.size) })));
      };
    };
  }));
}

/**
 * The kept tally once `ok(kept)` holds. Keeping runs after the figures are painted (a person never
 * waits for it), so a test polls for it rather than reading it once.
 */
async function keptTallyOnce(page, ok, what) {
  let kept = [];
  for (let i = 0; i < 100; i++) {
    kept = await keptTally(page);
    if (ok(kept)) return kept;
    await page.waitForTimeout(100);
  }
  assert.fail(`${what}: ${JSON.stringify(kept)}`);
}

/** Puts `parts` (texts) in place of the kept tally's parts. */
async function damageKeptTally(page, parts) {
  await page.evaluate((texts) => new Promise((resolve, reject) => {
    const open = indexedDB.open('dxcheck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('imports', 'readwrite');
      const store = tx.objectStore('imports');
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if (c.value.kind === 'tally-parts') c.update({ ...c.value, parts: texts.map((t) => new Blob([t])) });
        c.continue();
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), parts);
}

test('a reload merges the tally kept on the device instead of reading the files; damaged, it reads them again', async () => {
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await page.addInitScript(recordJobs);
  await gotoApp(page, env.url, '#/province');
  const picked = ['a.jsonl', 'b.jsonl', 'broken.json'].map((f) => path.join(dir, f));
  await page.setInputFiles('#prov-files', picked);
  await page.locator('.ent-table tbody tr').first().waitFor();
  const shown = async () => ({
    figures: await figures(page),
    rejected: await page.locator('details.rejected li').allInnerTexts(),
    listed: await page.locator('.ent-table p[role="status"]').innerText(),
  });
  const first = await shown();
  assert.equal(first.figures.rejected, 3, 'garbage line, edited scores, broken file');
  assert.ok((await page.evaluate(() => window.__jobs)).includes('part'), 'the files were read');
  let kept = await keptTallyOnce(page, (k) => k.length === 1, 'one tally kept');
  assert.ok(kept[0].sizes.length >= 1 && kept[0].sizes.every((n) => n > 0), `parts kept: ${kept[0].sizes}`);

  // A reload: the kept parts are merged, no file is read, and everything shown is the same.
  const again = async () => {
    await page.reload();
    await appReady(page);
    await page.locator('.ent-table tbody tr').first().waitFor();
    return { jobs: await page.evaluate(() => window.__jobs), now: await shown() };
  };
  let { jobs, now } = await again();
  assert.ok(jobs.includes('merge') && !jobs.includes('part'), `merged, not read: ${jobs}`);
  assert.deepEqual(now, first);

  // Damaged parts: the files are read again, the figures are the same, and good parts are kept in their place.
  await damageKeptTally(page, ['not a part']);
  ({ jobs, now } = await again());
  assert.ok(jobs.includes('part'), `read again: ${jobs}`);
  assert.deepEqual(now, first);
  const mended = await keptTallyOnce(page, (k) => k.length === 1 && k[0].sizes.join() === kept[0].sizes.join(),
    'good parts kept again in place of the damaged ones');
  assert.equal(mended[0].id, kept[0].id, 'kept again for the same files');
  ({ jobs, now } = await again());
  assert.ok(!jobs.includes('part'), `the mended parts are merged: ${jobs}`);
  assert.deepEqual(now, first);

  // Another file: the kept parts are not for these files, so all of them are read, and kept anew.
  await page.evaluate(() => { window.__jobs.length = 0; });
  await page.setInputFiles('#prov-files', [path.join(dir, 'single.json')]);
  await page.waitForFunction((n) => [...document.querySelectorAll('.target-card tbody tr')]
    .find((tr) => tr.querySelector('th').innerText.startsWith('Bản ghi hợp lệ đã đọc'))
    ?.querySelector('td').innerText.replace(/\./g, '') === String(n), first.figures.records + 1);
  assert.ok((await page.evaluate(() => window.__jobs)).includes('part'), 'the files were read');
  kept = await keptTallyOnce(page, (k) => k.length === 1 && k[0].id !== mended[0].id,
    'still one tally kept, for the new set of files');

  await page.getByRole('button', { name: 'Xóa toàn bộ dữ liệu đã nhập' }).click();
  await page.getByText('Chưa có dữ liệu. Hãy nhập tệp để bắt đầu.').waitFor();
  assert.deepEqual(await keptTally(page), [], 'cleared with the files');
  assertClean();
});
