//! Dates as the app writes them: RFC 3339 in the browser's form (`2026-11-23T10:11:12.345Z`) and milliseconds
//! since 1970, both ways, by the proleptic Gregorian calendar (no clock here: times come in as arguments).

/// Milliseconds since 1970 of an RFC 3339 time in the browser's form (`Date.toISOString`,
/// `2026-11-23T10:11:12.345Z`), when it is exactly that form: `None` for any other text.
pub fn parse_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 24 || [4, 7, 10, 13, 16, 19, 23].map(|i| b[i]) != *b"--T::.Z" {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = &b[r];
        t.iter()
            .all(u8::is_ascii_digit)
            .then(|| t.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, min, sec, ms) = (num(11..13)?, num(14..16)?, num(17..19)?, num(20..23)?);
    let days = days_from_civil(y, m, d);
    let t = ((days * 24 + h) * 60 + min) * 60 + sec;
    let t = t * 1000 + ms;
    // Only a time that prints back the same (no 25th hour, no 31st of February).
    (format_millis(t) == s).then_some(t)
}

pub fn format_millis(ms: i64) -> String {
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of days since 1970-01-01 (civil_from_days).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The browser's form of the time on day `days` (since 1970-01-01) at `minutes` past midnight.
pub fn day_and_minutes(days: i64, minutes: i64) -> String {
    format_millis((days * 1440 + minutes) * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_only_in_the_browser_form() {
        for t in [
            "2026-11-23T10:11:12.345Z",
            "1970-01-01T00:00:00.000Z",
            "2000-02-29T23:59:59.999Z",
            "1969-12-31T23:59:59.999Z",
        ] {
            let ms = parse_millis(t).expect(t);
            assert_eq!(format_millis(ms), t);
        }
        for t in [
            "2026-11-23T10:11:12Z",
            "2026-02-30T10:11:12.000Z",
            "2026-11-23T24:00:00.000Z",
            "2026-11-23 10:11:12.000Z",
            "",
        ] {
            assert_eq!(parse_millis(t), None, "{t}");
        }
        assert_eq!(parse_millis("1970-01-02T00:00:01.500Z"), Some(86_401_500));
    }

    #[test]
    fn days_both_ways() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2025, 7, 1), 20_270);
        for d in [-719_468, -1, 0, 59, 60, 20_270, 2_932_896] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
        assert_eq!(
            day_and_minutes(20_270, 8 * 60 + 5),
            "2025-07-01T08:05:00.000Z"
        );
    }
}
