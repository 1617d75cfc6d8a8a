//! The data built into the app: the questionnaires and the UI locale table from `questionnaires/`, embedded without
//! their layout whitespace (`build.rs`).
use super::advice::recommend::{ProgrammeError, Programmes};
use super::assessment::locale::{LocaleError, LocaleTable};
use super::assessment::questionnaire::{Questionnaire, QuestionnaireError};
use super::assessment::text::QuestionnaireId;
use super::records::geo::{ProvinceError, Provinces};
use super::records::size::{SizeRules, SizeRulesError};
use std::rc::Rc;

/// The built-in questionnaire files, in chooser order.
pub const QUESTIONNAIRE_FILES: [(&str, &str); 2] = [
    (
        "quick.json",
        include_str!(concat!(env!("OUT_DIR"), "/quick.json")),
    ),
    (
        "dbi.json",
        include_str!(concat!(env!("OUT_DIR"), "/dbi.json")),
    ),
];

/// The built-in province table.
pub const PROVINCES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/provinces.json"));

/// The built-in SME size table (Decree 80/2021 Art. 5).
pub const SIZE_RULES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/size_rules.json"));

/// The built-in programme catalogue.
pub const PROGRAMMES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/programmes.json"));

/// The built-in locale file: the strings of the business owner's path (the first load).
pub const LOCALE_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/locale.json"));

/// The strings of the advisor's and office's pages, which only the whole app carries
/// ([`Catalog::builtin_whole`]): the owner's first load is about 6 KB (brotli) lighter without them.
pub const LOCALE_OFFICE_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/locale_office.json"));

/// VSIC 2018 sections and the sector group of each (`questionnaires/vsic_sectors.json`), read by the registry.
pub const VSIC_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/vsic_sectors.json"));

/// The validated built-in data.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Questionnaires, in chooser order.
    pub questionnaires: Vec<Rc<Questionnaire>>,
    /// UI strings.
    pub locale: LocaleTable,
    /// Provinces after 1/7/2025.
    pub provinces: Provinces,
    /// SME size thresholds.
    pub size_rules: SizeRules,
    /// Support programmes.
    pub programmes: Programmes,
}

/// Why the built-in data did not load (a build that ships broken data; tests prevent it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// A questionnaire file failed validation.
    #[error("{file}: {error}")]
    Questionnaire {
        /// The file.
        file: &'static str,
        /// Why.
        error: QuestionnaireError,
    },
    /// The locale file failed validation.
    #[error("locale.json: {0}")]
    Locale(LocaleError),
    /// The province file failed validation.
    #[error("provinces.json: {0}")]
    Provinces(ProvinceError),
    /// The size table failed validation.
    #[error("size_rules.json: {0}")]
    SizeRules(SizeRulesError),
    /// The programme catalogue failed validation.
    #[error("programmes.json: {0}")]
    Programmes(ProgrammeError),
}

impl Catalog {
    /// Parses and validates the built-in files.
    ///
    /// # Errors
    /// The first file that fails, by name.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let mut questionnaires = Vec::new();
        for (file, json) in QUESTIONNAIRE_FILES {
            let q = Questionnaire::from_json(json)
                .map_err(|error| CatalogError::Questionnaire { file, error })?;
            questionnaires.push(Rc::new(q));
        }
        let locale = LocaleTable::from_json(LOCALE_FILE).map_err(CatalogError::Locale)?;
        let provinces = Provinces::from_json(PROVINCES_FILE).map_err(CatalogError::Provinces)?;
        let size_rules = SizeRules::from_json(SIZE_RULES_FILE).map_err(CatalogError::SizeRules)?;
        let refs: Vec<&Questionnaire> = questionnaires.iter().map(|q| q.as_ref()).collect();
        let programmes =
            Programmes::from_json(PROGRAMMES_FILE, &refs).map_err(CatalogError::Programmes)?;
        Ok(Catalog {
            questionnaires,
            locale,
            provinces,
            size_rules,
            programmes,
        })
    }

    /// [`Catalog::builtin`] with the office pages' strings added (`locale_office.json`): what the whole app runs
    /// on.
    ///
    /// # Errors
    /// The first file that fails, by name; a key that both locale files define is refused.
    pub fn builtin_whole() -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::builtin()?;
        let office = LocaleTable::from_json(LOCALE_OFFICE_FILE).map_err(CatalogError::Locale)?;
        catalog.locale.merge(office).map_err(CatalogError::Locale)?;
        Ok(catalog)
    }

    /// The questionnaire with this id.
    pub fn questionnaire(&self, id: &QuestionnaireId) -> Option<&Rc<Questionnaire>> {
        self.questionnaires.iter().find(|q| &q.id == id)
    }

    /// Every questionnaire, in chooser order, as the readers and the tally take them.
    pub fn questionnaire_refs(&self) -> Vec<&Questionnaire> {
        self.questionnaires.iter().map(|q| q.as_ref()).collect()
    }

    /// Every province code, in file order (what the record generator draws from).
    pub fn province_codes(&self) -> Vec<String> {
        self.provinces
            .provinces
            .iter()
            .map(|p| p.code.clone())
            .collect()
    }
}
