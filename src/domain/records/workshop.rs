//! A workshop run by an advisor: its details, carried into every assessment made during it, and their edits.
use crate::domain::records::draft::Uuid;
use serde::{Deserialize, Serialize};

/// A workshop run by an advisor. Its details are copied into every assessment made during it and travel in the
/// result files, so a province can tell which workshop an enterprise came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workshop {
    /// Its UUID.
    pub id: Option<Uuid>,
    /// The workshop's name.
    pub name: String,
    /// The advisor.
    pub advisor: String,
    /// The advisor's organisation.
    pub organisation: String,
    /// The date, YYYY-MM-DD.
    pub date: String,
    /// The place.
    pub place: String,
}

/// One change to the workshop details.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkshopEdit {
    /// Name.
    Name(String),
    /// Advisor.
    Advisor(String),
    /// Organisation.
    Organisation(String),
    /// Date.
    Date(String),
    /// Place.
    Place(String),
}

impl Workshop {
    /// Applies one edit.
    pub fn apply(&mut self, edit: WorkshopEdit) {
        match edit {
            WorkshopEdit::Name(v) => self.name = v,
            WorkshopEdit::Advisor(v) => self.advisor = v,
            WorkshopEdit::Organisation(v) => self.organisation = v,
            WorkshopEdit::Date(v) => self.date = v,
            WorkshopEdit::Place(v) => self.place = v,
        }
    }
}
