//! The bit stream of a result code's payload, most significant bit first: the writer, the reader, and the number
//! forms both use (variable-length integers, signed as zigzag, bit widths).
use super::CodeError;

/// The first day times count from, 2020-01-01 (milliseconds since 1970): times before it cost a byte more.
pub(super) const EPOCH: i64 = 1_577_836_800_000;

/// The last time written, as the base of the next one (times are deltas).
pub(super) struct Clock {
    pub(super) ms: i64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { ms: EPOCH }
    }
}

/// Powers of ten for decimals of up to four places (exact in `f64`).
pub(super) const TENS: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10000.0];

pub(super) fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

pub(super) fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// A bit stream, most significant bit first.
#[derive(Default)]
pub(super) struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    pub(super) fn put(&mut self, value: u64, width: u32) {
        for k in (0..width).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> k) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 0x80 >> (self.used % 8);
            }
            self.used += 1;
        }
    }
    /// Seven bits at a time, low first, each group behind a "more" bit.
    pub(super) fn varint(&mut self, mut n: u64) {
        loop {
            let more = n >> 7 != 0;
            self.put(u64::from(more), 1);
            self.put(n & 0x7f, 7);
            n >>= 7;
            if !more {
                break;
            }
        }
    }
    /// A version, "1.0.0": a bit, then three bytes when it is three numbers up to 255, else the text.
    /// A time: a two-bit form (0 whole seconds, 1 milliseconds, 2 text), then the delta from the last time.
    /// A number: a three-bit form (0–4: a decimal with that many places, 5: the 64 bits as they are), then the
    /// digits as a signed varint.
    /// A tax code as typed: a two-bit form (0 empty, 1 ten digits, 2 ten digits and a branch, 3 text).
    pub(super) fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Bits that hold values `0..n`.
pub(super) fn width(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Reads what [`Bits`] wrote; running out of bits, or a value that cannot be, is a damaged code.
pub(super) struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    pub(super) fn new(bytes: &'b [u8]) -> Self {
        Reader { bytes, at: 0 }
    }
    pub(super) fn get(&mut self, width: u32) -> Result<u64, CodeError> {
        let mut v = 0u64;
        for _ in 0..width {
            let byte = self.bytes.get(self.at / 8).ok_or(CodeError::Corrupt)?;
            v = (v << 1) | u64::from((byte >> (7 - self.at % 8)) & 1);
            self.at += 1;
        }
        Ok(v)
    }
    pub(super) fn varint(&mut self) -> Result<u64, CodeError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let more = self.get(1)?;
            n |= self.get(7)? << shift;
            if more == 0 {
                return Ok(n);
            }
        }
        Err(CodeError::Corrupt)
    }
    pub(super) fn len(&mut self) -> Result<usize, CodeError> {
        let n = usize::try_from(self.varint()?).map_err(|_| CodeError::Corrupt)?;
        // No length can exceed the bytes left.
        if n > self.bytes.len() {
            return Err(CodeError::Corrupt);
        }
        Ok(n)
    }
    /// The rest must be the zero bits that fill the last byte.
    pub(super) fn end(&mut self) -> Result<(), CodeError> {
        if self.bytes.len() != self.at.div_ceil(8) {
            return Err(CodeError::Corrupt);
        }
        while !self.at.is_multiple_of(8) {
            if self.get(1)? != 0 {
                return Err(CodeError::Corrupt);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(
            [1, 2, 3, 4, 5, 8, 9, 11].map(width),
            [0, 1, 2, 2, 3, 3, 4, 4]
        );
    }
}
