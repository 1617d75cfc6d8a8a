//! Support programmes (`questionnaires/programmes.json`) and the matching engine: which programmes fit this
//! enterprise, why (in plain words), how much for its size class, and with Decree 80's priority where it applies.
//!
//! The catalogue as data and its validation (`catalogue.rs`), who may apply and what triggers a programme
//! (`eligibility.rs`), and the ranked matches (`matching.rs`). Everything public is re-exported here.
mod catalogue;
mod eligibility;
mod matching;

pub use catalogue::{
    Benefit, EligibleRule, Programme, ProgrammeError, ProgrammeStatus, Programmes, Trigger,
    TriggerProblem,
};
pub use eligibility::{Eligibility, EligibilityGap, NotEligibleBecause, Reason, has_priority};
pub use matching::{Recommendation, helping, matching_positions, matching_shown, recommend};
