//! Base64url without padding (RFC 4648 §5), the alphabet that survives a URL fragment
//! untouched.
//!
//! Decoding is strict: no padding, no whitespace, and the unused low bits of the last
//! character must be zero, so every byte string has exactly one text and a damaged link is
//! refused rather than read as something slightly different.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a text is not base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base64Error {
    /// A character outside `A–Z a–z 0–9 - _` (padding `=` included).
    InvalidCharacter,
    /// A length no byte string encodes to: one more than a multiple of four.
    InvalidLength,
    /// The last character carries bits that no encoder would have set.
    NonCanonical,
}

/// `bytes` in base64url, without padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let group = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        // n bytes carry 8n bits: n + 1 characters hold them.
        for index in 0..=chunk.len() {
            let sextet = (group >> (18 - 6 * index)) & 0x3f;
            text.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    text
}

/// The bytes `text` encodes in base64url without padding.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, Base64Error> {
    if text.len() % 4 == 1 {
        return Err(Base64Error::InvalidLength);
    }
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut group = 0u32;
        for &character in chunk {
            group = (group << 6) | u32::from(sextet(character)?);
        }
        // Left-align a short last chunk as if it had been padded.
        group <<= 6 * (4 - chunk.len());
        let [_, b0, b1, b2] = group.to_be_bytes();
        let decoded = [b0, b1, b2];
        // A chunk of n characters carries n - 1 whole bytes (n is 2, 3 or 4 here).
        let (produced, unused) = decoded.split_at(chunk.len().saturating_sub(1).min(3));
        if unused.iter().any(|&byte| byte != 0) {
            return Err(Base64Error::NonCanonical);
        }
        bytes.extend_from_slice(produced);
    }
    Ok(bytes)
}

fn sextet(character: u8) -> Result<u8, Base64Error> {
    match character {
        b'A'..=b'Z' => Ok(character - b'A'),
        b'a'..=b'z' => Ok(character - b'a' + 26),
        b'0'..=b'9' => Ok(character - b'0' + 52),
        b'-' => Ok(62),
        b'_' => Ok(63),
        _ => Err(Base64Error::InvalidCharacter),
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, Base64Error};

    #[test]
    fn rfc_4648_vectors_in_the_url_alphabet() {
        let vectors: [(&[u8], &str); 9] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xfb, 0xff], "-_8"),
            (&[0xff, 0xff, 0xff], "____"),
        ];
        for (bytes, text) in vectors {
            assert_eq!(encode(bytes), text);
            assert_eq!(decode(text.as_bytes()), Ok(bytes.to_vec()), "{text}");
        }
    }

    #[test]
    fn random_bytes_round_trip() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for length in 0..600usize {
            let bytes: Vec<u8> = (0..length).map(|_| next() as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len(), (length * 4).div_ceil(3));
            assert_eq!(decode(text.as_bytes()), Ok(bytes));
        }
    }

    #[test]
    fn invalid_characters_are_refused() {
        for text in ["Zg==", "Zm9v+A", "Zm9v/A", "Zm 9", "Zm9\n", "Zé", "Zm%3"] {
            assert_eq!(
                decode(text.as_bytes()),
                Err(Base64Error::InvalidCharacter),
                "{text:?}"
            );
        }
    }

    #[test]
    fn impossible_lengths_are_refused() {
        for text in ["Z", "Zm9vY", "Zm9vYmFyZ"] {
            assert_eq!(decode(text.as_bytes()), Err(Base64Error::InvalidLength));
        }
    }

    #[test]
    fn stray_low_bits_are_refused() {
        // "Zh" and "Zm9" set bits that "Zg" and "Zm8" leave clear.
        for text in ["Zh", "Zm9", "Zm9vYh"] {
            assert_eq!(decode(text.as_bytes()), Err(Base64Error::NonCanonical));
        }
    }
}
