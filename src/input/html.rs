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
//!
//! Nesting deeper than [`MAX_DEPTH`] elements is flattened (see
//! `flatten`), so that time stays linear in the size of the page
//! however deep its markup; the tree is walked without recursion.

mod flatten;

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::Node;

pub use flatten::MAX_DEPTH;

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
    let page = flatten::parse(html);
    let mut walk = Walk::default();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => match marker(e) {
                    Some(tags) => {
                        for tag in tags.split_ascii_whitespace() {
                            match tag.split_at(1) {
                                ("+", name) => walk.open(name),
                                (_, name) => walk.close(name),
                            }
                        }
                    }
                    None => walk.open(e.name()),
                },
                Node::Text(t) => walk.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if marker(e).is_none() {
                        walk.close(e.name());
                    }
                }
            }
        }
    }
    walk.out.finish()
}

/// The tags a marker of flattened tags stands for (see [`flatten`]).
fn marker(e: &Element) -> Option<&str> {
    if e.name() != "wbr" {
        return None;
    }
    e.attr(flatten::TAGS)
}

/// The elements open around the text being read, and the text.
#[derive(Default)]
struct Walk {
    /// How many open elements are being skipped, or are `pre`, or are an
    /// `article`/`main` (a `header` there is the article's own).
    skip: usize,
    pre: usize,
    article: usize,
    out: Text,
}

impl Walk {
    fn open(&mut self, name: &str) {
        if self.skip > 0
            || SKIPPED.contains(&name)
            || (name == "header" && self.article == 0)
        {
            self.skip += 1;
            return;
        }
        match name {
            "pre" => self.pre += 1,
            "article" | "main" => self.article += 1,
            _ => {}
        }
        self.out.open(name);
    }

    fn close(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "article" | "main" => {
                self.article = self.article.saturating_sub(1);
            }
            _ => {}
        }
        self.out.close(name);
    }

    fn text(&mut self, text: &str) {
        if self.skip == 0 {
            self.out.push(text, self.pre > 0);
        }
    }
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

    /// The depth of the deepest node of a parsed page.
    fn depth(html: &str) -> usize {
        let page = super::flatten::parse(html);
        let mut depth = 0usize;
        let mut deepest = 0;
        for edge in page.tree.root().traverse() {
            match edge {
                super::Edge::Open(_) => depth += 1,
                super::Edge::Close(_) => depth -= 1,
            }
            deepest = deepest.max(depth);
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let n = 5000;
        let divs = format!("{}Raqqa{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(depth(&divs) <= super::MAX_DEPTH + 8, "{}", depth(&divs));
        assert_eq!(extract(&divs), "Raqqa\n");
        let lists = format!(
            "{}Raqqa{}<p>Alep</p>",
            "<ul><li>".repeat(n),
            "</li></ul>".repeat(n)
        );
        assert!(depth(&lists) <= super::MAX_DEPTH + 8, "{}", depth(&lists));
        assert_eq!(extract(&lists), "Raqqa\n\nAlep\n");
    }

    /// Beyond the cap, the elements still begin and end where they did:
    /// blocks break lines, skipped elements are skipped, `pre` keeps its
    /// white space, raw text stays raw.
    #[test]
    fn flattened_elements_keep_their_effect() {
        let deep = "<div>".repeat(super::MAX_DEPTH + 10);
        let cases: &[(&str, &str)] = &[
            ("<p>Alep</p>Irak", "Alep\n\nIrak\n"),
            ("<div>Alep</div>Irak", "Alep\nIrak\n"),
            ("<nav>Menu <b>x</b></nav>Irak", "Irak\n"),
            ("<pre>\na\n  b</pre>c", "a\n  b\n\nc\n"),
            ("<script>var a = '<div>Alep';</script>Irak", "Irak\n"),
            (
                "<table><tr><td>Alep</td><td>Irak</td></tr></table>",
                "Alep Irak\n",
            ),
            ("<p>Alep<div>Irak</div></p>", "Alep\n\nIrak\n"),
            ("<nav>Menu", ""),
            ("<p>Alep<p>Irak", "Alep\n\nIrak\n"),
            ("<ul><li>Alep<li>Irak</ul>", "Alep\nIrak\n"),
        ];
        for (inner, want) in cases {
            let page = format!("{deep}{inner}");
            assert_eq!(extract(&page), *want, "{inner}");
            // The same as shallow, where the tree builder sees it all.
            assert_eq!(extract(inner), *want, "{inner} shallow");
        }
    }

    #[test]
    fn pages_cannot_write_markers() {
        let page = "<p>Alep<wbr data-gazetag-tags=\"+nav\">Irak</p>";
        assert_eq!(extract(page), "AlepIrak\n");
    }
}
