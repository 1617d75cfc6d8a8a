//! "Send your result", on the results page: the result link (its code carries the result, `domain::result_code`),
//! Share, Copy link and the QR code, what the link holds, whether this browser may delete the answers, and a
//! reminder when the result changed since it last left the device.
use crate::domain::APP_VERSION;
use crate::domain::advice::chart::qr_path;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::result_code::ResultCode;
use crate::ui::components::qr_code::QrCode;
use crate::ui::context::{Tr, use_app};
use crate::ui::describe::Describe;
use crate::ui::describe::level_name;
use crate::ui::pages::storage_note::StorageNote;
use crate::ui::services::device::{self, ShareFile, Shared};
use crate::ui::services::{browser, worker};
use crate::ui::state::Action;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Props of [`SendSection`].
#[derive(Properties, PartialEq)]
pub struct SendSectionProps {
    /// The questionnaire whose result is sent.
    pub questionnaire: QuestionnaireId,
}

/// Where the QR code stands.
#[derive(Clone, PartialEq)]
enum Qr {
    Hidden,
    Loading,
    /// Its width in modules and its path, for this link.
    Ready(AttrValue, usize, AttrValue),
    Failed(AttrValue),
}

/// What the link and the file say, once made.
struct Made {
    link: AttrValue,
    summary: AttrValue,
    file_name: String,
    json: String,
}

fn make(
    app: &crate::ui::context::AppHandle,
    tr: &Tr,
    qid: &QuestionnaireId,
) -> Option<Result<Made, AttrValue>> {
    let q = app.questionnaire(qid)?;
    let e = app.enterprise();
    let file = e.current_result(&q, APP_VERSION)?;
    let code = match ResultCode::encode(&file, &q) {
        Ok(c) => c,
        Err(err) => {
            return Some(Err(tr.f("send.code_failed", &[("why", &err.describe(tr))])));
        }
    };
    let name = if e.profile.name.trim().is_empty() {
        tr.t("report.unnamed").to_string()
    } else {
        e.profile.name.trim().to_string()
    };
    let level = file.scores.overall.level;
    let summary = tr.f(
        "send.summary",
        &[
            ("name", &name),
            ("q", q.title.get(tr.lang)),
            ("level", &level.to_string()),
            ("level_name", &level_name(tr, &q, level)),
        ],
    );
    Some(Ok(Made {
        link: AttrValue::from(code.link(&app.app_url)),
        summary,
        file_name: file.file_name("json"),
        json: file.to_json(),
    }))
}

/// The send section.
#[component]
pub fn SendSection(props: &SendSectionProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let status = use_state(|| None::<AttrValue>);
    let qr = use_state(|| Qr::Hidden);
    let made = match make(&app, &tr, &props.questionnaire) {
        None => return Html::default(),
        Some(Err(msg)) => return html! { <p class="field-error" role="alert">{ msg }</p> },
        Some(Ok(m)) => m,
    };
    let link = made.link.clone();
    let on_copy = {
        let (app, status, link) = (app.clone(), status.clone(), link.clone());
        Callback::from(move |_| {
            let (app, status, link) = (app.clone(), status.clone(), link.clone());
            spawn_local(async move {
                let tr = app.tr();
                match device::copy_text(&link).await {
                    Ok(()) => {
                        status.set(Some(tr.t("send.copied")));
                        app.dispatch(Action::BackedUp {
                            now: browser::now(),
                        });
                    }
                    Err(()) => status.set(Some(tr.t("send.copy_failed"))),
                }
            });
        })
    };
    let on_share = {
        let (app, status, link) = (app.clone(), status.clone(), link.clone());
        let (summary, name, json) = (
            made.summary.clone(),
            made.file_name.clone(),
            made.json.clone(),
        );
        Callback::from(move |_| {
            let (app, status, link) = (app.clone(), status.clone(), link.clone());
            let (summary, name, json) = (summary.clone(), name.clone(), json.clone());
            spawn_local(async move {
                let tr = app.tr();
                let file = ShareFile {
                    name: &name,
                    mime: "application/json",
                    text: &json,
                };
                match device::share(&tr.t("send.share_title"), &summary, &link, Some(file)).await {
                    Shared::Sent => {
                        status.set(Some(tr.t("send.shared")));
                        app.dispatch(Action::BackedUp {
                            now: browser::now(),
                        });
                    }
                    Shared::Cancelled => status.set(None),
                    Shared::Failed => status.set(Some(tr.t("send.share_failed"))),
                }
            });
        })
    };
    let showing = !matches!(*qr, Qr::Hidden);
    let on_qr = {
        let (app, qr, link) = (app.clone(), qr.clone(), link.clone());
        Callback::from(move |_| {
            if !matches!(*qr, Qr::Hidden) {
                return qr.set(Qr::Hidden);
            }
            qr.set(Qr::Loading);
            let (app, qr, link) = (app.clone(), qr.clone(), link.clone());
            spawn_local(async move {
                match worker::qr_code(&link).await {
                    Ok((width, dark)) => qr.set(Qr::Ready(
                        link,
                        width,
                        AttrValue::from(qr_path(width, &dark)),
                    )),
                    Err(e) => {
                        let tr = app.tr();
                        qr.set(Qr::Failed(
                            tr.f("send.qr_failed", &[("why", &e.describe(&tr))]),
                        ))
                    }
                }
            });
        })
    };
    let qr_view = match &*qr {
        Qr::Hidden => Html::default(),
        Qr::Loading => html! { <p class="hint" role="status">{ tr.t("send.qr_loading") }</p> },
        Qr::Failed(msg) => html! { <p class="field-error" role="alert">{ msg.clone() }</p> },
        // A QR code of an earlier state of the result (answers changed since) is not shown.
        Qr::Ready(of, _, _) if *of != link => {
            html! { <p class="hint">{ tr.t("send.qr_stale") }</p> }
        }
        Qr::Ready(_, width, path) => html! {
            <figure class="qr-figure">
                <QrCode width={*width} path={path.clone()} label={tr.t("send.qr_label")} />
                <figcaption class="hint">{ tr.t("send.qr_hint") }</figcaption>
            </figure>
        },
    };
    let e = app.enterprise();
    let reminder = e.needs_backup().then(|| {
        if e.backed_up_at.is_none() {
            tr.t("send.backup_never")
        } else {
            tr.t("send.backup_changed")
        }
    });
    let in_app = app.in_app.map(|b| {
        let key = if app.share_api {
            "send.download_in_app"
        } else {
            "send.download_in_app_copy"
        };
        tr.f(key, &[("app", b.name())])
    });
    html! {
        <section class="send no-print" aria-labelledby="send-title">
            <h2 id="send-title">{ tr.t("send.title") }</h2>
            <p>{ tr.t("send.lead") }</p>
            <label for="result-link">{ tr.t("send.link_label") }</label>
            <input id="result-link" class="link-box" type="url" readonly=true value={link.clone()} aria-describedby="send-privacy" />
            <p class="hint" id="send-privacy">{ tr.t("send.privacy") }</p>
            <div class="actions">
                if app.share_api {
                    <button type="button" class="btn btn-primary" onclick={on_share}>{ tr.t("send.share") }</button>
                }
                <button type="button" class="btn btn-primary" onclick={on_copy}>{ tr.t("send.copy") }</button>
                <button type="button" class="btn" aria-expanded={showing.to_string()} onclick={on_qr}>
                    { if showing { tr.t("send.qr_hide") } else { tr.t("send.qr_show") } }
                </button>
            </div>
            <p role="status" class="send-status">{ (*status).clone().unwrap_or_default() }</p>
            if let Some(text) = in_app { <p class="warn-box in-app-download">{ text }</p> }
            { qr_view }
            if let Some(text) = reminder { <p class="backup-reminder">{ text }</p> }
            <StorageNote only_at_risk=true />
        </section>
    }
}
