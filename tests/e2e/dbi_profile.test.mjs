// The full DBI questionnaire, the enterprise profile (tax-code check) and conditional questions, in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, gotoApp, screenshot, readJson, DESKTOP } from './helpers.mjs';

const dbi = readJson('questionnaires/dbi.json');
const quick = readJson('questionnaires/quick.json');

// A known answer set, by points: 3 points everywhere (15 on the strategy criterion), except C10 = 2, C11 = C12 = 4
// and C13 = 2, so that P1 earns exactly 39 of 65 (the official worked example). Numbers and ratios are typed the way
// a person would, to land in the 3-point bin.
const WANT_POINTS = { C10: 2, C11: 4, C12: 4, C13: 2, C14: 15 };
const pointsFor = (q) => WANT_POINTS[q.id] ?? 3;

function valueFor(q) {
  const want = pointsFor(q);
  const steps = q.bins.steps;
  const i = steps.findIndex((s) => s.points === want);
  const v = steps[i].up_to ?? steps[i - 1].up_to + 1;
  return i > 0 ? Math.floor((steps[i - 1].up_to + v) / 2) + 1 : v; // inside the bin, not on its edge
}

// An independent implementation of the DBI rules from the data file.
function binPoints(bins, value) {
  return bins.steps.find((s) => s.up_to === undefined || value <= s.up_to).points;
}
function expected() {
  const answers = {};
  for (const q of dbi.questions) {
    if (q.type === 'single') answers[q.id] = { points: q.options.find((o) => o.points === pointsFor(q)).points, id: q.options.find((o) => o.points === pointsFor(q)).id };
    else if (q.type === 'number') answers[q.id] = { points: binPoints(q.bins, valueFor(q)), value: valueFor(q) };
    else answers[q.id] = { points: binPoints(q.bins, valueFor(q)), value: valueFor(q) };
  }
  const visible = (q) => {
    if (!q.visible_if) return true;
    let m = /^(\w+) > (\d+)$/.exec(q.visible_if);
    if (m) return answers[m[1]].value > Number(m[2]);
    m = /^(\w+) != '(\w+)'$/.exec(q.visible_if);
    if (m) return answers[m[1]].id !== m[2];
    throw new Error(`unexpected condition ${q.visible_if}`);
  };
  const pillars = dbi.dimensions.map((d) => {
    const qs = dbi.questions.filter((q) => q.dimension === d.id);
    const earned = qs.reduce((s, q) => s + (visible(q) ? answers[q.id].points : 0), 0);
    const pct = (100 * earned) / d.max_points;
    const level = dbi.levels.find((b) => pct < b.max_pct || (b.inclusive && pct === b.max_pct)).level;
    return { id: d.id, name: d.name.vi, earned, max: d.max_points, level };
  });
  const total = pillars.reduce((s, p) => s + p.earned, 0);
  let overall = 0;
  for (const r of dbi.overall.rules) {
    if (total > r.total_above && pillars.filter((p) => p.level >= r.dimension_level).length >= r.min_dimensions) overall = r.level;
  }
  return { pillars, total, overall };
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('an invalid tax code is refused with the rule it breaks, and a valid one is accepted', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  const tax = page.getByLabel('Mã số doanh nghiệp (mã số thuế)');
  await tax.fill('0100109107');
  await tax.press('Tab');
  const msg = page.locator('#pf-tax-err');
  assert.match(await msg.innerText(), /chữ số này phải là 6, không phải 7/);
  assert.equal(await tax.getAttribute('aria-invalid'), 'true');
  assert.match(await tax.getAttribute('aria-describedby'), /pf-tax-err/);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('alert').filter({ hasText: 'Hãy sửa các ô có lỗi' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Hồ sơ doanh nghiệp', 'refused: still on the profile');
  await screenshot(page, 'profile-bad-tax-390');

  await tax.fill('0100109106-000');
  await tax.press('Tab');
  assert.match(await msg.innerText(), /000 không hợp lệ/);
  await tax.fill('01001091');
  await tax.press('Tab');
  assert.match(await msg.innerText(), /đúng 10 chữ số/);
  await tax.fill('0100109106');
  await tax.press('Tab');
  assert.equal(await msg.count(), 0);
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Vĩnh Long' });
  await page.getByText('Thương mại và dịch vụ', { exact: true }).click();
  assert.equal(await page.getByLabel('Tỉnh, thành phố').locator('option').count(), 35, '34 provinces and the empty choice');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  assertClean();
});

test('a conditional question appears and disappears with the answer it depends on', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('button', { name: /^Thương mại điện tử/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Thương mại điện tử' }).waitFor();
  const tm2 = page.locator('fieldset#q-TM2');
  assert.equal(await tm2.count(), 0, 'hidden while TM1 is unanswered');
  const tm1 = page.locator('fieldset#q-TM1');
  await tm1.getByText('Ít nhất một lần trong tuần', { exact: true }).click();
  await tm2.waitFor();
  await tm2.getByText('Có giỏ hàng và thanh toán trực tuyến', { exact: true }).click();
  await tm1.getByText('Không có website', { exact: true }).click();
  await tm2.waitFor({ state: 'detached' });
  await tm1.getByText('Ít nhất một lần trong quý', { exact: true }).click();
  await tm2.waitFor();
  assert.ok(await tm2.locator('input[value="cart"]').isChecked(), 'the hidden answer comes back with the question');
  assertClean();
});

test('completes the full DBI with a known answer set and shows the official levels', async () => {
  const want = expected();
  // Cross-check against the published rules by hand: every pillar at 60 % is level 3 (P1 39/65 is the worked
  // example), and a total of exactly 192 is not above 192, so the overall level is 3, not 4.
  assert.deepEqual(want.pillars.map((p) => [p.earned, p.level]), [[39, 3], [15, 3], [48, 3], [39, 3], [30, 3], [21, 3]]);
  assert.equal(want.total, 192);
  assert.equal(want.overall, 3);

  const { page, assertClean } = await openPage(env, { viewport: DESKTOP });
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: dbi.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  for (const [i, dim] of dbi.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of dbi.questions.filter((x) => x.dimension === dim.id)) {
      const field = page.locator(`fieldset#q-${q.id}`);
      if (q.visible_if && !(await field.count())) {
        // Conditional questions show up once the answer they depend on is given (checked below).
        await field.waitFor({ timeout: 2000 });
      }
      if (q.type === 'single') {
        await field.getByText(q.options.find((o) => o.points === pointsFor(q)).label.vi, { exact: true }).click();
      } else if (q.type === 'number') {
        await field.locator(`#${q.id}-in1`).fill(String(valueFor(q)));
        await field.locator(`#${q.id}-in1`).press('Tab');
      } else {
        await field.locator(`#${q.id}-in1`).fill(String(valueFor(q)));
        await field.locator(`#${q.id}-in1`).press('Tab');
        await field.locator(`#${q.id}-in2`).fill('100');
        await field.locator(`#${q.id}-in2`).press('Tab');
      }
    }
    assert.equal(await page.locator('.field-error').count(), 0);
    if (i === 0) await screenshot(page, 'dbi-p1-1280');
    const last = i === dbi.dimensions.length - 1;
    await page.getByRole('button', { name: last ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  assert.equal(await page.locator('.alert').count(), 0, 'complete: no "incomplete" warning');
  const overall = page.locator('section.overall');
  assert.equal(await overall.locator('.level-badge').innerText(), `Mức ${want.overall}`);
  assert.equal(await overall.locator('.level-name').innerText(), dbi.levels[want.overall].name.vi);
  assert.match(await overall.locator('.overall-score').innerText(), new RegExp(`${want.total}/320`));
  const bars = page.locator('li.bar-row');
  for (const [i, p] of want.pillars.entries()) {
    assert.equal(await bars.nth(i).locator('.bar-level').innerText(), `Mức ${p.level} · ${dbi.levels[p.level].name.vi}`);
    assert.match(await bars.nth(i).locator('.bar-score').innerText(), new RegExp(`${p.earned}/${p.max} điểm`));
  }
  await screenshot(page, 'dbi-results-1280');
  assertClean();
});
