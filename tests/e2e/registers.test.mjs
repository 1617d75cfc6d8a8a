// The office's own tables beside the results: a registry whose tax-code header is renamed (so the office maps it by
// hand) with bad rows, and a support register breaking each of the four rules. Every measure, flag and commune's
// coverage is counted again here, from the files themselves, and the target's measure survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, gotoApp, screenshot, ARTIFACTS, ROOT, DESKTOP, PHONE, appReady } from './helpers.mjs';
import { validTax, expected } from './count.mjs';
import { xlsx, parseCsv } from './xlsx.mjs';

const CLI = path.join(ROOT, 'target/release/dxcheck');
const dir = path.join(ARTIFACTS, 'registers');
const SUPPORT_DAY = '2026-06-01';
const LATE_DAY = '2026-11-30';

let env;
let want;
before(async () => {
  env = await setup();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const text = execFileSync(CLI, ['generate', '500', '--seed', '23'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  fs.writeFileSync(path.join(dir, 'results.jsonl'), text);
  want = count(text.trim().split('\n').map((l) => JSON.parse(l)));
  fs.writeFileSync(path.join(dir, 'registry.csv'), want.registryCsv.replace('Mã số doanh nghiệp', 'Số ĐKKD'));
  // The command line guesses columns only: its copy keeps the exported header.
  fs.writeFileSync(path.join(dir, 'registry-cli.csv'), want.registryCsv);
  fs.writeFileSync(path.join(dir, 'support.csv'), want.supportCsv);
  // The same tables as Excel workbooks (written by tests/e2e/xlsx.mjs, not by the app), and a damaged one.
  const registryXlsx = xlsx(parseCsv(want.registryCsv));
  fs.writeFileSync(path.join(dir, 'registry.xlsx'), registryXlsx);
  fs.writeFileSync(path.join(dir, 'support.xlsx'), xlsx(parseCsv(want.supportCsv)));
  fs.writeFileSync(path.join(dir, 'damaged.xlsx'), registryXlsx.subarray(0, 300));
});
after(async () => { await env?.close(); });

/** A valid tax code not in `taken`, from nine digits upward. */
function fresh(taken, from) {
  for (let n = from; ; n += 1) {
    const nine = String(n).padStart(9, '0');
    for (let d = 0; d < 10; d += 1) {
      const c = nine + d;
      if (validTax(c) && !taken.has(c)) { taken.add(c); return [c, n + 1]; }
    }
  }
}

/** Builds both tables from the records and counts what the page must show, by the rules of docs/registry.md and docs/support-register.md. */
function count(records) {
  const tally = expected(records);
  // Each enterprise's completed assessments (one state per assessment id), by 10-digit tax code.
  const byId = new Map();
  for (const r of records.filter((r) => r.status === 'completed')) {
    const prev = byId.get(r.assessment_id);
    if (!prev || r.completed_at > prev.completed_at) byId.set(r.assessment_id, r);
  }
  const history = new Map();
  for (const r of byId.values()) {
    if (!validTax(r.profile.tax_code)) continue;
    const k = r.profile.tax_code.slice(0, 10);
    if (!history.has(k)) history.set(k, []);
    history.get(k).push(r);
  }
  for (const list of history.values()) list.sort((a, b) => (a.completed_at < b.completed_at ? -1 : 1));
  const assessed = [...history.keys()].sort();
  const taken = new Set(assessed);
  const commune = (e) => history.get(e).at(-1).profile.commune;

  // Registry: every second assessed enterprise, one in five of them dissolved; 25 never assessed in “Xã Mới”; a wrong
  // check digit and a sector that is no VSIC code.
  const listed = assessed.filter((_, i) => i % 2 === 0);
  const stopped = new Set(listed.filter((_, i) => i % 5 === 4));
  let next = 10000001;
  const news = [];
  for (let i = 0; i < 25; i += 1) { const [c, n] = fresh(taken, next); next = n; news.push(c); }
  const rows = ['Mã số doanh nghiệp,Tên doanh nghiệp,Địa chỉ trụ sở,Ngành nghề kinh doanh chính,Tình trạng'];
  listed.forEach((e, i) => rows.push(`${e},DN ${i},"Số ${i} Lê Lợi, ${commune(e)}",4711,${stopped.has(e) ? 'Đã giải thể' : 'Đang hoạt động'}`));
  news.forEach((e, i) => rows.push(`${e},Mới ${i},Xã Mới,0111,`));
  const wrong = news[0].slice(0, 9) + String((Number(news[0][9]) + 1) % 10);
  rows.push(`${wrong},Sai mã,Xã Mới,0111,`);
  rows.push(`${news[1].slice(0, 9)}${news[1][9]}-001,Chi nhánh,Xã Mới,9x,`);
  const registryCsv = rows.join('\n') + '\n';
  const registered = new Set([...listed, ...news]);

  // Support register. Forty assessed enterprises at a workshop on 1 June (free text: timing and tax code checked only);
  // two surely micro enterprises over the micro cap of nd80-13 (50 million) late in November; one micro enterprise
  // under nd80-11-1, which excludes micro enterprises; a new enterprise of the registry, never assessed; a code nobody
  // knows; and two broken rows.
  const last = (e) => history.get(e).at(-1);
  const micro = assessed.filter((e) => {
    const p = last(e).profile;
    return p.entity_type === 'enterprise' && p.sector != null && p.employees != null && p.employees <= 10 && p.revenue_bn != null && p.revenue_bn <= 3
      && history.get(e)[0].completed_at.slice(0, 10) < LATE_DAY;
  }).slice(-3);
  assert.equal(micro.length, 3, 'three micro enterprises in the generated records');
  const [unknown] = fresh(taken, next);
  const support = ['Mã số thuế,Chương trình hỗ trợ,Hình thức hỗ trợ,Ngày hỗ trợ,Số tiền (VNĐ),Nguồn kinh phí'];
  const rowsRead = [];
  const add = (e, programme, day, amount) => {
    const [y, m, d] = day.split('-');
    support.push(`${e},${programme},Tư vấn,${d}/${m}/${y},"${amount.toLocaleString('de-DE')}",Ngân sách tỉnh`);
    rowsRead.push({ e, programme, day, amount, row: support.length });
  };
  // Enterprises assessed more than once first, so that some can improve after the workshop.
  const again = assessed.filter((e) => history.get(e).length > 1);
  const workshop = [...again.slice(0, 25), ...assessed.filter((e) => history.get(e).length === 1)].slice(0, 40);
  workshop.forEach((e) => add(e, 'Tập huấn kỹ năng số', SUPPORT_DAY, 0));
  add(micro[0], 'nd80-13', LATE_DAY, 60000000);
  add(micro[1], 'nd80-13', LATE_DAY, 30000000);
  add(micro[1], 'nd80-13', LATE_DAY, 30000000);
  add(micro[2], 'nd80-11-1', LATE_DAY, 10000000);
  add(news[2], 'Tập huấn kỹ năng số', SUPPORT_DAY, 0);
  add(unknown, 'nd80-13', SUPPORT_DAY, 1000000);
  support.push(`${assessed[0]},nd80-13,Tư vấn,31/06/2026,1000000,x`);
  support.push(`${assessed[1]},nd80-13,Tư vấn,2026-06-01,5tr,x`);
  const supportCsv = support.join('\n') + '\n';

  // The measures.
  const supported = new Set(rowsRead.map((r) => r.e));
  const firstSupport = new Map();
  for (const r of rowsRead) if (!firstSupport.has(r.e) || r.day < firstSupport.get(r.e)) firstSupport.set(r.e, r.day);
  let improved = 0;
  for (const [e, first] of firstSupport) {
    const list = (history.get(e) || []).map((r) => ({ day: r.completed_at.slice(0, 10), q: r.questionnaire.id, level: r.scores.overall.level }));
    const before = list.filter((a) => a.day <= first).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)).at(-1);
    if (before && list.some((a) => a.day > first && a.q === before.q && a.level > before.level)) improved += 1;
  }
  // The flags, by rule.
  const firstDay = (e) => history.get(e)?.[0].completed_at.slice(0, 10);
  const known = (e) => history.has(e) || registered.has(e);
  const flags = {
    overCap: 2,
    size: 1,
    before: rowsRead.filter((r) => known(r.e) && (!firstDay(r.e) || r.day < firstDay(r.e))).length,
    unknown: rowsRead.filter((r) => !known(r.e)).length,
  };
  // Coverage of the operating registered enterprises, by commune.
  const communes = new Map();
  const operating = [...listed.filter((e) => !stopped.has(e)), ...news];
  for (const e of operating) {
    const c = news.includes(e) ? 'Xã Mới' : commune(e);
    const x = communes.get(c) || { registered: 0, assessed: 0, supported: 0 };
    x.registered += 1;
    x.assessed += history.has(e) ? 1 : 0;
    x.supported += supported.has(e) ? 1 : 0;
    communes.set(c, x);
  }
  return {
    tally, registryCsv, supportCsv, assessed: assessed.length, supported: supported.size, improved, flags, communes,
    total: {
      registered: operating.length,
      assessed: operating.filter((e) => history.has(e)).length,
      supported: operating.filter((e) => supported.has(e)).length,
    },
    notAssessed: operating.filter((e) => !history.has(e)).length,
    registryRows: listed.length + news.length,
    supportRows: rowsRead.length,
    supportedSet: supported,
  };
}

const num = (s) => Number(s.replace(/\./g, ''));

test('the registry and the support register beside the results: measures, flags, coverage and the stored choice', async () => {
  assert.equal(want.assessed, want.tally.counted, 'enterprises assessed are those the tally counts');
  assert.ok(want.improved > 0, 'some supported enterprises improved after the workshop');
  assert.ok(want.flags.before > 1, 'some workshop rows come before a first assessment');
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/province');
  await page.setInputFiles('#prov-files', path.join(dir, 'results.jsonl'));
  await page.locator('#target-figure', { hasText: 'đã đánh giá' }).waitFor();
  assert.ok((await page.locator('#target-figure').innerText()).startsWith(`${want.tally.counted} / 1.000 doanh nghiệp đã đánh giá`));
  assert.equal(await page.locator('#measure-supported').isDisabled(), true, 'no register yet: only assessed can be counted');

  // The registry: its tax-code header is not recognised, so nothing can be read until the office maps it.
  await page.setInputFiles('#sheet-registry-file', path.join(dir, 'registry.csv'));
  await page.locator('#sheet-registry-summary', { hasText: 'Chưa chọn cột cho: Mã số thuế' }).waitFor();
  await page.getByLabel('Mã số thuế (bắt buộc)').first().selectOption({ label: 'Số ĐKKD' });
  await page.locator('#sheet-registry-summary', { hasText: 'Đã đọc' }).waitFor();
  assert.equal(await page.locator('#sheet-registry-summary').innerText(), `Đã đọc ${want.registryRows.toLocaleString('de-DE')} dòng, từ chối 2 dòng.`);

  // The support register, its columns guessed; the target now counts supported enterprises.
  await page.setInputFiles('#sheet-support-file', path.join(dir, 'support.csv'));
  await page.locator('#target-figure', { hasText: 'đã được hỗ trợ' }).waitFor();
  assert.equal(await page.locator('#sheet-support-summary').innerText(), `Đã đọc ${want.supportRows} dòng, từ chối 2 dòng.`);
  const refused = await page.locator('.sheet-import details.rejected li').allTextContents();
  assert.ok(refused.some((t) => t.includes('31/06/2026')), refused.join('\n'));
  assert.ok(refused.some((t) => t.includes('5tr')));
  assert.ok(refused.some((t) => t.includes('không hợp lệ')), 'the wrong check digit of the registry');
  assert.equal(await page.locator('#target-figure').innerText(), `${want.supported} / 1.000 doanh nghiệp đã được hỗ trợ (${(want.supported / 10).toFixed(1).replace('.', ',').replace(/,0$/, '')}%)`);
  assert.equal(await page.locator('#measure-supported').isChecked(), true);
  const labels = await page.locator('.measure-choice label').allInnerTexts();
  assert.deepEqual(labels.map((l) => num(l.match(/\(([\d.]+)\)/)[1])), [want.assessed, want.supported, want.improved]);

  // Every flag, by its rule.
  const flags = await page.locator('ul.flags li').allInnerTexts();
  const by = (s) => flags.filter((f) => f.includes(s)).length;
  assert.deepEqual(
    { overCap: by('vượt mức tối đa'), size: by('không dành cho'), before: by('trước lần đánh giá đầu tiên') + by('chưa từng được đánh giá'), unknown: by('không có trong danh sách đăng ký và không có kết quả') },
    want.flags,
  );
  assert.equal(flags.length, Object.values(want.flags).reduce((a, b) => a + b, 0));
  assert.ok(flags.some((f) => f.includes('Nghị định 80/2021/NĐ-CP')), 'an over-cap flag names its legal reference');

  // Coverage: the total, and every commune.
  const total = await page.locator('#coverage-total').innerText();
  assert.ok(total.startsWith(`${want.total.registered.toLocaleString('de-DE')} doanh nghiệp đăng ký đang hoạt động: ${want.total.assessed.toLocaleString('de-DE')} đã đánh giá`), total);
  assert.ok(total.includes(`${want.total.supported} đã được hỗ trợ`), total);
  await page.locator('summary', { hasText: 'Độ phủ theo xã/phường' }).click();
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Độ phủ theo xã/phường' }) });
  await table.waitFor();
  const got = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText)));
  const gotMap = new Map(got.map((r) => [r[0], { registered: num(r[1]), assessed: num(r[2]), supported: num(r[4]) }]));
  assert.deepEqual(Object.fromEntries(gotMap), Object.fromEntries(want.communes));

  // The outreach list: every registered enterprise never assessed, and assessed ones at level 0–2 without support.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải danh sách cần tiếp cận (CSV)' }).click()]);
  const saved = path.join(ARTIFACTS, dl.suggestedFilename());
  await dl.saveAs(saved);
  const lines = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  assert.equal(lines.filter((l) => l[4] === 'not_assessed').length, want.notAssessed);
  const low = lines.filter((l) => l[4] === 'low_level_no_support');
  assert.ok(low.length > 0, 'some low-level enterprises match a programme and were not supported');
  assert.ok(low.every((l) => Number(l[5]) <= 2 && !want.supportedSet.has(l[2]) && l[6] !== ''));
  await screenshot(page, 'registers-desktop');

  // The office chooses “supported and improved”; the choice and the mapping survive a reload.
  await page.getByLabel(/Được hỗ trợ và đã nâng mức/).check();
  await page.locator('#target-figure', { hasText: 'được hỗ trợ và đã nâng mức' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.locator('#target-figure', { hasText: 'được hỗ trợ và đã nâng mức' }).waitFor();
  assert.ok((await page.locator('#target-figure').innerText()).startsWith(`${want.improved} / 1.000`));
  assert.equal(await page.locator('#measure-supported_and_improved').isChecked(), true);
  await page.locator('#sheet-registry-summary', { hasText: 'Đã đọc' }).waitFor();

  // The command line on the same files gives the same measures, flags and coverage.
  const cli = execFileSync(CLI, ['tally', path.join(dir, 'results.jsonl'), '--registry', path.join(dir, 'registry-cli.csv'), '--support', path.join(dir, 'support.csv')], { encoding: 'utf8' });
  const figure = (label) => Number(cli.split('\n').find((l) => l.startsWith(label)).slice(label.length).trim().split(/\s+/)[0]);
  assert.deepEqual([figure('assessed'), figure('supported  '), figure('supported, improved'), figure('flags')], [want.assessed, want.supported, want.improved, flags.length]);
  const all = cli.split('\n').find((l) => l.trim().startsWith('all operating')).trim().split(/\s+/).slice(2).map(Number);
  assert.deepEqual(all, [want.total.registered, want.total.assessed, want.total.supported]);
  await assertClean();
});

test('on a phone the office tables and the measure are usable by keyboard', async () => {
  const { page, assertClean } = await openPage(env, { viewport: PHONE });
  await gotoApp(page, env.url, '#/province');
  await page.setInputFiles('#prov-files', path.join(dir, 'results.jsonl'));
  await page.setInputFiles('#sheet-support-file', path.join(dir, 'support.csv'));
  await page.locator('#target-figure', { hasText: 'đã được hỗ trợ' }).waitFor();
  // The radios are one group: arrow keys move the choice, as with any native radio group.
  await page.locator('#measure-supported').focus();
  await page.keyboard.press('ArrowUp');
  await page.locator('#target-figure', { hasText: 'đã đánh giá' }).waitFor();
  assert.equal(await page.locator('#measure-assessed').isChecked(), true);
  // Forgetting the register leaves only the assessed count, and says how to count support.
  await page.getByRole('button', { name: 'Bỏ sổ theo dõi hỗ trợ' }).click();
  await page.locator('text=Nạp sổ theo dõi hỗ trợ bên dưới').waitFor();
  assert.equal(await page.locator('#measure-supported').isDisabled(), true);
  await screenshot(page, 'registers-phone');
  await assertClean();
});

test('XLSX tables read as their CSV twins, and a damaged workbook is refused beside its table', async () => {
  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url, '#/province');
  await page.setInputFiles('#prov-files', path.join(dir, 'results.jsonl'));
  await page.locator('#target-figure', { hasText: 'đã đánh giá' }).waitFor();
  // A damaged workbook: said beside its table, and the figures shown stay.
  await page.setInputFiles('#sheet-registry-file', path.join(dir, 'damaged.xlsx'));
  await page.locator('#sheet-registry-fault', { hasText: 'không phải là bảng tính XLSX đọc được' }).waitFor();
  assert.ok((await page.locator('#target-figure').innerText()).startsWith(`${want.tally.counted} / 1.000 doanh nghiệp đã đánh giá`), 'the figures stay');
  // The workbooks, their columns guessed from the exported headers: the same rows read and refused as the CSV.
  await page.setInputFiles('#sheet-registry-file', path.join(dir, 'registry.xlsx'));
  await page.locator('#sheet-registry-summary', { hasText: 'Đã đọc' }).waitFor();
  assert.equal(await page.locator('#sheet-registry-fault').count(), 0, 'the fault goes once a table reads');
  assert.equal(await page.locator('#sheet-registry-summary').innerText(), `Đã đọc ${want.registryRows.toLocaleString('de-DE')} dòng, từ chối 2 dòng.`);
  await page.setInputFiles('#sheet-support-file', path.join(dir, 'support.xlsx'));
  await page.locator('#target-figure', { hasText: 'đã được hỗ trợ' }).waitFor();
  assert.equal(await page.locator('#sheet-support-summary').innerText(), `Đã đọc ${want.supportRows} dòng, từ chối 2 dòng.`);
  assert.ok((await page.locator('#target-figure').innerText()).startsWith(`${want.supported} / 1.000 doanh nghiệp đã được hỗ trợ`));
  const total = await page.locator('#coverage-total').innerText();
  assert.ok(total.startsWith(`${want.total.registered.toLocaleString('de-DE')} doanh nghiệp đăng ký đang hoạt động: ${want.total.assessed.toLocaleString('de-DE')} đã đánh giá`), total);
  assert.ok(total.includes(`${want.total.supported} đã được hỗ trợ`), total);
  const flags = await page.locator('ul.flags li').count();
  assert.equal(flags, Object.values(want.flags).reduce((a, b) => a + b, 0), 'every flag, as from the CSV');

  // The office's own threshold for small numbers: every count in the summary tables is held back or at least it,
  // more cells are held back than at the default, and the setting is remembered.
  const aggregates = async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bảng tổng hợp (CSV)' }).click()]);
    const saved = path.join(ARTIFACTS, `threshold-${dl.suggestedFilename()}`);
    await dl.saveAs(saved);
    return fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
  };
  const held = (rows) => rows.filter((r) => r.includes('x')).length;
  const byDefault = await aggregates();
  assert.equal(await page.locator('#prov-threshold').inputValue(), '10');
  await page.locator('#prov-threshold').fill('60');
  await page.locator('#prov-threshold').press('Tab');
  const raised = await aggregates();
  const counts = raised.filter((r) => (r[0] === 'summary' && ['counted', 'reassessed', 'improved', 'without_tax_code'].includes(r[1]))
    || ((r[0] === 'programmes' || r[0] === 'barriers') && r[1] !== 'id'));
  assert.ok(counts.length > 5, 'the summary counts are in the file');
  assert.ok(counts.every((r) => r[2] === 'x' || Number(r[2]) >= 60), counts.map((r) => r.join(',')).join('\n'));
  assert.ok(held(raised) > held(byDefault), `more held back at 60 (${held(raised)}) than at 10 (${held(byDefault)})`);
  await page.locator('#prov-threshold').fill('1');
  await page.locator('#prov-threshold').press('Tab');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('#prov-threshold').inputValue(), '3', 'never under 3, and remembered');
  await assertClean();
});
