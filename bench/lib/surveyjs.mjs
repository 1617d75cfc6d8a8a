// The quick check as a plain SurveyJS page, the yardstick of the first-answer section (lib/firstanswer.mjs): what a
// team would ship with the SurveyJS form library instead of DX Check. Written to bench/out/surveyjs/ at bench time
// from survey-core and survey-js-ui in bench/node_modules (nothing of SurveyJS is in the app):
// - index.html: the stylesheet and the scripts (deferred, so they download while the page is parsed), no CSP;
// - survey.js: the survey JSON, made here from questionnaires/*.json, and `survey.render`;
// - .br and .gz beside every file (tools/compress.mjs), so tools/serve.mjs serves it as compressed as dist/.
// The pages follow DX Check: a start page with the quick check's title and description, the profile page with the
// fields of DX Check's (labels from locale.json, the 34 provinces as a dropdown), then one page per dimension.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { OUT, ROOT } from './common.mjs';

const DIR = path.join(OUT, 'surveyjs');
const MODULES = path.join(ROOT, 'bench/node_modules');
// Copied as they are; the fontless stylesheet, because the other one loads Open Sans from fonts.gstatic.com.
const ASSETS = {
  'survey-core.min.css': 'survey-core/survey-core.fontless.min.css',
  'survey.core.min.js': 'survey-core/survey.core.min.js',
  'vietnamese.min.js': 'survey-core/i18n/vietnamese.min.js',
  'survey-js-ui.min.js': 'survey-js-ui/survey-js-ui.min.js',
};

const read = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'questionnaires', name), 'utf8'));
const quick = read('quick.json');
const { strings } = read('locale.json');
const { provinces } = read('provinces.json');

/** A string of locale.json in Vietnamese, with its {placeholders} filled. */
function s(key, values = {}) {
  return strings[key].vi.replace(/\{(\w+)\}/g, (_, k) => values[k]);
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The start page: under the survey's title and description, the facts of the quick check's card on DX Check's
 * welcome page. */
function startPage() {
  const facts = s('welcome.card_facts', { minutes: quick.estimated_minutes, count: quick.questions.length });
  return { name: 'start', elements: [{ type: 'html', name: 'facts', html: `<p>${escapeHtml(facts)}</p>` }] };
}

/** The profile page: DX Check's profile form (components/profile_form.rs), its fieldsets as panels. */
function profilePage() {
  const text = (name, key, more = {}) => ({ type: 'text', name, title: s(key), ...more });
  const number = (name, key, unit) => text(name, key, { inputType: 'number', min: 0, title: `${s(key)} (${unit})` });
  const choice = (name, key, options) => ({
    type: 'radiogroup', name, title: s(key), choices: options.map(([value, label]) => ({ value, text: s(label) })),
  });
  const panel = (name, key, elements) => ({ type: 'panel', name, title: s(key), elements });
  return {
    name: 'profile', title: s('profile.title'), description: s('profile.lead'),
    elements: [
      panel('who', 'profile.who', [
        text('name', 'profile.name', { description: s('profile.name_why') }),
        text('tax_code', 'profile.tax_code', { description: s('profile.tax_why') }),
        choice('entity_type', 'profile.entity', [['enterprise', 'profile.entity_enterprise'],
          ['cooperative', 'profile.entity_cooperative'], ['household', 'profile.entity_household']]),
      ]),
      panel('sector_group', 'profile.sector_legend', [
        { ...choice('sector', 'profile.sector', [['agri_industry_construction', 'profile.sector_agri'],
          ['trade_services', 'profile.sector_trade']]), description: s('profile.sector_why') },
        text('main_activity', 'profile.activity'),
      ]),
      panel('size', 'profile.size_legend', [
        number('employees', 'profile.employees', s('profile.unit_people')),
        number('revenue', 'profile.revenue', s('profile.unit_bn')),
        number('capital', 'profile.capital', s('profile.unit_bn')),
      ]),
      panel('place', 'profile.place_legend', [
        {
          type: 'dropdown', name: 'province', title: s('profile.province'), description: s('profile.province_why'),
          placeholder: s('profile.choose'), choices: provinces.map((p) => ({ value: p.code, text: p.name })),
        },
        text('commune', 'profile.commune'),
      ]),
      panel('women', 'profile.women_legend', [
        choice('woman_owner', 'profile.woman_owner', [['yes', 'common.yes'], ['no', 'common.no']]),
        number('female_share', 'profile.female_share', '%'),
      ]),
    ],
  };
}

/**
 * A `visible_if` as a SurveyJS expression: `{ID}` for a question id and `=` for `==`. Only comparisons joined by
 * and/or, which is what quick.json uses; `in`, `has`, `not` and `answered(…)` would need more and are refused.
 * Unlike DX Check, SurveyJS holds `{TM1} != 'none'` true while TM1 is unanswered, which shows TM2 early; that is
 * after the first answer, so it changes nothing measured.
 */
function visibleIf(expr) {
  const ids = new Set(quick.questions.map((q) => q.id));
  return expr.replace(/'[^']*'|"[^"]*"|==|\w+/g, (token) => {
    if (['in', 'has', 'not', 'answered'].includes(token)) throw new Error(`surveyjs: cannot translate \`${expr}\``);
    return token === '==' ? '=' : ids.has(token) ? `{${token}}` : token;
  });
}

/** One question of the questionnaire format as a SurveyJS question. */
function question(q) {
  const common = {
    name: q.id, title: q.text.vi, description: q.help?.vi, visibleIf: q.visible_if && visibleIf(q.visible_if),
  };
  const choices = () => q.options.map((o) => ({ value: o.id, text: o.label.vi, isExclusive: o.exclusive }));
  switch (q.type) {
    case 'single': return { type: 'radiogroup', ...common, choices: choices() };
    case 'multi': return { type: 'checkbox', ...common, choices: choices() };
    case 'number': return { type: 'text', inputType: 'number', min: q.min, max: q.max, ...common };
    default: throw new Error(`surveyjs: question ${q.id} is of type ${q.type}, which has no SurveyJS form here`);
  }
}

function dimensionPage(dim) {
  return {
    name: dim.id, title: dim.name.vi, description: dim.description.vi,
    elements: quick.questions.filter((q) => q.dimension === dim.id).map(question),
  };
}

function surveyJson() {
  return {
    locale: 'vi', title: quick.title.vi, description: quick.description.vi, firstPageIsStartPage: true,
    pages: [startPage(), profilePage(), ...quick.dimensions.map(dimensionPage)],
  };
}

const INDEX = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(quick.title.vi)} · SurveyJS</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="survey-core.min.css">
  <script defer src="survey.core.min.js"></script>
  <script defer src="vietnamese.min.js"></script>
  <script defer src="survey-js-ui.min.js"></script>
  <script defer src="survey.js"></script>
</head>
<body>
  <div id="survey"></div>
</body>
</html>
`;

/** Writes the page into DIR (emptied first) and returns DIR. */
export function build() {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  for (const [name, from] of Object.entries(ASSETS)) fs.copyFileSync(path.join(MODULES, from), path.join(DIR, name));
  fs.writeFileSync(path.join(DIR, 'index.html'), INDEX);
  fs.writeFileSync(path.join(DIR, 'survey.js'),
    `new Survey.Model(${JSON.stringify(surveyJson())}).render(document.getElementById('survey'));\n`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'tools/compress.mjs'), DIR], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/compress.mjs ${DIR} failed: ${r.stderr}`);
  return DIR;
}
