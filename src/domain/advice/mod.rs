//! What a result means for the enterprise: the report, the roadmap to the next level, the programmes it qualifies for, and chart geometry.
pub mod chart;
pub mod recommend;
pub mod report;
pub mod results;
pub mod roadmap;
