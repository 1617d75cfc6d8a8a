//! The reducer, natively: each action does what a person expects and nothing more (field errors kept and cleared,
//! a deletion undone, a step remembered without touching anything else, a last enterprise never lost).
#![cfg(feature = "web")]
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerError;
use dx_check::domain::assessment::text::{Lang, OptionId, QuestionId, QuestionnaireId};
use dx_check::domain::catalog::Catalog;
use dx_check::domain::records::draft::{AssessmentId, EnterpriseId, Uuid};
use dx_check::domain::records::workspace::Workspace;
use dx_check::ui::route::Route;
use dx_check::ui::state::{Action, AppState, Notice};
use std::rc::Rc;
use yew::Reducible;

const NOW: &str = "2026-12-03T08:00:00.000Z";

/// A bare UUID (a workshop's).
fn id(n: u8) -> Uuid {
    Uuid::from_random([n; 16])
}

fn enterprise(n: u8) -> EnterpriseId {
    EnterpriseId::from(id(n))
}

fn assessment(n: u8) -> AssessmentId {
    AssessmentId::from(id(n))
}

fn start() -> Rc<AppState> {
    let catalog: &'static Catalog = Box::leak(Box::new(
        Catalog::builtin().expect("the built-in catalogue validates"),
    ));
    let ws = Workspace::new(Vec::new(), None, None, enterprise(1), NOW);
    Rc::new(AppState::new(
        catalog,
        Lang::Vi,
        Route::Welcome,
        ws,
        Vec::new(),
    ))
}

fn quick() -> QuestionnaireId {
    QuestionnaireId("quick".into())
}

fn run(s: Rc<AppState>, actions: Vec<Action>) -> Rc<AppState> {
    actions.into_iter().fold(s, |s, a| s.reduce(a))
}

fn begin(n: u8) -> Action {
    Action::Begin {
        questionnaire: quick(),
        id: assessment(n),
        now: NOW.into(),
    }
}

fn choose(question: &str, option: &str) -> Action {
    Action::Answer {
        questionnaire: quick(),
        question: QuestionId(question.into()),
        answer: Answer::Choice(OptionId(option.into())),
        now: NOW.into(),
    }
}

#[test]
fn begin_starts_once_and_joins_the_running_workshop() {
    let s = run(
        start(),
        vec![
            Action::StartWorkshop {
                id: id(9),
                date: "2026-12-03".into(),
            },
            begin(2),
            begin(3),
        ],
    );
    let d = s.draft(&quick()).expect("a draft of the quick check");
    assert_eq!(d.id, assessment(2), "a second Begin keeps the first draft");
    assert_eq!(
        s.enterprise().workshop.as_ref().and_then(|w| w.id.clone()),
        Some(id(9))
    );
}

#[test]
fn a_refused_answer_is_kept_by_question_until_an_accepted_one() {
    let s = run(start(), vec![begin(2), choose("QT1", "nope")]);
    let qt1 = QuestionId("QT1".into());
    assert!(matches!(
        s.input_errors.get(&qt1),
        Some(AnswerError::UnknownOption { .. })
    ));
    assert!(
        s.draft(&quick())
            .is_some_and(|d| d.answers.get(&qt1).is_none())
    );
    let s = s.reduce(choose("QT1", "excel"));
    assert!(s.input_errors.is_empty());
    assert_eq!(
        s.draft(&quick()).and_then(|d| d.answers.get(&qt1)),
        Some(&Answer::Choice(OptionId("excel".into())))
    );
    // Clearing removes it.
    let s = s.reduce(Action::Clear {
        questionnaire: quick(),
        question: qt1.clone(),
        now: NOW.into(),
    });
    assert!(
        s.draft(&quick())
            .is_some_and(|d| d.answers.get(&qt1).is_none())
    );
}

#[test]
fn a_step_is_remembered_and_the_same_step_changes_nothing() {
    let s = run(start(), vec![begin(2)]);
    let step = |n| {
        Action::Route(Route::Step {
            questionnaire: quick(),
            step: n,
        })
    };
    let s = s.reduce(step(2));
    assert_eq!(s.draft(&quick()).map(|d| d.step), Some(2));
    let before = Rc::clone(&s.workspace);
    let s = s.reduce(step(2));
    assert!(
        Rc::ptr_eq(&before, &s.workspace),
        "showing the same step again leaves the workspace as it was (nothing to save)"
    );
    assert_eq!(
        s.route,
        Route::Step {
            questionnaire: quick(),
            step: 2
        }
    );
}

#[test]
fn delete_then_undo_and_the_last_enterprise_stays() {
    let s = run(
        start(),
        vec![Action::CreateEnterprise {
            id: enterprise(5),
            now: NOW.into(),
        }],
    );
    assert_eq!(s.workspace.enterprises.len(), 2);
    let s = s.reduce(Action::DeleteEnterprise {
        id: enterprise(5),
        new_id: enterprise(6),
        now: NOW.into(),
    });
    assert_eq!(s.workspace.enterprises.len(), 1);
    assert!(matches!(s.notices.as_slice(), [Notice::Deleted { .. }]));
    let s = s.reduce(Action::UndoDelete);
    assert_eq!(s.workspace.enterprises.len(), 2);
    assert!(s.notices.is_empty(), "the undo notice goes with the undo");
    // Another tab deleting one goes through; deleting the last one here does not.
    let s = s.reduce(Action::ExternalDelete(enterprise(5)));
    assert_eq!(s.workspace.enterprises.len(), 1);
    let s = s.reduce(Action::ExternalDelete(enterprise(1)));
    assert_eq!(s.workspace.enterprises.len(), 1);
    assert!(s.workspace.enterprises.contains_key(&enterprise(1)));
}

#[test]
fn workspace_actions_clear_field_errors_and_notices_are_not_repeated() {
    let s = run(start(), vec![begin(2), choose("QT1", "nope")]);
    assert_eq!(s.input_errors.len(), 1);
    let s = s.reduce(Action::SwitchEnterprise(enterprise(1)));
    assert!(s.input_errors.is_empty());
    let s = run(
        s,
        vec![
            Action::Notify(Notice::QuotaExceeded),
            Action::Notify(Notice::QuotaExceeded),
            Action::Dismiss(7),
        ],
    );
    assert_eq!(
        s.notices,
        [Notice::QuotaExceeded],
        "once, and a stale dismiss is ignored"
    );
    let s = s.reduce(Action::Dismiss(0));
    assert!(s.notices.is_empty());
}

#[test]
fn start_over_keeps_a_completed_assessment_as_history() {
    let catalog = Catalog::builtin().expect("validates");
    let q = catalog.questionnaire(&quick()).expect("ships").clone();
    let mut actions = vec![begin(2)];
    for question in &q.questions {
        if question.visible_if.is_none() && !question.optional {
            let o = &question.kind.options()[0];
            actions.push(choose(question.id.as_str(), o.id.as_str()));
        }
    }
    let s = run(start(), actions);
    assert!(
        s.draft(&quick()).is_some_and(|d| d.completed_at.is_some()),
        "every shown question answered"
    );
    let s = s.reduce(Action::StartOver {
        questionnaire: quick(),
        id: assessment(3),
        now: "2026-12-04T08:00:00.000Z".into(),
    });
    assert_eq!(s.draft(&quick()).map(|d| d.id.clone()), Some(assessment(3)));
    assert!(s.draft(&quick()).is_some_and(|d| d.answers.is_empty()));
    assert_eq!(s.enterprise().history.len(), 1);
    assert_eq!(s.enterprise().history[0].assessment_id, assessment(2));
}
