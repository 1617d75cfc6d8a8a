//! The office's two tables read beside the results, the registry and the support register: which columns each has,
//! and the guess of them from a file's headers, for the page that lets the office correct it.
use crate::domain::province::sheet::{Codes, Columns, Mapping};
use crate::domain::province::{registry, support};

/// The office's tables read beside the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The list of registered enterprises (`registry`).
    Registry,
    /// The register of support given (`support`).
    Support,
}

/// A column of a table, as the page offers it for mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Its code.
    pub code: &'static str,
    /// Whether a row needs it.
    pub required: bool,
}

impl Kind {
    /// Both, in the order the page shows them.
    pub const ALL: [Kind; 2] = [Kind::Registry, Kind::Support];

    /// The stable code (storage, locale keys).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Registry => "registry",
            Kind::Support => "support",
        }
    }

    /// Its columns, in the table's usual order.
    pub fn columns(self) -> Vec<ColumnSpec> {
        fn specs<C: Columns>() -> Vec<ColumnSpec> {
            C::ALL
                .iter()
                .map(|c| ColumnSpec {
                    code: c.code(),
                    required: c.required(),
                })
                .collect()
        }
        match self {
            Kind::Registry => specs::<registry::Column>(),
            Kind::Support => specs::<support::Column>(),
        }
    }

    /// The guess from a file's headers, as codes.
    pub fn guess(self, headers: &[String]) -> Codes {
        match self {
            Kind::Registry => Mapping::<registry::Column>::guess(headers).codes(),
            Kind::Support => Mapping::<support::Column>::guess(headers).codes(),
        }
    }

    /// The required columns that `codes` leaves unmapped, by code.
    pub fn missing(self, codes: &[(String, usize)]) -> Vec<&'static str> {
        self.columns()
            .into_iter()
            .filter(|c| c.required && !codes.iter().any(|(k, _)| k == c.code))
            .map(|c| c.code)
            .collect()
    }
}
