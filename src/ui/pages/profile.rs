//! The profile step: the first step of every questionnaire, shared by all of them.
use super::step::{wizard_route, wizard_steps};
use crate::domain::assessment::locale::{format_decimal, parse_number};
use crate::domain::assessment::order::map_of;
use crate::domain::assessment::step::Step;
use crate::domain::assessment::text::{Lang, QuestionnaireId};
use crate::domain::records::profile::{Profile, ProfileEdit, ProfileError, ProfileField};
use crate::ui::components::profile_form::ProfileForm;
use crate::ui::components::step_nav::StepNav;
use crate::ui::context::{Tr, use_app};
use crate::ui::describe::Describe;
use crate::ui::route::Route;
use crate::ui::services::browser;
use crate::ui::state::Action;
use std::collections::BTreeMap;
use yew::prelude::*;

/// Props of [`ProfilePage`].
#[derive(Properties, PartialEq)]
pub struct ProfilePageProps {
    /// The questionnaire this profile step leads into.
    pub questionnaire: QuestionnaireId,
}

fn number_texts(p: &Profile, lang: Lang) -> BTreeMap<ProfileField, String> {
    let f = |v: Option<f64>| v.map(|v| format_decimal(v, lang)).unwrap_or_default();
    map_of([
        (
            ProfileField::Employees,
            p.employees.map(|n| n.to_string()).unwrap_or_default(),
        ),
        (ProfileField::Revenue, f(p.revenue_bn)),
        (ProfileField::Capital, f(p.capital_bn)),
        (ProfileField::FemaleShare, f(p.female_share_pct)),
    ])
}

/// Reads a typed number for a field: empty is `Ok(None)`; a bad number is `Err`.
fn read(field: ProfileField, text: &str, lang: Lang) -> Result<Option<ProfileEdit>, ()> {
    if text.trim().is_empty() {
        return Ok(Some(match field {
            ProfileField::Employees => ProfileEdit::Employees(None),
            ProfileField::Revenue => ProfileEdit::Revenue(None),
            ProfileField::Capital => ProfileEdit::Capital(None),
            ProfileField::FemaleShare => ProfileEdit::FemaleShare(None),
            _ => return Ok(None),
        }));
    }
    let v = parse_number(text, lang).filter(|v| *v >= 0.0).ok_or(())?;
    Ok(Some(match field {
        ProfileField::Employees if v.fract() == 0.0 && v <= 1e7 => {
            ProfileEdit::Employees(Some(v as u32))
        }
        ProfileField::Employees => return Err(()),
        ProfileField::Revenue => ProfileEdit::Revenue(Some(v)),
        ProfileField::Capital => ProfileEdit::Capital(Some(v)),
        ProfileField::FemaleShare => ProfileEdit::FemaleShare(Some(v)),
        _ => return Ok(None),
    }))
}

fn problem_messages(tr: &Tr, p: &Profile) -> BTreeMap<ProfileField, AttrValue> {
    map_of(p.problems().iter().map(|e| match e {
        ProfileError::TaxCode(t) => (ProfileField::TaxCode, t.describe(tr)),
        ProfileError::OutOfRange {
            field, min, max, ..
        } => (
            *field,
            tr.f(
                "input.out_of_range",
                &[
                    ("min", &format_decimal(*min, tr.lang)),
                    ("max", &format_decimal(*max, tr.lang)),
                ],
            ),
        ),
        ProfileError::NotANumber(field) => (*field, tr.t("input.not_a_number")),
    }))
}

/// The profile page.
#[component]
pub fn ProfilePage(props: &ProfilePageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let numbers = use_state(|| number_texts(&app.enterprise().profile, app.lang));
    let bad_numbers = use_state(BTreeMap::<ProfileField, ()>::new);
    let tried = use_state(|| false);
    let Some(q) = app.questionnaire(&props.questionnaire) else {
        return html! { <p><a href="#/">{ tr.t("nav.home") }</a></p> };
    };
    let profile = &app.enterprise().profile;
    let mut errors = problem_messages(&tr, profile);
    for f in bad_numbers.keys() {
        errors.insert(*f, tr.t("input.not_a_number"));
    }
    let on_edit = {
        let app = app.clone();
        Callback::from(move |edit| {
            app.dispatch(Action::EditProfile {
                edit,
                now: browser::now(),
            })
        })
    };
    let on_number = {
        let (app, numbers, bad) = (app.clone(), numbers.clone(), bad_numbers.clone());
        Callback::from(move |(field, text): (ProfileField, String)| {
            let mut texts = (*numbers).clone();
            texts.insert(field, text.clone());
            numbers.set(texts);
            let mut b = (*bad).clone();
            match read(field, &text, app.lang) {
                Ok(edit) => {
                    b.remove(&field);
                    if let Some(edit) = edit {
                        app.dispatch(Action::EditProfile {
                            edit,
                            now: browser::now(),
                        });
                    }
                }
                Err(()) => {
                    b.insert(field, ());
                }
            }
            bad.set(b);
        })
    };
    let qid = props.questionnaire.clone();
    let blocked = !errors.is_empty();
    let first_bad = errors.keys().next().copied();
    let on_next = {
        let (tried, qid) = (tried.clone(), qid.clone());
        Callback::from(move |_| {
            if blocked {
                tried.set(true);
                browser::focus_id(field_dom_id(first_bad.unwrap_or(ProfileField::TaxCode)));
            } else {
                browser::go(&Route::Step {
                    questionnaire: qid.clone(),
                    step: 0,
                });
            }
        })
    };
    let on_go = {
        let qid = qid.clone();
        Callback::from(move |i: usize| browser::go(&wizard_route(&qid, i)))
    };
    let sheet = app
        .draft(&qid)
        .map(|d| d.answers.clone())
        .unwrap_or_default();
    let step = Step::of(&q, &sheet, 0);
    let (done, total) = step.progress;
    let steps = wizard_steps(&tr, &q, &step.dimensions, profile);
    let heading = tr.f(
        "wizard.step_of",
        &[("n", "1"), ("total", &steps.len().to_string())],
    );
    let progress = tr.f(
        "wizard.progress",
        &[("done", &done.to_string()), ("total", &total.to_string())],
    );
    html! {
        <section class="wizard">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <StepNav tr={tr.clone()} {steps} current={0} {heading} answered={done} total={total} progress_label={progress} {on_go} />
            <h1 id="page-title" tabindex="-1">{ tr.t("profile.title") }</h1>
            <p class="dim-desc">{ tr.t("profile.lead") }</p>
            if *tried && blocked {
                <div class="alert" role="alert"><p>{ tr.t("profile.fix_errors") }</p></div>
            }
            <ProfileForm tr={tr.clone()} profile={profile.clone()} numbers={(*numbers).clone()} {errors} {on_edit} {on_number} />
            <div class="nav-buttons">
                <button type="button" class="btn btn-primary" onclick={on_next}>{ tr.t("wizard.next") }</button>
            </div>
            <p class="saved-note">{ tr.t("wizard.saved_note") }</p>
        </section>
    }
}

fn field_dom_id(f: ProfileField) -> &'static str {
    match f {
        ProfileField::Name => "pf-name",
        ProfileField::TaxCode => "pf-tax",
        ProfileField::MainActivity => "pf-activity",
        ProfileField::Employees => "pf-employees",
        ProfileField::Revenue => "pf-revenue",
        ProfileField::Capital => "pf-capital",
        ProfileField::Commune => "pf-commune",
        ProfileField::FemaleShare => "pf-female",
    }
}
