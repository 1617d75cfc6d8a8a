//! The results screen, language-neutral: the assessment, the size class, the programmes, the roadmap, the answers
//! that cost most and the change since an earlier assessment, derived together from one set of answers (the page
//! puts them into words, once per language, without deriving them again).
use crate::domain::advice::recommend::{Programmes, Recommendation, recommend};
use crate::domain::advice::report::{ChangeLine, Loss, biggest_losses, compare};
use crate::domain::advice::roadmap::{Path, dimension_paths, overall_path};
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::DimensionId;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::{SizeResult, SizeRules};

/// How many answers per dimension the report shows as costing most.
pub const LOSSES_SHOWN: usize = 3;

/// What the results screen shows, for the data it borrows (`'a`: the questionnaire and the catalogue).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsReport<'a> {
    /// The assessment of the answers.
    pub assessment: Assessment,
    /// The size class under Decree 80 (or why it is unknown).
    pub size: SizeResult,
    /// Programmes in force or to check, best first.
    pub programmes: Vec<Recommendation<'a>>,
    /// Draft programmes (announced, not law).
    pub drafts: Vec<Recommendation<'a>>,
    /// The smallest set of changes to the next overall level.
    pub overall_path: (Level, Option<Path>),
    /// Per dimension: its level and the path to its next one.
    pub dimension_paths: Vec<(DimensionId, Level, Option<Path>)>,
    /// Per dimension, the answers that cost most.
    pub losses: Vec<(DimensionId, Vec<Loss<'a>>)>,
    /// The change since an earlier completed assessment of the same enterprise: its completion time and the lines.
    pub changes: Option<(String, Vec<ChangeLine>)>,
}

impl<'a> ResultsReport<'a> {
    /// The report of `answers` to `q` by the enterprise `profile`, with an `earlier` assessment for T0 → T1.
    pub fn of(
        q: &'a Questionnaire,
        answers: &AnswerSheet,
        profile: &Profile,
        earlier: Option<&ResultFile>,
        programmes: &'a Programmes,
        sizes: &SizeRules,
    ) -> ResultsReport<'a> {
        let a = Assessment::compute(q, answers);
        let size = sizes.classify(profile);
        let (recommended, drafts) = recommend(programmes, q, answers, &a, profile, &size);
        let dimension_paths = dimension_paths(q, answers, &a)
            .into_iter()
            .zip(&a.dimensions)
            .map(|((id, p), s)| (id, s.level, p))
            .collect();
        let losses = q
            .dimensions
            .iter()
            .map(|d| {
                (
                    d.id.clone(),
                    biggest_losses(q, answers, &a, &d.id, LOSSES_SHOWN),
                )
            })
            .collect();
        let changes = earlier.map(|e| {
            (
                e.completed_at.clone().unwrap_or_default(),
                compare(&e.scores, &a),
            )
        });
        ResultsReport {
            overall_path: (a.overall.level, overall_path(q, answers, &a)),
            dimension_paths,
            losses,
            changes,
            programmes: recommended,
            drafts,
            size,
            assessment: a,
        }
    }
}
