//! Helpers shared by the fuzz targets.
use dx_check::domain::catalog::Catalog;
use dx_check::domain::records::draft::EnterpriseId;
use dx_check::domain::assessment::questionnaire::Questionnaire;

thread_local! {
    // Parsed once per process (per thread): `Catalog` holds `Rc`s, so it cannot live in a `static`.
    static CATALOG: Catalog = Catalog::builtin().expect("the built-in data loads");
}

/// Calls `f` with the built-in questionnaires (quick, dbi).
pub fn with_questionnaires<R>(f: impl FnOnce(&[&Questionnaire]) -> R) -> R {
    CATALOG.with(|c| {
        let qs: Vec<&Questionnaire> = c.questionnaires.iter().map(|q| &**q).collect();
        f(&qs)
    })
}

/// The input as text, or `None` for bytes that are not UTF-8 (every API under test takes `&str`).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A deterministic source of enterprise ids for imports: 1, 2, 3, ...
pub fn counter_ids() -> impl FnMut() -> EnterpriseId {
    let mut n = 0u64;
    move || {
        n += 1;
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&n.to_le_bytes());
        EnterpriseId::from_random(b)
    }
}

/// The timestamp imports are stamped with.
pub const NOW: &str = "2026-01-01T00:00:00.000Z";
