//! What the province counts toward its target: enterprises assessed, supported (at least one support record), or
//! supported and improved (docs/support-register.md). The office chooses, and its choice is kept on the device; until
//! it chooses, the target counts supported enterprises when a support register is loaded and assessed ones
//! otherwise. Without a register only assessed enterprises can be counted, whatever was chosen.
use crate::domain::advice::chart::{bar_width, scaled};
use crate::domain::assessment::level::Share;
use crate::domain::province::join::{Cover, Coverage};
use crate::domain::province::support::Measures;

/// A measure the target can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    /// Enterprises with a completed assessment.
    Assessed,
    /// Enterprises with at least one support record.
    Supported,
    /// Supported enterprises whose level rose after their first support.
    SupportedAndImproved,
}

impl Measure {
    /// Every measure, in the order shown.
    pub const ALL: [Measure; 3] = [
        Measure::Assessed,
        Measure::Supported,
        Measure::SupportedAndImproved,
    ];

    /// The stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Assessed => "assessed",
            Measure::Supported => "supported",
            Measure::SupportedAndImproved => "supported_and_improved",
        }
    }

    /// The measure of a stored code.
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Whether it needs a support register.
    pub fn needs_register(self) -> bool {
        self != Measure::Assessed
    }

    /// Its count among the measures.
    pub fn of(self, m: &Measures) -> u32 {
        match self {
            Measure::Assessed => m.assessed,
            Measure::Supported => m.supported,
            Measure::SupportedAndImproved => m.supported_and_improved,
        }
    }
}

/// The measure counted: the office's choice when it can be counted, else the default.
pub fn counted_measure(chosen: Option<Measure>, has_register: bool) -> Measure {
    match chosen {
        Some(m) if has_register || !m.needs_register() => m,
        _ if has_register => Measure::Supported,
        _ => Measure::Assessed,
    }
}

/// One choice of the target card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The measure.
    pub measure: Measure,
    /// Its count.
    pub count: u32,
    /// Whether it can be chosen (a register is loaded, or it needs none).
    pub enabled: bool,
}

/// The target card: the measure counted, the progress toward the target, and the three choices.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCard {
    /// The measure counted.
    pub measure: Measure,
    /// Its count.
    pub counted: u32,
    /// The target.
    pub target: u32,
    /// Counted as a share of the target (may pass 100 %).
    pub progress: Share,
    /// The progress bar's width (full at the target).
    pub width: String,
    /// The three measures side by side.
    pub choices: Vec<Choice>,
}

impl TargetCard {
    /// The card for these measures, with or without a register, the office's choice and the target.
    pub fn new(
        m: &Measures,
        has_register: bool,
        chosen: Option<Measure>,
        target: u32,
    ) -> TargetCard {
        let measure = counted_measure(chosen, has_register);
        let counted = measure.of(m);
        let whole = u128::from(target.max(1));
        TargetCard {
            measure,
            counted,
            target,
            progress: Share::new(u128::from(counted), whole),
            width: bar_width(Share::new(u128::from(counted.min(target)), whole)),
            choices: Measure::ALL
                .into_iter()
                .map(|x| Choice {
                    measure: x,
                    count: x.of(m),
                    enabled: has_register || !x.needs_register(),
                })
                .collect(),
        }
    }
}

/// A coverage row as the page draws it: the shares of registered enterprises assessed and supported, and their bar
/// widths.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// The label key (a commune as written, a sector or size code).
    pub key: String,
    /// The counts.
    pub cover: Cover,
    /// Assessed, of registered.
    pub assessed: Share,
    /// Supported, of registered.
    pub supported: Share,
    /// Bar widths (0–100) of registered (scaled to the largest group), assessed and supported (of the same scale).
    pub widths: [String; 3],
}

/// Coverage rows of one breakdown, their bars scaled to its largest group.
pub fn coverage_rows<K>(rows: &[(K, Cover)], key: impl Fn(&K) -> String) -> Vec<CoverageRow> {
    let registered: Vec<u32> = rows.iter().map(|(_, c)| c.registered).collect();
    let largest = u128::from(registered.iter().copied().max().unwrap_or(0).max(1));
    let widths = scaled(&registered);
    rows.iter()
        .zip(widths)
        .map(|((k, c), w)| {
            let of = |n: u32| Share::new(u128::from(n), u128::from(c.registered.max(1)));
            CoverageRow {
                key: key(k),
                cover: *c,
                assessed: of(c.assessed),
                supported: of(c.supported),
                widths: [
                    w,
                    bar_width(Share::new(u128::from(c.assessed), largest)),
                    bar_width(Share::new(u128::from(c.supported), largest)),
                ],
            }
        })
        .collect()
}

/// The three breakdowns of a coverage, as rows (communes labelled as written, sectors and sizes by code).
pub fn coverage_tables(c: &Coverage) -> [Vec<CoverageRow>; 3] {
    [
        coverage_rows(&c.by_commune, String::clone),
        coverage_rows(&c.by_sector, |s| s.code().to_string()),
        coverage_rows(&c.by_size, |s| s.code().to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_holds_only_when_it_can_be_counted() {
        let m = Measures {
            assessed: 300,
            supported: 120,
            supported_and_improved: 15,
        };
        assert_eq!(counted_measure(None, false), Measure::Assessed);
        assert_eq!(counted_measure(None, true), Measure::Supported);
        assert_eq!(
            counted_measure(Some(Measure::Assessed), true),
            Measure::Assessed
        );
        assert_eq!(
            counted_measure(Some(Measure::SupportedAndImproved), false),
            Measure::Assessed,
            "no register: nothing supported can be counted"
        );
        let card = TargetCard::new(&m, true, Some(Measure::SupportedAndImproved), 1000);
        assert_eq!(card.counted, 15);
        assert_eq!(card.progress.permille(), 15);
        assert_eq!(card.width, "1.5");
        assert_eq!(
            card.choices.iter().map(|c| c.count).collect::<Vec<_>>(),
            vec![300, 120, 15]
        );
        let alone = TargetCard::new(&m, false, None, 200);
        assert_eq!(alone.counted, 300);
        assert_eq!(alone.width, "100.0", "the bar stops at the target");
        assert!(!alone.choices[1].enabled && !alone.choices[2].enabled);
        for x in Measure::ALL {
            assert_eq!(Measure::from_code(x.code()), Some(x));
        }
    }
}
