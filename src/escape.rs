//! Text shown on a terminal: control characters escaped, so that a file
//! name or a message cannot move the cursor or forge a line. Used by the
//! command line's messages and by the library errors that name files.

/// `text` with its control characters escaped as Rust escapes them
/// (`\n`, `\u{1b}`) and nothing else changed: a file name printed on
/// stderr stays on its line and cannot move the cursor or forge a line.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Control characters, and the bidirectional overrides that reorder
/// what follows them on a terminal.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A path as [`shown`] on stderr.
pub fn shown_path(path: &std::path::Path) -> String {
    shown(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn control_characters_are_escaped_and_nothing_else() {
        assert_eq!(shown("a\nb\tc\u{1b}[2J"), "a\\nb\\tc\\u{1b}[2J");
        assert_eq!(shown("x\u{202e}txt.exe"), "x\\u{202e}txt.exe");
        assert_eq!(shown("حلب \"é\" \\ ok"), "حلب \"é\" \\ ok");
    }
}
