// The quick check, driven as a person would: by clicking labels, in Vietnamese, on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, gotoApp, screenshot, readJson, PHONE, DESKTOP, appReady } from './helpers.mjs';

const quick = readJson('questionnaires/quick.json');

// A known answer set: option ids by question. TM1 'none' hides TM2; BH2 and TM8 are "not applicable".
const ANSWERS = readJson('tests/golden/quick_answers.json');

// An independent implementation of the published rules, from the data file: points per option, "not applicable"
// leaves the maximum, bands on the share, overall = weighted mean of dimension shares.
function visible(question, answers) {
  if (!question.visible_if) return true;
  const m = /^(\w+) (==|!=) '(\w+)'$/.exec(question.visible_if);
  if (!m) throw new Error(`this test only understands simple conditions, not ${question.visible_if}`);
  const given = answers[m[1]];
  return given !== undefined && (m[2] === '==' ? given === m[3] : given !== m[3]);
}
function levelOf(share, levels) {
  for (const b of levels) {
    const pct = share * 100;
    if (pct < b.max_pct || (b.inclusive && Math.abs(pct - b.max_pct) < 1e-9)) return b.level;
  }
  return 5;
}
function expected(q, answers) {
  const dims = q.dimensions.map((d) => {
    let earned = 0, max = 0;
    for (const question of q.questions.filter((x) => x.dimension === d.id && !x.optional)) {
      if (!visible(question, answers)) continue;
      const opt = question.options.find((o) => o.id === answers[question.id]);
      if (!opt) throw new Error(`no answer for ${question.id}`);
      if (opt.na) continue;
      earned += opt.points; max += question.max_points || q.default_max_points;
    }
    return { id: d.id, name: d.name.vi, share: earned / max, weight: d.weight || 1 };
  });
  const overall = dims.reduce((s, d) => s + d.share * d.weight, 0) / dims.reduce((s, d) => s + d.weight, 0);
  return { dims: dims.map((d) => ({ ...d, level: levelOf(d.share, q.levels) })), overall, level: levelOf(overall, q.levels) };
}
const levelName = (n) => quick.levels[n].name.vi;

async function answer(page, qid) {
  const question = quick.questions.find((x) => x.id === qid);
  const option = question.options.find((o) => o.id === ANSWERS[qid]);
  await page.locator(`fieldset#q-${qid}`).getByText(option.label.vi, { exact: true }).click();
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('completes the quick check in Vietnamese by clicking and shows the right levels', async () => {
  const want = expected(quick, ANSWERS);
  // Cross-check the independent computation against levels worked out by hand from the DBI bands.
  assert.deepEqual(want.dims.map((d) => d.level), [3, 3, 1]);
  assert.equal(want.level, 2);

  const { page, assertClean } = await openPage(env, { viewport: PHONE });
  await gotoApp(page, env.url);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Doanh nghiệp của bạn đang ở mức chuyển đổi số nào?' }).waitFor());
  await screenshot(page, 'welcome-390');
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  // The profile comes first; every field is optional.
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  await screenshot(page, 'profile-390');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();

  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    if (i === 0) {
      // Unanswered questions are flagged before moving on.
      await page.getByRole('button', { name: 'Tiếp theo' }).click();
      await page.locator('#unanswered-summary').waitFor();
      assert.equal(await page.locator('fieldset.flagged').count(), quick.questions.filter((q) => q.dimension === dim.id && !q.optional).length);
      await screenshot(page, 'unanswered-flagged-390');
    }
    for (const q of quick.questions.filter((x) => x.dimension === dim.id && ANSWERS[x.id])) await answer(page, q.id);
    if (dim.id === 'TMDT') {
      assert.equal(await page.locator('fieldset#q-TM2').count(), 0, 'TM2 is hidden when there is no website');
      await screenshot(page, 'step-ecommerce-390');
    }
    assert.equal(await page.locator('fieldset.flagged').count(), 0, 'no question stays flagged once answered');
    const last = i === quick.dimensions.length - 1;
    await page.getByRole('button', { name: last ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }

  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  const overall = page.locator('section.overall');
  assert.equal(await overall.locator('.level-name').innerText(), levelName(want.level));
  assert.equal(await overall.locator('.level-badge').innerText(), `Mức ${want.level}`);
  const bars = page.locator('li.bar-row');
  assert.equal(await bars.count(), want.dims.length);
  for (const [i, d] of want.dims.entries()) {
    assert.equal(await bars.nth(i).locator('.bar-name').innerText(), d.name);
    assert.equal(await bars.nth(i).locator('.bar-level').innerText(), `Mức ${d.level} · ${levelName(d.level)}`);
  }
  // The radar has a text alternative and a table fallback; the disclaimer is shown.
  assert.match(await page.locator('figure.radar svg').getAttribute('aria-label'), /Quản trị 42,5%/);
  assert.equal(await page.locator('figure.radar table tbody tr').count(), 3);
  await page.getByText('không phải kết quả đánh giá hay chứng nhận chính thức', { exact: false }).waitFor();
  // The answers that cost most: QT8 "Không có" lost all 5 points.
  await page.locator('section.losses', { hasText: 'Quản trị' }).getByText(quick.questions.find((q) => q.id === 'QT8').text.vi).waitFor();
  await screenshot(page, 'results-390');
  await page.setViewportSize(DESKTOP);
  await screenshot(page, 'results-1280');
  assertClean();
});

test('a reload mid-way resumes at the same step with the same answers', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByLabel('Tên doanh nghiệp').fill('Công ty TNHH Cà phê Đắk Lắk');
  await page.getByLabel('Tên doanh nghiệp').press('Tab');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  for (const q of quick.questions.filter((x) => x.dimension === 'QT' && !x.optional)) await answer(page, q.id);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bán hàng' }).waitFor();
  await answer(page, 'BH1');

  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Bán hàng' }).waitFor();
  assert.match(page.url(), /#\/q\/quick\/1$/);
  assert.ok(await page.locator('fieldset#q-BH1 input[value="all"]').isChecked());
  assert.match(await page.locator('.progress-text').innerText(), /^Đã trả lời 9\/\d+ câu$/);
  // The profile was saved too.
  await page.getByRole('button', { name: /^Hồ sơ/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
  assert.equal(await page.getByLabel('Tên doanh nghiệp').inputValue(), 'Công ty TNHH Cà phê Đắk Lắk');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  await page.getByRole('button', { name: /^Bán hàng/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Bán hàng' }).waitFor();

  // The welcome page offers to continue, and "start over" asks before deleting.
  await gotoApp(page, env.url, '#/');
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bán hàng' }).waitFor();
  await page.getByRole('button', { name: 'Làm lại từ đầu' }).click();
  await page.getByRole('button', { name: 'Hủy' }).click();
  assert.ok(await page.locator('fieldset#q-BH1 input[value="all"]').isChecked(), 'cancel keeps the answers');
  await page.getByRole('button', { name: 'Làm lại từ đầu' }).click();
  await page.getByRole('button', { name: 'Xóa và làm lại' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  assert.equal(await page.locator('input:checked').count(), 0);
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  assert.equal(await page.locator('input:checked').count(), 0, 'the new empty draft is what was saved');
  assertClean();
});

test('switches to English and remembers the choice', async () => {
  const { page, assertClean } = await openPage(env);
  await gotoApp(page, env.url);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'How far has your business come in digital transformation?' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'How far has your business come in digital transformation?' }).waitFor();
  await page.locator('article', { hasText: quick.title.en }).getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enterprise profile' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 1, name: 'Management' }).waitFor();
  await page.locator('fieldset#q-QT1').getByText('Excel spreadsheets', { exact: true }).click();
  await screenshot(page, 'step-management-en-390');
  assertClean();
});
