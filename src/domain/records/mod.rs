//! Who answered and what they answered, as kept and as it travels: profiles, drafts, enterprises, workshops, result files, bundles, result codes, exports and the readers of every input format.
pub mod batch;
pub mod bundle;
pub mod calendar;
pub mod draft;
pub mod enterprise;
pub mod export;
pub mod geo;
pub mod group;
pub mod profile;
pub mod reader;
pub mod result_code;
pub mod result_file;
pub mod sending;
pub mod size;
pub mod workshop;
pub mod workspace;
