//! Fixed-width little-endian records for the large tables of a compiled
//! index: a vector of records is written as one byte string, and read
//! back by one tight loop over fixed-size chunks instead of one varint
//! per field, so that a pack of hundreds of thousands of patterns loads
//! in a fraction of the time (the index module checksums the bytes
//! before any of this runs).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// A record of fixed size.
pub(crate) trait Fixed: Sized {
    /// Bytes per record.
    const SIZE: usize;
    /// Appends the record's `SIZE` bytes.
    fn put(&self, out: &mut Vec<u8>);
    /// The record in `b`, which holds exactly `SIZE` bytes.
    fn get(b: &[u8]) -> Self;
}

/// `u32` at byte `at` of `b`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Fixed for u64 {
    const SIZE: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(b: &[u8]) -> u64 {
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        u64::from_le_bytes(a)
    }
}

impl Fixed for (u32, u32) {
    const SIZE: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.extend_from_slice(&self.1.to_le_bytes());
    }
    fn get(b: &[u8]) -> (u32, u32) {
        (u32_at(b, 0), u32_at(b, 4))
    }
}

/// `#[serde(with = "crate::fixed::vec")]`: a `Vec` of [`Fixed`] records as
/// one byte string.
pub(crate) mod vec {
    use super::*;

    pub(crate) fn serialize<T: Fixed, S: Serializer>(
        v: &[T],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut out = Vec::with_capacity(v.len() * T::SIZE);
        for r in v {
            r.put(&mut out);
        }
        s.serialize_bytes(&out)
    }

    pub(crate) fn deserialize<'de, T: Fixed, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        d.deserialize_bytes(Records(PhantomData))
    }

    struct Records<T>(PhantomData<T>);

    impl<T: Fixed> Visitor<'_> for Records<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "records of {} bytes", T::SIZE)
        }

        fn visit_bytes<E: Error>(self, b: &[u8]) -> Result<Vec<T>, E> {
            if b.len() % T::SIZE != 0 {
                return Err(E::custom(format!(
                    "{} bytes are no whole number of {}-byte records",
                    b.len(),
                    T::SIZE
                )));
            }
            Ok(b.chunks_exact(T::SIZE).map(T::get).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct T {
        #[serde(with = "vec")]
        pairs: Vec<(u32, u32)>,
        #[serde(with = "vec")]
        words: Vec<u64>,
    }

    #[test]
    fn records_round_trip_through_postcard() {
        let t = T {
            pairs: vec![(0, 1), (u32::MAX, 7), (300, 70_000)],
            words: vec![u64::MAX, 0, 1 << 40],
        };
        let bytes = postcard::to_allocvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), t);
        let empty = T { pairs: vec![], words: vec![] };
        let bytes = postcard::to_allocvec(&empty).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), empty);
    }

    #[test]
    fn a_partial_record_is_an_error() {
        // A byte string of 5 bytes for records of 8.
        let bytes = [5u8, 1, 2, 3, 4, 5, 0];
        assert!(postcard::from_bytes::<T>(&bytes).is_err());
    }
}
