//! A code's bytes around its payload: the length (a cut-off code is told from a damaged one), a CRC-32, and
//! base64url.
use super::{CODE_PREFIX, CodeError};

/// A code around any payload, its length and checksum right: for tests and fuzzing of the payload reader (a code
/// changed by hand almost never gets past the checksum).
pub fn seal_payload(payload: &[u8]) -> String {
    format!("{CODE_PREFIX}{}", seal(payload))
}

/// Length, payload and CRC-32, as base64url.
pub(super) fn seal(payload: &[u8]) -> String {
    let mut body = Vec::with_capacity(payload.len() + 8);
    let mut n = payload.len();
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            body.push(low);
            break;
        }
        body.push(low | 0x80);
    }
    body.extend_from_slice(payload);
    let crc = crc32(&body);
    body.extend_from_slice(&crc.to_be_bytes());
    base64url(&body)
}

/// The payload of a sealed code, once its length and checksum hold.
pub(super) fn unseal(b64: &str) -> Result<Vec<u8>, CodeError> {
    let (bytes, left_over) = from_base64url(b64)?;
    let (len, head) = {
        let mut n: usize = 0;
        let mut i = 0;
        loop {
            let Some(b) = bytes.get(i) else {
                return Err(CodeError::CutOff {
                    have: bytes.len(),
                    need: bytes.len() + 1,
                });
            };
            if i >= 4 {
                return Err(CodeError::Corrupt);
            }
            n |= usize::from(b & 0x7f) << (7 * i);
            i += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
        (n, i)
    };
    let need = head + len + 4;
    if bytes.len() < need {
        return Err(CodeError::CutOff {
            have: bytes.len(),
            need,
        });
    }
    // Longer than it says, or bits past its last byte (a changed last character would otherwise read as the same
    // code): not as written.
    if bytes.len() > need || left_over {
        return Err(CodeError::Corrupt);
    }
    let (body, crc) = bytes.split_at(head + len);
    if crc32(body).to_be_bytes() != crc {
        return Err(CodeError::Corrupt);
    }
    Ok(body[head..].to_vec())
}

/// CRC-32 (ISO-HDLC, as in zip and PNG), bit by bit: codes are a few hundred bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & 0u32.wrapping_sub(crc & 1));
        }
    }
    !crc
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for k in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * k) & 63) as usize]));
        }
    }
    out
}

/// The bytes of base64url text, and whether bits were left over past the last whole byte (they are zero in a code
/// as written, unless it was cut there).
fn from_base64url(text: &str) -> Result<(Vec<u8>, bool), CodeError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = B64.iter().position(|x| *x == c).ok_or(CodeError::Corrupt)?;
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok((out, acc != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert_eq!(text.len(), (n * 8).div_ceil(6));
            assert_eq!(from_base64url(&text), Ok((bytes, false)));
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(from_base64url("ab+c"), Err(CodeError::Corrupt));
        // Bits past the last byte: "-_8" is the only spelling of those two bytes as written.
        assert_eq!(from_base64url("-_9"), Ok((vec![0xfb, 0xff], true)));
    }

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
