//! One result as the results page shows it, for the enterprise on screen or for a result received as a link:
//! overall level, per-dimension bars, the radar with its table, T0 → T1, peers, the roadmap, the size class, the
//! programmes and the answers that cost most. Its words are built once per result and language ([`ResultWords`]).
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_file::ResultFile;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::level_bars::LevelBars;
use crate::ui::components::loss_list::LossList;
use crate::ui::components::overall_card::OverallCard;
use crate::ui::components::radar_chart::RadarChart;
use crate::ui::components::recommendation_list::RecommendationList;
use crate::ui::components::report_meta::ReportMeta;
use crate::ui::components::roadmap_list::RoadmapList;
use crate::ui::components::size_card::SizeCard;
use crate::ui::context::use_app;
use crate::ui::pages::peers::PeerSection;
use crate::ui::pages::result_words::{ResultWords, Subject};
use crate::ui::shared::Shared;
use yew::prelude::*;

/// Props of [`ResultReport`].
#[derive(Properties, PartialEq)]
pub struct ResultReportProps {
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// The answers.
    pub answers: AnswerSheet,
    /// Who answered.
    pub profile: Profile,
    /// When it was completed, or last changed (RFC 3339).
    pub when: AttrValue,
    /// An earlier completed assessment of the same enterprise, for T0 → T1.
    #[prop_or_default]
    pub earlier: Option<ResultFile>,
    /// Shown right after the overall level (how to send the result, or add it).
    #[prop_or_default]
    pub children: Html,
}

/// One result, as the results page shows it.
#[component]
pub fn ResultReport(props: &ResultReportProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let words = {
        let p = props;
        let deps = (
            p.questionnaire.clone(),
            p.answers.clone(),
            p.profile.clone(),
            p.when.clone(),
            p.earlier.clone(),
            tr.lang,
        );
        use_memo(deps, |(q, answers, profile, when, earlier, _)| {
            let subject = Subject {
                questionnaire: q,
                answers,
                profile,
                when,
                earlier: earlier.as_ref(),
            };
            ResultWords::of(&tr, &app.catalog, &subject)
        })
    };
    let w = &*words;
    html! {
        <>
            if let Some(text) = &w.incomplete {
                <div class="alert" role="status"><p>{ text.clone() }</p></div>
            }
            <ReportMeta ..w.meta.clone() />
            <OverallCard ..w.overall.clone() />
            { props.children.clone() }
            if let Some(changes) = &w.changes {
                <DataTable ..changes.clone() />
            }
            <h2>{ tr.t("results.by_dimension") }</h2>
            <LevelBars ..w.bars.clone() />
            <RadarChart ..w.radar.clone() />
            <PeerSection ..w.peers.clone() />
            <h2 class="page-break">{ tr.t("road.title") }</h2>
            <p>{ tr.t("road.lead") }</p>
            <RoadmapList ..w.roadmap.clone() />
            <SizeCard ..w.size.clone() />
            <h2>{ tr.t("prog.title") }</h2>
            <RecommendationList ..w.programmes.clone() />
            if let Some(drafts) = &w.drafts {
                <h2>{ tr.t("prog.drafts_title") }</h2>
                <p class="disclaimer">{ tr.t("prog.drafts_lead") }</p>
                <RecommendationList ..drafts.clone() />
            }
            <h2>{ tr.t("results.losses_title") }</h2>
            <p>{ tr.t("results.losses_lead") }</p>
            { for w.losses.iter().map(|l| html! { <LossList ..l.clone() /> }) }
            <p class="disclaimer">{ w.disclaimer.clone() }</p>
        </>
    }
}
