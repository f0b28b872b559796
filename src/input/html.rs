//! The text of a HTML page, as a reader sees it.
//!
//! The page is parsed with a real HTML5 parser (html5ever, through
//! `scraper`), so entities are decoded and broken markup is repaired as a
//! browser would. Scripts, styles, forms and the page's navigation
//! (`nav`, `aside`, `footer`, and `header` outside an `article` or
//! `main`) are dropped; block elements become line breaks (a blank line
//! after paragraphs and headings), runs of white space become one space
//! (except in `pre`). Offsets in the output refer to this extracted text,
//! which `--emit-text` saves. This module knows nothing of files or
//! encodings.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside",
    "footer", "form", "button", "select", "svg", "math", "iframe", "object",
    "canvas", "dialog",
];

/// Block elements ended by a blank line.
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "table",
    "ul",
    "ol",
    "dl",
];

/// Block elements ended by a line break.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dt",
    "figcaption",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "section",
    "summary",
    "tr",
    "body",
    "html",
];

/// Cells, separated by a space.
const CELLS: &[&str] = &["td", "th"];

/// The readable text of `html`.
///
/// ```
/// let page = "<html><head><title>t</title><script>x()</script></head>\
///             <body><nav>Home</nav><h1>Raids near Alep</h1>\
///             <p>The SOHR&nbsp;said   so.</p></body></html>";
/// assert_eq!(
///     gazetag::input::html::extract(page),
///     "Raids near Alep\n\nThe SOHR\u{a0}said so.\n"
/// );
/// ```
pub fn extract(html: &str) -> String {
    let page = Html::parse_document(html);
    let mut out = Text::default();
    // How many open elements are being skipped, or are `pre`, or are an
    // `article`/`main` (a `header` there is the article's own).
    let (mut skip, mut pre, mut article) = (0usize, 0usize, 0usize);
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip > 0
                        || SKIPPED.contains(&name)
                        || (name == "header" && article == 0)
                    {
                        skip += 1;
                        continue;
                    }
                    match name {
                        "pre" => pre += 1,
                        "article" | "main" => article += 1,
                        _ => {}
                    }
                    out.open(name);
                }
                Node::Text(t) if skip == 0 => out.push(t, pre > 0),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let name = e.name();
                    match name {
                        "pre" => pre -= 1,
                        "article" | "main" => article -= 1,
                        _ => {}
                    }
                    out.close(name);
                }
            }
        }
    }
    out.finish()
}

/// The text being built, with the white space owed before the next word.
#[derive(Default)]
struct Text {
    out: String,
    space: bool,
    newlines: usize,
}

impl Text {
    fn open(&mut self, name: &str) {
        self.close(name);
    }

    fn close(&mut self, name: &str) {
        if PARAGRAPHS.contains(&name) {
            self.newlines = 2;
        } else if BLOCKS.contains(&name) {
            self.newlines = self.newlines.max(1);
        } else if CELLS.contains(&name) {
            self.space = true;
        }
    }

    /// Writes the white space owed before a word.
    fn flush(&mut self) {
        if !self.out.is_empty() {
            if self.newlines > 0 {
                for _ in 0..self.newlines {
                    self.out.push('\n');
                }
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.newlines = 0;
        self.space = false;
    }

    fn push(&mut self, text: &str, pre: bool) {
        if pre {
            if !text.is_empty() {
                self.flush();
                self.out.push_str(text);
            }
            return;
        }
        for c in text.chars() {
            // U+00A0 (`&nbsp;`) is kept: it is part of the text.
            if c.is_whitespace() && c != '\u{a0}' {
                self.space = true;
            } else {
                self.flush();
                self.out.push(c);
            }
        }
    }

    fn finish(mut self) -> String {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::extract;

    #[test]
    fn extraction_table() {
        let cases: &[(&str, &str, &str)] = &[
            ("empty", "", ""),
            ("plain", "Alep", "Alep\n"),
            (
                "entities",
                "<p>Deir ez-Zor &amp; Raqqa &eacute;t&#233; &lt;3</p>",
                "Deir ez-Zor & Raqqa été <3\n",
            ),
            (
                "blocks",
                "<h1>Titre</h1><p>Un\n   deux</p><div>trois</div>quatre",
                "Titre\n\nUn deux\n\ntrois\nquatre\n",
            ),
            ("inline", "<p>Al<b>ep</b> <i>et</i> Irak</p>", "Alep et Irak\n"),
            (
                "boilerplate",
                "<header>Menu</header><nav>Accueil</nav><script>var a='Alep'</script>\
                 <style>p{}</style><article><header><h1>Raqqa</h1></header>\
                 <p>Texte</p></article><footer>© Journal</footer>",
                "Raqqa\n\nTexte\n",
            ),
            ("br", "Alep<br>Irak", "Alep\nIrak\n"),
            ("cells", "<table><tr><td>Alep</td><td>Irak</td></tr></table>", "Alep Irak\n"),
            ("pre", "<pre>a\n  b</pre><p>c</p>", "a\n  b\n\nc\n"),
            ("comment", "<p>a<!-- Alep -->b</p>", "ab\n"),
            ("arabic", "<p dir=rtl>قصف في <b>حلب</b></p>", "قصف في حلب\n"),
            ("broken markup", "<p>Alep<p>Irak", "Alep\n\nIrak\n"),
        ];
        for (name, html, want) in cases {
            assert_eq!(extract(html), *want, "{name}");
        }
    }
}
