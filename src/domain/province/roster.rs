//! The province's enterprise table: the tally's enterprise list searched, filtered by level and ordered, a page
//! at a time. A [`Roster`] is made once per list and asked again on every keystroke; the text a search compares
//! and the names' sort keys are made once, when first needed, never during a sort. Names sort in Vietnamese
//! order, and a search typed without diacritics finds names written with them (see [`crate::domain::province::collate`]).
use crate::domain::province::collate::{bare, has_diacritics, sort_key};
use crate::domain::province::tally::EnterpriseLine;
use std::cell::OnceCell;
use std::cmp::Ordering;
use std::ops::Range;

/// The column the table is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Tax code (the list's own order).
    #[default]
    TaxCode,
    /// Name, in Vietnamese order, ignoring case.
    Name,
    /// Province, then commune.
    Place,
    /// Overall level, then share.
    Level,
    /// Completion date.
    Date,
}

impl SortBy {
    /// Every column, in the order of the table's sort buttons.
    pub const ALL: [SortBy; 5] = [
        SortBy::TaxCode,
        SortBy::Name,
        SortBy::Place,
        SortBy::Level,
        SortBy::Date,
    ];

    /// The order a first press gives: highest first for levels and dates, A to Z otherwise.
    pub fn descending_first(self) -> bool {
        matches!(self, SortBy::Level | SortBy::Date)
    }
}

/// What the person asked of the table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterQuery {
    /// Text searched in the name, tax code and commune (ignoring case, and diacritics when it has none), or a
    /// province code.
    pub search: String,
    /// Only this overall level.
    pub level: Option<u8>,
    /// The order.
    pub sort: SortBy,
    /// Reversed.
    pub descending: bool,
}

impl RosterQuery {
    /// The query after a press on a sort button: the same column again reverses it, another starts in its own
    /// first order.
    pub fn sorted_by(&self, sort: SortBy) -> RosterQuery {
        RosterQuery {
            descending: if self.sort == sort {
                !self.descending
            } else {
                sort.descending_first()
            },
            sort,
            ..self.clone()
        }
    }
}

/// The lines of the enterprise list, with what searches and the name order compare made once.
#[derive(Debug, Default)]
pub struct Roster {
    lines: Vec<EnterpriseLine>,
    /// Each line's name and commune in lower case, as typed and bare, made on the first search.
    search: OnceCell<Vec<(String, String)>>,
    /// Each line's name as a Vietnamese sort key, made on the first order by name.
    keys: OnceCell<Vec<Vec<u8>>>,
}

impl Roster {
    /// A roster of these lines.
    pub fn new(lines: Vec<EnterpriseLine>) -> Roster {
        Roster {
            lines,
            search: OnceCell::new(),
            keys: OnceCell::new(),
        }
    }

    /// Every line, in the list's order.
    pub fn lines(&self) -> &[EnterpriseLine] {
        &self.lines
    }

    fn search_text(&self) -> &[(String, String)] {
        self.search.get_or_init(|| {
            self.lines
                .iter()
                .map(|l| {
                    // Name and commune in one text; no search holds the separator.
                    let mut text = String::with_capacity(l.name.len() + l.commune.len() + 1);
                    text.push_str(&l.name);
                    text.push('\u{1}');
                    text.push_str(&l.commune);
                    (text.to_lowercase(), bare(&text))
                })
                .collect()
        })
    }

    fn name_keys(&self) -> &[Vec<u8>] {
        self.keys
            .get_or_init(|| self.lines.iter().map(|l| sort_key(&l.name)).collect())
    }

    /// The positions of the lines that answer the query, in its order (lines that compare equal keep the list's
    /// order, whichever the direction).
    pub fn select(&self, q: &RosterQuery) -> Vec<usize> {
        let needle = q.search.trim().to_lowercase();
        // With diacritics the search matches them; without, it matches the text without them.
        let exact = has_diacritics(&needle);
        let bare_needle = bare(&needle);
        let texts = (!needle.is_empty()).then(|| self.search_text());
        let keys = (q.sort == SortBy::Name).then(|| self.name_keys());
        let mut rows: Vec<usize> = (0..self.lines.len())
            .filter(|&i| {
                let l = &self.lines[i];
                if q.level.is_some_and(|x| l.level != x) {
                    return false;
                }
                if needle.is_empty() {
                    return true;
                }
                let found = texts.and_then(|t| t.get(i)).is_some_and(|(lower, plain)| {
                    if exact {
                        lower.contains(&needle)
                    } else {
                        plain.contains(&bare_needle)
                    }
                });
                found || l.tax_code.contains(&needle) || l.province == needle
            })
            .collect();
        let by = |a: usize, b: usize| -> Ordering {
            let (x, y) = (&self.lines[a], &self.lines[b]);
            match q.sort {
                SortBy::TaxCode => x.tax_code.cmp(&y.tax_code),
                SortBy::Name => {
                    let key = |i: usize| keys.and_then(|k| k.get(i)).map_or(&[][..], Vec::as_slice);
                    key(a).cmp(key(b))
                }
                SortBy::Place => x.province.cmp(&y.province).then(x.commune.cmp(&y.commune)),
                SortBy::Level => x.level.cmp(&y.level).then(x.permille.cmp(&y.permille)),
                SortBy::Date => x.completed_at.cmp(&y.completed_at),
            }
        };
        // One unstable sort, made stable by the position (each sort compiled costs the app's wasm a kilobyte or
        // so, an unstable one less).
        rows.sort_unstable_by(|a, b| {
            let o = by(*a, *b);
            if q.descending { o.reverse() } else { o }.then(a.cmp(b))
        });
        rows
    }
}

/// One page of `count` rows, `per_page` a page: the rows' range, the page shown (the one asked for, or the last
/// when it asked past the end) and how many pages there are (at least one).
pub fn page(count: usize, asked: usize, per_page: usize) -> (Range<usize>, usize, usize) {
    let per_page = per_page.max(1);
    let pages = count.div_ceil(per_page).max(1);
    let current = asked.min(pages - 1);
    let start = (current * per_page).min(count);
    (start..(start + per_page).min(count), current, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(
        tax: &str,
        name: &str,
        province: &str,
        commune: &str,
        level: u8,
        done: &str,
    ) -> EnterpriseLine {
        EnterpriseLine {
            tax_code: tax.into(),
            name: name.into(),
            province: province.into(),
            commune: commune.into(),
            sector: crate::domain::province::tally::Sector(None),
            size: crate::domain::records::size::SizeCategory::Unknown,
            questionnaire: crate::domain::assessment::text::QuestionnaireId::new("quick"),
            completed_at: done.into(),
            level,
            permille: u32::from(level) * 150,
            assessments: 1,
            improved: false,
        }
    }

    fn roster() -> Roster {
        Roster::new(vec![
            line(
                "0100000001",
                "Đắk Lắk Coffee",
                "66",
                "Phường Tân Lập",
                3,
                "2026-03-01",
            ),
            line(
                "0100000002",
                "an Phát",
                "01",
                "Phường Hoàn Kiếm",
                2,
                "2026-05-01",
            ),
            line(
                "0100000003",
                "Bình Minh",
                "01",
                "Xã Sóc Sơn",
                3,
                "2026-01-15",
            ),
            line("", "đông Á", "79", "Phường Bến Nghé", 1, "2026-02-01"),
            line(
                "0100000005",
                "AN PHÁT 2",
                "66",
                "Xã Ea Kao",
                5,
                "2026-04-01",
            ),
        ])
    }

    fn names(r: &Roster, q: &RosterQuery) -> Vec<String> {
        r.select(q)
            .iter()
            .map(|i| r.lines()[*i].name.clone())
            .collect()
    }

    #[test]
    fn searches_ignore_case_with_vietnamese_letters() {
        let r = roster();
        let q = |s: &str| RosterQuery {
            search: s.into(),
            ..RosterQuery::default()
        };
        assert_eq!(names(&r, &q("AN PHÁT")), ["an Phát", "AN PHÁT 2"]);
        assert_eq!(names(&r, &q("đắk")), ["Đắk Lắk Coffee"]);
        assert_eq!(names(&r, &q(" ĐÔNG ")), ["đông Á"]);
        // Without diacritics, names written with them are found; with them, they must match.
        assert_eq!(names(&r, &q("dak lak")), ["Đắk Lắk Coffee"]);
        assert_eq!(names(&r, &q("an phat")), ["an Phát", "AN PHÁT 2"]);
        assert_eq!(
            names(&r, &q("tan lap")),
            ["Đắk Lắk Coffee"],
            "in the commune too"
        );
        assert!(names(&r, &q("đăk")).is_empty(), "ă is not ắ when typed");
        assert!(names(&r, &q("an phát coffee")).is_empty());
        // Tax code, commune, province code.
        assert_eq!(names(&r, &q("00003")), ["Bình Minh"]);
        assert_eq!(names(&r, &q("bến nghé")), ["đông Á"]);
        assert_eq!(names(&r, &q("66")), ["Đắk Lắk Coffee", "AN PHÁT 2"]);
        assert!(names(&r, &q("không có")).is_empty());
    }

    #[test]
    fn orders_and_filters_like_the_table_asks() {
        let r = roster();
        let mut q = RosterQuery::default();
        assert_eq!(
            names(&r, &q),
            [
                "đông Á",
                "Đắk Lắk Coffee",
                "an Phát",
                "Bình Minh",
                "AN PHÁT 2"
            ],
            "tax code order, the empty one first"
        );
        q = q.sorted_by(SortBy::Name);
        assert!(!q.descending);
        assert_eq!(
            names(&r, &q),
            [
                "an Phát",
                "AN PHÁT 2",
                "Bình Minh",
                "Đắk Lắk Coffee",
                "đông Á"
            ],
            "by name in Vietnamese order, ignoring case"
        );
        q = q.sorted_by(SortBy::Level);
        assert!(q.descending, "levels start highest first");
        assert_eq!(
            names(&r, &q),
            [
                "AN PHÁT 2",
                "Đắk Lắk Coffee",
                "Bình Minh",
                "an Phát",
                "đông Á"
            ]
        );
        q = q.sorted_by(SortBy::Level);
        assert!(!q.descending, "the same button again reverses");
        q.level = Some(3);
        assert_eq!(
            names(&r, &q),
            ["Đắk Lắk Coffee", "Bình Minh"],
            "equal keys keep the list order"
        );
        q.descending = true;
        assert_eq!(
            names(&r, &q),
            ["Đắk Lắk Coffee", "Bình Minh"],
            "in both directions"
        );
        q = RosterQuery::default().sorted_by(SortBy::Place);
        assert_eq!(
            names(&r, &q),
            [
                "an Phát",
                "Bình Minh",
                "Đắk Lắk Coffee",
                "AN PHÁT 2",
                "đông Á"
            ]
        );
        q = RosterQuery::default().sorted_by(SortBy::Date);
        assert_eq!(
            names(&r, &q),
            [
                "an Phát",
                "AN PHÁT 2",
                "Đắk Lắk Coffee",
                "đông Á",
                "Bình Minh"
            ]
        );
    }

    #[test]
    fn pages_stay_in_range() {
        assert_eq!(page(0, 0, 50), (0..0, 0, 1));
        assert_eq!(page(120, 0, 50), (0..50, 0, 3));
        assert_eq!(page(120, 2, 50), (100..120, 2, 3));
        assert_eq!(
            page(120, 9, 50),
            (100..120, 2, 3),
            "past the end: the last page"
        );
        assert_eq!(page(100, 1, 50), (50..100, 1, 2));
        assert_eq!(page(5, 0, 0), (0..1, 0, 5), "never zero rows a page");
    }
}
