//! How a result code writes texts: one byte per printable ASCII character, per Vietnamese letter and per common
//! word, and an escape then UTF-8 for anything else. The tables are fixed for format 1.
use super::CodeError;

/// Words common in Vietnamese enterprise names, addresses and activities, each written as one byte, 0x01–0x1E.
/// Fixed for format 1: changing it changes every code.
const WORDS: [&str; 30] = [
    "Công ty ",
    "CÔNG TY ",
    "TNHH ",
    "Cổ phần ",
    "CỔ PHẦN ",
    "Thương mại ",
    "THƯƠNG MẠI ",
    "Dịch vụ ",
    "DỊCH VỤ ",
    "Sản xuất ",
    "SẢN XUẤT ",
    "Xây dựng ",
    "XÂY DỰNG ",
    "Hợp tác xã ",
    "Doanh nghiệp ",
    "Hộ kinh doanh ",
    "Phường ",
    "Xã ",
    "Việt Nam",
    "Nông nghiệp ",
    "Công nghệ ",
    "Thực phẩm ",
    "Du lịch ",
    "Vận tải ",
    "Xuất nhập khẩu ",
    "Đầu tư ",
    "Một thành viên ",
    "Bán buôn ",
    "Bán lẻ ",
    "và ",
];

/// Vietnamese letters with diacritics (NFC), each written as one byte, 0x80 + its position: the 67 small letters,
/// then the capitals but the six rarest (Ẳ Ẵ Ỳ Ỷ Ỹ Ỵ). Fixed for format 1.
const LETTERS: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ\
                       ÀÁẢÃẠĂẰẮẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰÝ";

/// Written before any other character, which follows in UTF-8.
const ESCAPE: u8 = 0x1f;

/// A text in one byte per printable ASCII character or Vietnamese letter, one per common word, and the escape and
/// UTF-8 for anything else.
pub(super) fn pack(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(k) = WORDS.iter().position(|w| rest.starts_with(w)) {
            out.push(k as u8 + 1);
            rest = &rest[WORDS[k].len()..];
            continue;
        }
        if (' '..='~').contains(&c) {
            out.push(c as u8);
        } else if let Some(i) = LETTERS.chars().position(|l| l == c) {
            out.push(0x80 + i as u8);
        } else {
            let mut buf = [0u8; 4];
            out.push(ESCAPE);
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

pub(super) fn unpack(packed: &[u8]) -> Result<String, CodeError> {
    let mut out = String::with_capacity(packed.len() * 2);
    let mut i = 0;
    while let Some(&b) = packed.get(i) {
        i += 1;
        match b {
            0x20..=0x7e => out.push(char::from(b)),
            0x01..=0x1e => out.push_str(WORDS[usize::from(b - 1)]),
            ESCAPE => {
                let lead = *packed.get(i).ok_or(CodeError::Corrupt)?;
                let n = match lead.leading_ones() {
                    0 => 1,
                    n @ 2..=4 => n as usize,
                    _ => return Err(CodeError::Corrupt),
                };
                let bytes = packed.get(i..i + n).ok_or(CodeError::Corrupt)?;
                out.push_str(std::str::from_utf8(bytes).map_err(|_| CodeError::Corrupt)?);
                i += n;
            }
            0x80..=0xff => out.push(
                LETTERS
                    .chars()
                    .nth(usize::from(b - 0x80))
                    .ok_or(CodeError::Corrupt)?,
            ),
            _ => return Err(CodeError::Corrupt),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_pack_and_unpack() {
        for t in [
            "",
            "Công ty TNHH Thương mại và Dịch vụ Hoàng Phát",
            "CÔNG TY CỔ PHẦN XÂY DỰNG SÀI GÒN",
            "Phường Bến Nghé",
            "tab\there, nul\u{0}, escape \u{1b}",
            "Đắk Lắk 🌾",
        ] {
            assert_eq!(unpack(&pack(t)).as_deref(), Ok(t), "{t:?}");
        }
        assert_eq!(
            pack("Công ty TNHH Thương mại và Dịch vụ An").len(),
            1 + 1 + 1 + 1 + 1 + 2
        );
        assert_eq!(
            pack("Ngô Đình Phước").len(),
            "Ngô Đình Phước".chars().count()
        );
        assert_eq!(LETTERS.chars().count(), 128);
        assert_eq!(pack("Ỹ"), vec![ESCAPE, 0xe1, 0xbb, 0xb8]);
        assert_eq!(unpack(&[0]), Err(CodeError::Corrupt));
        assert_eq!(unpack(&[ESCAPE, 0xc3]), Err(CodeError::Corrupt));
        assert_eq!(unpack(&[ESCAPE, 0x80]), Err(CodeError::Corrupt));
    }
}
