//! Chart geometry as numbers and SVG attribute strings: the radar, the bars and QR codes. No drawing library.
use crate::domain::assessment::level::Share;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::Lang;
use std::f64::consts::PI;

/// Where an axis label sits, its lines, and how its text is anchored.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarLabel {
    /// x in the viewBox.
    pub x: f64,
    /// y of the first line's baseline.
    pub y: f64,
    /// SVG `text-anchor`: "start", "middle" or "end".
    pub anchor: &'static str,
    /// The label wrapped into short lines.
    pub lines: Vec<String>,
}

/// One series drawn on the radar.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarSeries {
    /// The polygon's `points` attribute.
    pub polygon: String,
    /// The vertices, for dots.
    pub vertices: Vec<(f64, f64)>,
}

/// Everything needed to draw a radar chart in a `width` × `height` viewBox.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarGeometry {
    /// The viewBox width.
    pub width: f64,
    /// The viewBox height.
    pub height: f64,
    /// The centre.
    pub centre: (f64, f64),
    /// Grid rings, innermost first, as `points` attributes.
    pub rings: Vec<String>,
    /// Axis lines from the centre: (x2, y2).
    pub axes: Vec<(f64, f64)>,
    /// The series, in the order given.
    pub series: Vec<RadarSeries>,
    /// One label per axis.
    pub labels: Vec<RadarLabel>,
}

/// Line height of label text, in viewBox units (the text is 12 units tall).
pub const LABEL_LINE: f64 = 14.0;

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn points_attr(pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wraps text into lines of at most `width` characters, breaking at spaces (a longer word stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The axes of a questionnaire's radar: one per dimension, named in a language, with the level band bounds as
/// rings.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxes {
    /// The dimension names, in questionnaire order.
    pub names: Vec<String>,
    /// The upper bound of each level band, as a fraction of the radius.
    pub rings: Vec<f64>,
}

impl RadarAxes {
    /// The axes of `q` with names in `lang`.
    pub fn of(q: &Questionnaire, lang: Lang) -> RadarAxes {
        RadarAxes {
            names: q
                .dimensions
                .iter()
                .map(|d| d.name.get(lang).to_string())
                .collect(),
            rings: q
                .levels
                .bands()
                .iter()
                .map(|b| f64::from(b.max_pct) / 100.0)
                .collect(),
        }
    }

    /// Lays out `series` (one value in 0.0–1.0 per dimension each) on these axes; see [`radar`].
    pub fn layout(&self, series: &[Vec<f64>], width: f64, height: f64) -> RadarGeometry {
        let labels: Vec<&str> = self.names.iter().map(String::as_str).collect();
        radar(&labels, &self.rings, series, width, height)
    }
}

/// Lays out a radar with one axis per label, the first pointing up and the rest clockwise. `rings` are fractions
/// of the radius (the level band bounds); each series holds one value in 0.0–1.0 per axis (values are clamped).
pub fn radar(
    labels: &[&str],
    rings: &[f64],
    series: &[Vec<f64>],
    width: f64,
    height: f64,
) -> RadarGeometry {
    let axes = labels.len();
    let centre = (width / 2.0, height / 2.0);
    let radius = width.min(height) * 0.32;
    let at = |i: usize, r: f64| -> (f64, f64) {
        let angle = -PI / 2.0 + 2.0 * PI * (i as f64) / (axes.max(1) as f64);
        (
            round1(centre.0 + r * angle.cos()),
            round1(centre.1 + r * angle.sin()),
        )
    };
    let ring_pts = |f: f64| -> Vec<(f64, f64)> { (0..axes).map(|i| at(i, radius * f)).collect() };
    let rings = rings.iter().map(|f| points_attr(&ring_pts(*f))).collect();
    let axes_lines = (0..axes).map(|i| at(i, radius)).collect();
    let series = series
        .iter()
        .map(|values| {
            let vertices: Vec<(f64, f64)> = (0..axes)
                .map(|i| {
                    at(
                        i,
                        radius * values.get(i).copied().unwrap_or(0.0).clamp(0.0, 1.0),
                    )
                })
                .collect();
            RadarSeries {
                polygon: points_attr(&vertices),
                vertices,
            }
        })
        .collect();
    let labels = labels
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let lines = wrap(text, 14);
            let (x, y) = at(i, radius + 10.0);
            let anchor = if (x - centre.0).abs() < 1.0 {
                "middle"
            } else if x > centre.0 {
                "start"
            } else {
                "end"
            };
            let block = LABEL_LINE * (lines.len().max(1) - 1) as f64;
            // Above the centre the block grows upwards, below it downwards, beside it around the axis end.
            let first = if (y - centre.1).abs() < 1.0 {
                y + 4.0 - block / 2.0
            } else if y < centre.1 {
                y - block
            } else {
                y + 10.0
            };
            RadarLabel {
                x,
                y: round1(first),
                anchor,
                lines,
            }
        })
        .collect();
    RadarGeometry {
        width,
        height,
        centre,
        rings,
        axes: axes_lines,
        series,
        labels,
    }
}

/// A bar's width in a 0–100 SVG viewBox for a share, such as "62.5" (always a dot: it is SVG, not prose).
pub fn bar_width(share: Share) -> String {
    let p = share.permille();
    format!("{}.{}", p / 10, p % 10)
}

/// A QR code's dark modules as one SVG path, in a viewBox of `width` × `width` module units: each run of dark
/// modules in a row is one rectangle. `dark` holds the modules row by row.
pub fn qr_path(width: usize, dark: &[bool]) -> String {
    let mut d = String::new();
    for (y, row) in dark.chunks(width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|m| **m).count();
            d.push_str(&format!("M{x} {y}h{run}v1h-{run}z"));
            x += run;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radar_vertices_sit_on_their_axes() {
        let g = radar(
            &["a", "b", "c", "d"],
            &[0.5, 1.0],
            &[vec![1.0, 0.5, 0.0, 2.0]],
            250.0,
            200.0,
        );
        assert_eq!(g.centre, (125.0, 100.0));
        // radius 64: up, right, down (at 0), left (clamped to 1.0).
        assert_eq!(
            g.series[0].vertices,
            vec![(125.0, 36.0), (157.0, 100.0), (125.0, 100.0), (61.0, 100.0)]
        );
        assert_eq!(g.rings[0], "125,68 157,100 125,132 93,100");
        assert_eq!(g.labels[0].anchor, "middle");
        assert_eq!(g.labels[1].anchor, "start");
        assert_eq!(g.labels[3].anchor, "end");
    }

    #[test]
    fn wraps_labels_at_spaces() {
        assert_eq!(
            wrap("Thương mại điện tử", 14),
            vec!["Thương mại", "điện tử"]
        );
        assert_eq!(
            wrap("Chuyển đổi số văn hóa doanh nghiệp", 14),
            vec!["Chuyển đổi số", "văn hóa doanh", "nghiệp"]
        );
        assert_eq!(wrap("Management", 14), vec!["Management"]);
        assert!(wrap("", 14).is_empty());
    }

    #[test]
    fn bar_widths() {
        assert_eq!(bar_width(Share::new(5, 8)), "62.5");
        assert_eq!(bar_width(Share::new(0, 0)), "0.0");
        assert_eq!(bar_width(Share::new(1, 1)), "100.0");
    }
}

/// One segment of a stacked bar in a 0–100 viewBox: (x, width) as SVG attribute strings.
pub fn stacked(counts: &[u32]) -> Vec<(String, String)> {
    let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    let mut x = 0u64;
    counts
        .iter()
        .map(|c| {
            // Thousandths of the width, so segments add up exactly to 100.0.
            let start = (x * 1000).checked_div(total).unwrap_or(0);
            x += u64::from(*c);
            let end = (x * 1000).checked_div(total).unwrap_or(0);
            (
                format!("{}.{}", start / 10, start % 10),
                format!("{}.{}", (end - start) / 10, (end - start) % 10),
            )
        })
        .collect()
}

/// Horizontal bars scaled to the largest count: widths in a 0–100 viewBox.
pub fn scaled(counts: &[u32]) -> Vec<String> {
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|c| {
            if max == 0 {
                "0.0".to_string()
            } else {
                bar_width(Share::new(u128::from(*c), u128::from(max)))
            }
        })
        .collect()
}

#[cfg(test)]
mod stacked_tests {
    use super::*;

    #[test]
    fn stacked_segments_cover_the_bar() {
        let s = stacked(&[1, 1, 2, 0, 0, 0]);
        assert_eq!(s[0], ("0.0".to_string(), "25.0".to_string()));
        assert_eq!(s[2], ("50.0".to_string(), "50.0".to_string()));
        assert_eq!(
            stacked(&[0, 0]),
            vec![("0.0".to_string(), "0.0".to_string()); 2]
        );
        assert_eq!(scaled(&[5, 10, 0]), vec!["50.0", "100.0", "0.0"]);
    }

    #[test]
    fn qr_runs() {
        let dark = [true, true, false, true, false, false, false, true, true];
        assert_eq!(qr_path(3, &dark), "M0 0h2v1h-2zM0 1h1v1h-1zM1 2h2v1h-2z");
        assert_eq!(qr_path(3, &[false; 9]), "");
    }
}
