//! Where a domain value or error becomes words, in the person's language: one [`Describe`] impl per domain enum
//! (and the few names that need their questionnaire). Nothing else in the UI turns a domain error into text.
use crate::domain::advice::recommend::ProgrammeStatus;
use crate::domain::assessment::answers::AnswerError;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::locale::format_decimal;
use crate::domain::assessment::questionnaire::{Questionnaire, Verification};
use crate::domain::province::benchmark::BenchmarkError;
use crate::domain::province::dashboard::Figure;
use crate::domain::province::protocol::WorkerError;
use crate::domain::records::bundle::BundleError;
use crate::domain::records::enterprise::EnterpriseError;
use crate::domain::records::profile::{EntityType, SectorGroup, TaxCodeError};
use crate::domain::records::reader::{CsvRefusal, Refusal, Refused};
use crate::domain::records::result_code::CodeError;
use crate::domain::records::result_file::ImportError;
use crate::domain::records::size::{SizeCategory, SizeClass};
use crate::domain::records::workspace::Added;
use crate::ui::context::Tr;
use crate::ui::faults::{DeviceFault, WorkerFault};
use crate::ui::state::Notice;
use yew::AttrValue;

/// A domain value in words.
pub trait Describe {
    /// The words, in `tr`'s language.
    fn describe(&self, tr: &Tr) -> AttrValue;
}

impl Describe for ImportError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            ImportError::NotJson(_) => tr.t("import.not_json"),
            ImportError::NotAResultFile => tr.t("import.not_result"),
            ImportError::UnsupportedVersion { found, .. } => {
                tr.f("import.version", &[("found", &found.to_string())])
            }
            ImportError::Malformed(detail) => tr.f("import.malformed", &[("detail", detail)]),
            ImportError::UnknownQuestionnaire { id, version } => {
                tr.f("import.unknown_q", &[("id", id), ("version", version)])
            }
            ImportError::BadAnswers(list) => {
                tr.f("import.bad_answers", &[("count", &list.len().to_string())])
            }
            ImportError::ScoresMismatch { what, .. } => tr.f("import.tampered", &[("what", what)]),
        }
    }
}

impl Describe for CodeError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            CodeError::NotACode => tr.t("code.not_code"),
            CodeError::NewerFormat { found, .. } => {
                tr.f("code.newer", &[("found", &found.to_string())])
            }
            CodeError::CutOff { .. } => tr.t("code.cut"),
            CodeError::Corrupt => tr.t("code.corrupt"),
            CodeError::Record(e) => e.describe(tr),
        }
    }
}

impl Describe for BundleError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            BundleError::NotJson(_) => tr.t("import.not_json"),
            BundleError::NotABundle => tr.t("ws.not_bundle"),
            BundleError::UnsupportedVersion { found, .. } => {
                tr.f("import.version", &[("found", &found.to_string())])
            }
        }
    }
}

impl Describe for CsvRefusal {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            CsvRefusal::Unreadable(detail) => tr.f("prov.csv_problem", &[("detail", detail)]),
            CsvRefusal::MissingColumn(column) => tr.f("csv.missing_column", &[("column", column)]),
            CsvRefusal::BadValue { column, value } => {
                tr.f("csv.bad_value", &[("column", column), ("value", value)])
            }
        }
    }
}

impl Describe for Refusal {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            Refusal::NotJson(_) => tr.t("import.not_json"),
            Refusal::NotAResultFile => tr.t("import.not_result"),
            Refusal::UnsupportedVersion(found) => {
                tr.f("import.version", &[("found", &found.to_string())])
            }
            Refusal::Malformed(detail) => tr.f("import.malformed", &[("detail", detail)]),
            Refusal::UnknownQuestionnaire { id, version } => {
                tr.f("import.unknown_q", &[("id", id), ("version", version)])
            }
            Refusal::BadAnswers(n) => tr.f("import.bad_answers", &[("count", &n.to_string())]),
            Refusal::ScoresMismatch(what) => tr.f("import.tampered", &[("what", what)]),
            Refusal::NotABundle => tr.t("ws.not_bundle"),
            Refusal::Csv(problem) => problem.describe(tr),
            Refusal::Empty => tr.t("prov.empty_file"),
            Refusal::Unreadable => tr.t("import.unreadable"),
            Refusal::NotACode => tr.t("code.not_code"),
            Refusal::NewerCode(found) => tr.f("code.newer", &[("found", &found.to_string())]),
            Refusal::CutOffCode => tr.t("code.cut"),
            Refusal::DamagedCode => tr.t("code.corrupt"),
            Refusal::NoCodes => tr.t("code.no_codes"),
        }
    }
}

impl Describe for Refused {
    fn describe(&self, tr: &Tr) -> AttrValue {
        let why = self.reason.describe(tr);
        if self.position == 0 {
            tr.f("prov.rejected_file", &[("file", &self.file), ("why", &why)])
        } else {
            tr.f(
                "ws.rejected",
                &[
                    ("name", &self.file),
                    ("pos", &self.position.to_string()),
                    ("why", &why),
                ],
            )
        }
    }
}

impl Describe for AnswerError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            AnswerError::NotANumber(_) => tr.t("input.not_a_number"),
            AnswerError::OutOfRange { min, max, .. } => tr.f(
                "input.out_of_range",
                &[
                    ("min", &format_decimal(*min, tr.lang)),
                    ("max", &format_decimal(*max, tr.lang)),
                ],
            ),
            AnswerError::BadRatio { .. } => tr.t("input.bad_ratio"),
            // The inputs only ever send answers of their question's type and options.
            AnswerError::UnknownQuestion(_)
            | AnswerError::WrongType { .. }
            | AnswerError::UnknownOption { .. }
            | AnswerError::DuplicateOption { .. }
            | AnswerError::ExclusiveWithOthers { .. }
            | AnswerError::DontKnowNotOffered(_) => tr.t("input.invalid"),
        }
    }
}

impl Describe for TaxCodeError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            TaxCodeError::Empty => tr.t("profile.tax_empty"),
            TaxCodeError::Format(_) => tr.t("profile.tax_format"),
            TaxCodeError::CheckDigit { expected, found } => tr.f(
                "profile.tax_check",
                &[
                    ("expected", &expected.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            TaxCodeError::NoCheckDigit => tr.t("profile.tax_no_check"),
            TaxCodeError::BranchZero => tr.t("profile.tax_branch"),
        }
    }
}

impl Describe for BenchmarkError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            BenchmarkError::NotABenchmark => tr.t("peers.err_not"),
            BenchmarkError::TooSmall(n) => tr.f("peers.err_small", &[("n", &n.to_string())]),
        }
    }
}

impl Describe for EnterpriseError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            EnterpriseError::Corrupt(detail) => tr.f("notice.damaged", &[("detail", detail)]),
            EnterpriseError::NewerSchema(n) => tr.f("notice.newer", &[("n", &n.to_string())]),
        }
    }
}

impl Describe for EntityType {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            EntityType::Enterprise => tr.t("profile.entity_enterprise"),
            EntityType::Cooperative => tr.t("profile.entity_cooperative"),
            EntityType::Household => tr.t("profile.entity_household"),
        }
    }
}

impl Describe for SectorGroup {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            SectorGroup::AgriIndustryConstruction => tr.t("profile.sector_agri"),
            SectorGroup::TradeServices => tr.t("profile.sector_trade"),
        }
    }
}

impl Describe for SizeClass {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            SizeClass::Micro => tr.t("size.micro"),
            SizeClass::Small => tr.t("size.small"),
            SizeClass::Medium => tr.t("size.medium"),
        }
    }
}

impl Describe for Verification {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            Verification::V => tr.t("tag.v"),
            Verification::V3 => tr.t("tag.v3"),
            Verification::M => tr.t("tag.m"),
            Verification::D => tr.t("tag.d"),
        }
    }
}

impl Describe for ProgrammeStatus {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            ProgrammeStatus::InForce => tr.t("prog.status_in_force"),
            ProgrammeStatus::Check => tr.t("prog.status_check"),
            ProgrammeStatus::Ended => tr.t("prog.status_ended"),
            ProgrammeStatus::Draft => tr.t("prog.status_draft"),
        }
    }
}

impl Describe for Notice {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            Notice::StorageUnavailable => tr.t("notice.storage_unavailable"),
            Notice::QuotaExceeded => tr.t("notice.quota"),
            Notice::SaveFailed(reason) => tr.f("notice.save_failed", &[("reason", reason)]),
            Notice::CorruptEntry { key, reason } => tr.f(
                "notice.corrupt",
                &[("key", key), ("reason", &reason.describe(tr))],
            ),
            Notice::AnswersDropped { count } => {
                tr.f("notice.dropped", &[("count", &count.to_string())])
            }
            Notice::ChangedElsewhere { name } => {
                tr.f("notice.elsewhere", &[("name", &named(tr, name))])
            }
            Notice::Deleted { name } => tr.f("notice.deleted", &[("name", &named(tr, name))]),
            Notice::BundleImported {
                enterprises,
                rejected,
            } => tr.f(
                "notice.bundle",
                &[
                    ("count", &enterprises.to_string()),
                    ("rejected", &rejected.to_string()),
                ],
            ),
            Notice::UpdateReady => tr.t("notice.update"),
        }
    }
}

/// What adding a received result did, for the enterprise `name`.
pub fn added(tr: &Tr, added: Added, name: &str) -> AttrValue {
    let key = match added {
        Added::New => "recv.added",
        Added::AlreadyThere => "recv.already",
        Added::Updated => "recv.updated",
        Added::KeptNewer => "recv.kept_newer",
    };
    tr.f(key, &[("name", name)])
}

/// An enterprise's name, or "(not named yet)".
pub fn named(tr: &Tr, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        tr.t("report.unnamed").to_string()
    } else {
        name.to_string()
    }
}

/// The name of a level in a questionnaire's ladder.
pub fn level_name(tr: &Tr, q: &Questionnaire, level: Level) -> AttrValue {
    q.levels
        .band(level)
        .map(|b| tr.text(&b.name))
        .unwrap_or_default()
}

impl Describe for DeviceFault {
    fn describe(&self, tr: &Tr) -> AttrValue {
        tr.t(match self {
            DeviceFault::StoreUnavailable => "fault.store_unavailable",
            DeviceFault::StoreRefused => "fault.store_refused",
            DeviceFault::StoreUnreadable => "fault.store_unreadable",
            DeviceFault::StoreNotCleared => "fault.store_not_cleared",
            DeviceFault::FileUnreadable => "import.unreadable",
        })
    }
}

impl Describe for WorkerFault {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            WorkerFault::NotStarted => tr.t("fault.worker_not_started"),
            WorkerFault::Stopped => tr.t("fault.worker_stopped"),
            WorkerFault::Garbled(_) => tr.t("fault.worker_garbled"),
            WorkerFault::Said(e) => e.describe(tr),
        }
    }
}

impl Describe for WorkerError {
    fn describe(&self, tr: &Tr) -> AttrValue {
        tr.t(match self {
            WorkerError::Catalog | WorkerError::Protocol { .. } => "fault.worker_garbled",
            WorkerError::NoFileReader => "fault.worker_no_reader",
            WorkerError::Workbook { .. } => "fault.workbook",
            WorkerError::TooLongForQr => "fault.qr_too_long",
            WorkerError::SheetUnreadable { .. } => "fault.sheet_unreadable",
        })
    }
}

impl Describe for SizeCategory {
    fn describe(&self, tr: &Tr) -> AttrValue {
        tr.t(match self {
            SizeCategory::Unknown => "prov.not_given",
            SizeCategory::Micro => "size.micro",
            SizeCategory::Small => "size.small",
            SizeCategory::Medium => "size.medium",
            SizeCategory::Household => "profile.entity_household",
            SizeCategory::AboveMedium => "size.above",
        })
    }
}

/// A dashboard figure's name; a new [`Figure`] gets its words here (see CONTRIBUTING.md).
impl Describe for Figure {
    fn describe(&self, tr: &Tr) -> AttrValue {
        tr.t(match self {
            Figure::Counted => "prov.fig_counted",
            Figure::Merged => "prov.fig_merged",
            Figure::WithoutTaxCode => "prov.fig_untaxed",
            Figure::Drafts => "prov.fig_drafts",
            Figure::Records => "prov.fig_records",
            Figure::Repeated => "prov.fig_repeated",
            Figure::Rejected => "prov.fig_rejected",
            Figure::Reassessed => "prov.fig_reassessed",
            Figure::Improved => "prov.fig_improved",
        })
    }
}
