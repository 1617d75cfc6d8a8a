//! Vietnamese order and search for names. Code-point order puts "Đ" after "Z" and "ô" before "ắ"; a Vietnamese
//! reader expects the alphabet a ă â b c d đ e ê … o ô ơ … u ư … y, with the tone marks deciding only between
//! words that are otherwise the same (in the order ngang, huyền, sắc, hỏi, ngã, nặng). And on a phone people often
//! type without diacritics: "dak lak" should find "Đắk Lắk".

/// The Vietnamese alphabet's letters with no diacritic at all, in alphabet order (a ă â b c d đ e ê f g h i … o ô ơ
/// p … u ư v … z): a letter's place in the alphabet picks its bare form here.
const BARE: &[u8; 33] = b"aaabcddeefghijklmnooopqrstuuvwxyz";

/// Each ASCII letter's place in the alphabet.
const ASCII_PLACE: [u8; 26] = [
    0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31,
    32,
];

// The other lower-case Vietnamese letters by code point, as place × 6 + tone (0 ngang, 1 huyền, 2 sắc, 3 hỏi,
// 4 ngã, 5 nặng); 255 for anything else. The test `the_tables_are_the_alphabet` rebuilds them from the alphabet.
/// Letters U+00E0…U+01B0.
const LATIN_1_AND_EXTENDED: [u8; 209] = [
    1, 2, 12, 4, 255, 255, 255, 255, 43, 44, 48, 255, 73, 74, 255, 255, 255, 255, 109, 110, 114,
    112, 255, 255, 255, 157, 158, 255, 255, 188, 255, 255, 255, 255, 255, 6, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 36, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 76, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 160, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 120, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 162,
];
/// Letters U+1EA1…U+1EF9.
const LATIN_EXTENDED_ADDITIONAL: [u8; 89] = [
    5, 255, 3, 255, 14, 255, 13, 255, 15, 255, 16, 255, 17, 255, 8, 255, 7, 255, 9, 255, 10, 255,
    11, 255, 47, 255, 45, 255, 46, 255, 50, 255, 49, 255, 51, 255, 52, 255, 53, 255, 75, 255, 77,
    255, 113, 255, 111, 255, 116, 255, 115, 255, 117, 255, 118, 255, 119, 255, 122, 255, 121, 255,
    123, 255, 124, 255, 125, 255, 161, 255, 159, 255, 164, 255, 163, 255, 165, 255, 166, 255, 167,
    255, 187, 255, 191, 255, 189, 255, 190,
];

/// Where a lower-case letter sorts: its letter's place in the alphabet (counted from 40: spaces, punctuation and
/// digits sort below), its tone (0–5) and the letter with no diacritic at all. `None` for anything that is not a
/// Vietnamese or Latin letter.
fn letter(c: char) -> Option<(u8, u8, char)> {
    let code = if c.is_ascii_lowercase() {
        ASCII_PLACE.get(usize::from(c as u8 - b'a')).map(|p| p * 6)
    } else {
        let u = u32::from(c);
        let at = |table: &[u8], start: u32| {
            usize::try_from(u.checked_sub(start)?)
                .ok()
                .and_then(|i| table.get(i).copied())
        };
        at(&LATIN_1_AND_EXTENDED, 0xE0).or_else(|| at(&LATIN_EXTENDED_ADDITIONAL, 0x1EA1))
    }
    .filter(|code| *code != 255)?;
    let place = code / 6;
    let bare = char::from(*BARE.get(usize::from(place))?);
    Some((place + 40, code % 6, bare))
}

/// A key that sorts names in Vietnamese order, ignoring case: the letters first, then the tones.
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut primary = Vec::with_capacity(s.len());
    let mut tones = Vec::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let (p, t) = match letter(c) {
            Some((p, t, _)) => (p, t),
            None if c.is_ascii_whitespace() || c == '\u{a0}' => (1, 0),
            None => match c.to_digit(10) {
                // Digits after spaces and before letters.
                Some(d) => (10 + u8::try_from(d).unwrap_or(0), 0),
                None if c.is_ascii() => (5, 0),
                None => (250, 0),
            },
        };
        primary.push(p);
        tones.push(t);
    }
    primary.push(0);
    primary.extend(tones);
    primary
}

/// The text in lower case with every diacritic taken off (đ becomes d), for searches typed without them.
pub fn bare(s: &str) -> String {
    bare_chars(s).collect()
}

/// The characters of [`bare`], one by one, without making the text.
pub fn bare_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| letter(c).map_or(c, |(_, _, b)| b))
}

/// Whether a search has diacritics, and so must match them exactly (ignoring case).
pub fn has_diacritics(s: &str) -> bool {
    s.chars()
        .flat_map(char::to_lowercase)
        .any(|c| letter(c).is_some_and(|(_, _, b)| b != c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_the_alphabet() {
        let alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
        let toned = [
            "aàáảãạ",
            "ăằắẳẵặ",
            "âầấẩẫậ",
            "eèéẻẽẹ",
            "êềếểễệ",
            "iìíỉĩị",
            "oòóỏõọ",
            "ôồốổỗộ",
            "ơờớởỡợ",
            "uùúủũụ",
            "ưừứửữự",
            "yỳýỷỹỵ",
        ];
        let bare_of = |c: char| match c {
            'ă' | 'â' => 'a',
            'đ' => 'd',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            other => other,
        };
        let place = |c: char| alphabet.chars().position(|a| a == c).map(|p| p as u8 + 40);
        let mut want = std::collections::BTreeMap::new();
        for c in alphabet.chars() {
            want.insert(
                c,
                (place(c).expect("a letter of the alphabet"), 0, bare_of(c)),
            );
        }
        for forms in toned {
            let base = forms.chars().next().expect("a base letter first");
            for (tone, c) in forms.chars().enumerate().skip(1) {
                want.insert(
                    c,
                    (
                        place(base).expect("the base is a letter of the alphabet"),
                        tone as u8,
                        bare_of(base),
                    ),
                );
            }
        }
        assert_eq!(want.len(), 33 + 12 * 5);
        // Every character up to the end of the tables: the letters as above, nothing else.
        for c in (0..0x1F00).filter_map(char::from_u32) {
            assert_eq!(letter(c), want.get(&c).copied(), "{c:?}");
        }
    }

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut w: Vec<&str> = words.to_vec();
        w.sort_by_key(|s| sort_key(s));
        w.into_iter().map(String::from).collect()
    }

    #[test]
    fn vietnamese_alphabet_order() {
        assert_eq!(
            sorted(&[
                "Đông Á",
                "Dung",
                "Ê Đê",
                "Ăn uống",
                "An Phát",
                "Âu Lạc",
                "Zeta",
                "Bình"
            ]),
            [
                "An Phát",
                "Ăn uống",
                "Âu Lạc",
                "Bình",
                "Dung",
                "Đông Á",
                "Ê Đê",
                "Zeta"
            ]
        );
        assert_eq!(
            sorted(&["Ơn", "Ông", "Ong", "Ưu", "Uy"]),
            ["Ong", "Ông", "Ơn", "Uy", "Ưu"]
        );
        // Đắk (đ ă) before Đông (đ ô), which code-point order gets wrong.
        assert_eq!(sorted(&["Đông", "Đắk Lắk"]), ["Đắk Lắk", "Đông"]);
    }

    #[test]
    fn tones_decide_only_between_the_same_letters() {
        assert_eq!(
            sorted(&["mạ", "má", "mả", "mà", "ma", "mã"]),
            ["ma", "mà", "má", "mả", "mã", "mạ"]
        );
        // The letters first: "mạnh" after "mai" although ạ's tone is the heaviest.
        assert_eq!(sorted(&["mạnh", "mai"]), ["mai", "mạnh"]);
        assert_eq!(
            sorted(&["MAI", "mai"]),
            ["MAI", "mai"],
            "case is ignored (stable)"
        );
        assert_eq!(
            sorted(&["An Phát 2", "An Phát", "An  Phát", "An1"]),
            ["An  Phát", "An Phát", "An Phát 2", "An1"]
        );
    }

    #[test]
    fn bare_text_for_searches_without_diacritics() {
        assert_eq!(bare("Đắk Lắk"), "dak lak");
        assert_eq!(bare("Thương mại điện tử"), "thuong mai dien tu");
        assert_eq!(bare("Xã Ea Kao, 2026"), "xa ea kao, 2026");
        assert!(has_diacritics("Đắk"));
        assert!(has_diacritics("ơ"));
        assert!(!has_diacritics("dak lak 12"));
        assert!(!has_diacritics("ABC"));
    }
}
