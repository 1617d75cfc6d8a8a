//! Maturity levels 0–5: the band table (share of the maximum → level) and the DBI overall rule.
use crate::domain::assessment::text::Text;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A maturity level on the national 0–5 ladder.
pub type Level = u8;

/// The highest level on the ladder.
pub const MAX_LEVEL: Level = 5;

/// How many levels the ladder has (0 to [`MAX_LEVEL`]): the length of a count per level.
pub const LEVELS: usize = MAX_LEVEL as usize + 1;

/// The one rounding rule for figures people see: `num / den` to the nearest whole number, halves up (0 when `den`
/// is 0). Shares, means and every exported percentage round this way.
pub fn round_half_up(num: u128, den: u128) -> u128 {
    if den == 0 {
        return 0;
    }
    (num * 2 + den) / (den * 2)
}

/// A measured (non-integer) value to the nearest whole number by the same rule, halves up; negative or not a number
/// gives 0.
pub fn nearest(x: f64) -> u32 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    // `floor(x + 0.5)` is "halves up" for positive values; the cast saturates above u32::MAX.
    (x + 0.5).floor() as u32
}

/// A measured ratio `num / den` in tenths of a percent by the same rule, or `None` without a denominator.
pub fn permille_of(num: f64, den: f64) -> Option<u32> {
    (den > 0.0).then(|| nearest(num / den * 1000.0))
}

/// An exact share `num / den` of a maximum. Comparisons never round; `den == 0` means "no maximum".
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Share {
    /// Points earned (or a weighted sum of them).
    pub num: u128,
    /// Points possible (or the matching weighted sum).
    pub den: u128,
}

impl Share {
    /// `num / den`.
    pub fn new(num: u128, den: u128) -> Self {
        Share { num, den }
    }

    /// Whether there is no maximum to compare against (every question was not applicable).
    pub fn is_empty(&self) -> bool {
        self.den == 0
    }

    /// Compares the share with `pct` percent, exactly.
    pub fn cmp_pct(&self, pct: u32) -> Ordering {
        (self.num * 100).cmp(&(u128::from(pct) * self.den))
    }

    /// The share in tenths of a percent, rounded half up. This is the one rounding rule for displayed scores.
    pub fn permille(&self) -> u32 {
        if self.den == 0 {
            return 0;
        }
        u32::try_from(round_half_up(self.num * 1000, self.den)).unwrap_or(u32::MAX)
    }

    /// The share as a float in 0.0–1.0, for chart geometry only (never for levels).
    pub fn ratio(&self) -> f64 {
        if self.den == 0 {
            0.0
        } else {
            self.num as f64 / self.den as f64
        }
    }
}

impl std::ops::Add for Share {
    type Output = Share;

    /// The sum `a/b + c/d` as an exact fraction; an empty share adds nothing.
    fn add(self, other: Share) -> Share {
        if self.den == 0 {
            return other;
        }
        if other.den == 0 {
            return self;
        }
        let num = self.num * other.den + other.num * self.den;
        let den = self.den * other.den;
        let g = gcd(num, den);
        Share {
            num: num / g,
            den: den / g,
        }
    }
}

impl Share {
    /// This share scaled by an integer weight.
    pub fn scale(self, w: u32) -> Share {
        Share {
            num: self.num * u128::from(w),
            den: self.den,
        }
    }

    /// This share divided by an integer (used to average weighted shares).
    pub fn divide(self, d: u32) -> Share {
        Share {
            num: self.num,
            den: self.den * u128::from(d),
        }
    }
}

impl PartialEq for Share {
    fn eq(&self, other: &Self) -> bool {
        self.num * other.den == other.num * self.den && (self.den == 0) == (other.den == 0)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// One row of the band table: a level, its names, and the upper bound of its band in percent of the maximum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelBand {
    /// The level, 0–5.
    pub level: Level,
    /// Its official name, such as "Khởi động" / "Initiating".
    pub name: Text,
    /// What the level means, in a sentence.
    pub description: Text,
    /// Upper bound of the band, in percent of the maximum.
    pub max_pct: u32,
    /// Whether a share of exactly `max_pct` belongs to this band (true) or to the next (false).
    pub inclusive: bool,
}

/// The validated band table, levels 0..=5 in order, bounds strictly increasing, the last one 100 % inclusive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelTable {
    bands: Vec<LevelBand>,
}

impl LevelTable {
    /// Wraps bands that `questionnaire` validation has already checked.
    pub(crate) fn new_unchecked(bands: Vec<LevelBand>) -> Self {
        LevelTable { bands }
    }

    /// Every band, level 0 first.
    pub fn bands(&self) -> &[LevelBand] {
        &self.bands
    }

    /// The band of `level`, if the table has it.
    pub fn band(&self, level: Level) -> Option<&LevelBand> {
        self.bands.iter().find(|b| b.level == level)
    }

    /// The level of a share of the maximum. An empty share (nothing applicable) is level 0.
    pub fn level_for(&self, share: Share) -> Level {
        if share.is_empty() {
            return 0;
        }
        for band in &self.bands {
            let within = match share.cmp_pct(band.max_pct) {
                Ordering::Less => true,
                Ordering::Equal => band.inclusive,
                Ordering::Greater => false,
            };
            if within {
                return band.level;
            }
        }
        self.bands.last().map_or(0, |b| b.level)
    }

    /// The smallest number of points out of `max` that reaches `level`, or `None` if it cannot be reached.
    pub fn min_points_for(&self, level: Level, max: u32) -> Option<u32> {
        (0..=max).find(|p| self.level_for(Share::new(u128::from(*p), u128::from(max))) >= level)
    }
}

/// One condition of the DBI overall rule: "total > `total_above` and at least `min_dimensions` pillars at level ≥
/// `dimension_level`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverallRule {
    /// The overall level this rule grants.
    pub level: Level,
    /// The total must be strictly greater than this many points.
    pub total_above: u32,
    /// How many dimensions must be at `dimension_level` or higher.
    pub min_dimensions: u32,
    /// The dimension level those dimensions must reach.
    pub dimension_level: Level,
}

impl OverallRule {
    /// Whether a total and the dimension levels satisfy this rule.
    pub fn holds(&self, total: u32, dimension_levels: &[Level]) -> bool {
        let count = dimension_levels
            .iter()
            .filter(|l| **l >= self.dimension_level)
            .count();
        total > self.total_above && count >= self.min_dimensions as usize
    }
}

/// The overall level under a rule list: the highest level whose conditions all hold, else 0.
pub fn overall_by_rules(rules: &[OverallRule], total: u32, dimension_levels: &[Level]) -> Level {
    rules
        .iter()
        .filter(|r| r.holds(total, dimension_levels))
        .map(|r| r.level)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dbi_bands() -> LevelTable {
        let b = |level, max_pct, inclusive| LevelBand {
            level,
            name: Text::new("x", "x"),
            description: Text::new("x", "x"),
            max_pct,
            inclusive,
        };
        LevelTable::new_unchecked(vec![
            b(0, 10, false),
            b(1, 20, true),
            b(2, 40, true),
            b(3, 60, true),
            b(4, 80, true),
            b(5, 100, true),
        ])
    }

    #[test]
    fn band_boundaries_table() {
        let t = dbi_bands();
        // (earned, max, level): exactly 10 % is level 1 (documented choice), exactly 20/40/60/80 % stay in the lower band.
        let cases = [
            (0, 100, 0),
            (9, 100, 0),
            (10, 100, 1),
            (20, 100, 1),
            (21, 100, 2),
            (40, 100, 2),
            (41, 100, 3),
            (60, 100, 3),
            (61, 100, 4),
            (80, 100, 4),
            (81, 100, 5),
            (100, 100, 5),
            (39, 65, 3), // the official worked example: 39/65 = 60 % → Hình thành
            (40, 65, 4),
            (6, 65, 0),
            (7, 65, 1), // 10.77 %
            (13, 65, 1),
            (14, 65, 2),
        ];
        for (earned, max, want) in cases {
            assert_eq!(t.level_for(Share::new(earned, max)), want, "{earned}/{max}");
        }
        assert_eq!(t.level_for(Share::new(0, 0)), 0);
    }

    #[test]
    fn min_points_for_levels() {
        let t = dbi_bands();
        assert_eq!(t.min_points_for(1, 65), Some(7));
        assert_eq!(t.min_points_for(3, 65), Some(27));
        assert_eq!(t.min_points_for(5, 65), Some(53));
        assert_eq!(t.min_points_for(6, 65), None);
    }

    #[test]
    fn share_arithmetic_is_exact() {
        let a = Share::new(1, 3) + Share::new(1, 6);
        assert_eq!(a, Share::new(1, 2));
        assert_eq!(Share::new(1, 3).permille(), 333);
        assert_eq!(Share::new(2, 3).permille(), 667);
        assert_eq!(Share::new(1, 2000).permille(), 1); // 0.05 % rounds half up to 0.1 %
        assert_eq!(Share::new(1, 1).divide(2).cmp_pct(50), Ordering::Equal);
    }
}
