// The self-assessment loads the province's anonymised benchmark file, offline, and says where the enterprise stands
// among its peers. The expected percentages are worked out here from the percentile grid the test writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, screenshot, readJson, ARTIFACTS, ROOT, appReady } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');
const CLI = path.join(ROOT, 'target/release/dxcheck');

let env;
let record;
const files = {};
before(async () => {
  env = await setup();
  const lines = execFileSync(CLI, ['generate', '200', '--seed', '11'], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  // A completed quick check whose profile gives a sector and a size class (staff and revenue).
  record = lines.find((r) => r.questionnaire.id === 'quick' && r.status === 'completed' && r.profile.sector
    && r.profile.entity_type === 'enterprise' && r.profile.employees > 0 && r.profile.employees < 50 && r.profile.revenue_bn > 0
    && r.profile.revenue_bn < 3);
  assert.ok(record, 'a suitable generated record');
  files.result = path.join(ARTIFACTS, 'peers-result.json');
  fs.writeFileSync(files.result, JSON.stringify(record));
  // Percentiles 5 %, 10 %, … 95 % at 50, 100, … 950 permille: a share of p permille is ahead of ⌊p / 10⌋ % of
  // the group (between the 5th and the 95th percentile).
  const grid = Array.from({ length: 19 }, (_, i) => 50 * (i + 1));
  const cell = (measure, size, n = 40) => ({ questionnaire: 'quick', sector: record.profile.sector, size, measure, n, percentiles: grid });
  const measures = ['overall', ...quick.dimensions.map((d) => d.id)];
  const bench = (cells) => ({ schema: 'dxcheck-benchmark', schema_version: 1, publisher: 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk', generated_at: '2026-11-20T08:00:00.000Z', min_cell: 10, cells });
  files.good = path.join(ARTIFACTS, 'peers-benchmark.json');
  fs.writeFileSync(files.good, JSON.stringify(bench(['micro', 'small'].flatMap((size) => measures.map((m) => cell(m, size))))));
  files.small = path.join(ARTIFACTS, 'peers-benchmark-small-cell.json');
  fs.writeFileSync(files.small, JSON.stringify(bench([cell('overall', 'micro', 3)])));
  files.other = path.join(ARTIFACTS, 'peers-benchmark-other-group.json');
  fs.writeFileSync(files.other, JSON.stringify(bench(measures.map((m) => cell(m, 'medium')))));
  files.foreign = path.join(ARTIFACTS, 'peers-not-a-benchmark.json');
  fs.writeFileSync(files.foreign, JSON.stringify({ hello: 'world' }));
});
after(async () => { await env?.close(); });

const ahead = (permille) => (permille < 50 ? Math.min(5, Math.floor(permille / 10)) : permille >= 950 ? (permille > 950 ? 100 : 95) : Math.floor(permille / 10));

test('a benchmark file tells the enterprise where it stands among its peers, and is kept on the device', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.setInputFiles('#load-file-input', files.result);
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  const section = page.locator('section.peers');
  await section.getByRole('heading', { name: 'So sánh với doanh nghiệp cùng nhóm' }).waitFor();
  assert.match(await section.innerText(), /không cần mạng/);

  // Refused files say why and change nothing.
  await page.setInputFiles('#peers-input', files.foreign);
  await section.getByRole('alert').filter({ hasText: 'không phải tệp so sánh' }).waitFor();
  await page.setInputFiles('#peers-input', files.small);
  await section.getByRole('alert').filter({ hasText: 'chỉ 3 doanh nghiệp' }).waitFor();
  assert.equal(await section.locator('.peer-lines').count(), 0);

  // A file without the enterprise's group.
  await page.setInputFiles('#peers-input', files.other);
  await section.getByText(/không có nhóm đủ 10 doanh nghiệp/).waitFor();

  // The right file: overall and every dimension, from the grid.
  await page.setInputFiles('#peers-input', files.good);
  const overall = record.scores.overall.share_permille;
  await section.locator('.peer-lines li').first().filter({ hasText: `Tổng thể: cao hơn khoảng ${ahead(overall)}% trong 40 doanh nghiệp cùng nhóm` }).waitFor();
  const lines = await section.locator('.peer-lines li').allInnerTexts();
  assert.equal(lines.length, 1 + quick.dimensions.length);
  for (const [i, d] of quick.dimensions.entries()) {
    const p = record.scores.dimensions.find((x) => x.id === d.id).share_permille;
    assert.equal(lines[i + 1], `${d.name.vi}: cao hơn khoảng ${ahead(p)}% doanh nghiệp cùng nhóm`);
  }
  assert.match(await section.innerText(), /Sở Khoa học và Công nghệ tỉnh Đắk Lắk · lập ngày 20\/11\/2026/);
  await screenshot(page, 'peers-390');

  // It is in the printed report too.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await section.locator('.peer-lines').isVisible());
  await page.emulateMedia({ media: 'screen' });

  // Kept across a reload, in English too.
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('section.peers .peer-lines li').first().filter({ hasText: `Overall: ahead of about ${ahead(overall)}% of 40 peers` }).waitFor();

  // Removed on request.
  await page.getByRole('button', { name: 'Remove the benchmark file' }).click();
  assert.equal(await page.locator('section.peers .peer-lines').count(), 0);
  await page.reload();
  await appReady(page);
  await page.locator('section.peers').getByText(/no internet is needed/).waitFor();
  assertClean();
});
