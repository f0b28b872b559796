//! A depth cap between html5ever's tokenizer and its tree builder.
//!
//! The tree builder looks through its stack of open elements at most
//! start tags (is a `p` open in button scope?), so a page of 100,000
//! nested `<div>` costs time quadratic in its depth. Browsers cap the
//! depth of the tree; so does this module: once the tree builder holds
//! [`MAX_DEPTH`] elements, the start tags of elements that would nest
//! deeper are not given to it, and their end tags neither. They are
//! replaced by empty marker elements at the deepest level (a self-closing
//! `wbr` whose [`TAGS`] attribute lists the tags that came in a row:
//! `+div +p -p`), so that the text extraction still sees where every
//! element begins and ends: the nesting beyond the cap is flattened into siblings, and the
//! text is the same except for the repairs that the tree builder would
//! have made there (an unclosed `p` closed by a `div`, for one).
//!
//! Elements that hold no markup (void elements, `script`, `style`,
//! `textarea`, `title`...) always reach the tree builder: they nest no
//! deeper, and the tokenizer must learn from it that their content is
//! raw text.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::tree_builder::{
    Tracer, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{
    local_name, ns, Attribute, LocalName, QualName, TokenizerResult,
};
use scraper::{Html, HtmlTreeSink};

/// How many elements the tree builder may hold before deeper elements
/// are flattened (browsers use a few hundred: 512 in Blink).
pub const MAX_DEPTH: usize = 256;

/// The attribute of a marker: the flattened tags, in order, separated
/// by spaces, `+name` for a start tag and `-name` for an end tag.
pub(super) const TAGS: &str = "data-gazetag-tags";

/// Start tags that push nothing on the tree builder's stack, or that must
/// reach it so that the tokenizer reads their content as raw text.
const THROUGH: &[&str] = &[
    // Void elements.
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
    "image", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr", // Merged into the existing ones.
    "html", "head", "body", "frameset",
];

/// Elements whose content is raw text: they nest nothing.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements after whose start tag the tree builder drops a line feed.
const IGNORE_LF: &[&str] = &["pre", "listing"];

/// Start tags that close an open `p` (the tree builder's "close a p
/// element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "li",
    "dd",
    "dt",
    "table",
];

/// Whether the start tag `start` closes the innermost flattened element
/// `open`, as the tree builder would close it: a `p` before a block, a
/// list item before the next.
fn closes(open: &str, start: &str) -> bool {
    match open {
        "p" => CLOSES_P.contains(&start),
        "li" => start == "li",
        "dt" | "dd" => matches!(start, "dt" | "dd"),
        "option" => matches!(start, "option" | "optgroup"),
        _ => false,
    }
}

/// Parses `html` into a document as scraper's `Html::parse_document`
/// does, with nesting deeper than [`MAX_DEPTH`] flattened into markers.
pub(super) fn parse(html: &str) -> Html {
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let tokenizer =
        Tokenizer::new(Flatten::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// The token sink between the tokenizer and the tree builder.
struct Flatten {
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// How many handles the tree builder held when last counted (an upper
    /// bound of its open elements).
    known: usize,
    /// How many tokens that may have pushed an element were given to the
    /// tree builder since.
    grown: usize,
    /// The elements kept from the tree builder that are still open,
    /// innermost last, and how many of each name.
    dropped: Vec<LocalName>,
    open: HashMap<LocalName, usize>,
    /// The raw-text element being read, whose end tag goes through.
    raw: Option<LocalName>,
    /// Whether a line feed right after a flattened `pre` is dropped.
    strip_lf: bool,
    /// The flattened tags not yet given to the tree builder as a marker.
    pending: String,
}

impl Flatten {
    fn new(builder: TreeBuilder<NodeId, HtmlTreeSink>) -> Flatten {
        Flatten { builder, state: RefCell::default() }
    }

    /// Gives `token` to the tree builder, after the marker of the tags
    /// flattened before it.
    fn forward(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        self.flush(line);
        self.builder.process_token(token, line)
    }

    /// How many handles the tree builder holds (its open elements, its
    /// active formatting elements and a few more): linear in its depth,
    /// so counted only when the depth may have reached the cap.
    fn held(&self) -> usize {
        struct Count(Cell<usize>);
        impl Tracer for Count {
            type Handle = NodeId;
            fn trace_handle(&self, _: &NodeId) {
                self.0.set(self.0.get() + 1);
            }
        }
        let count = Count(Cell::new(0));
        self.builder.trace_handles(&count);
        count.0.get()
    }

    /// Notes a flattened tag (`open`: a start tag).
    fn marker(&self, open: bool, name: &LocalName) {
        let mut state = self.state.borrow_mut();
        state.pending.push(if open { '+' } else { '-' });
        state.pending.push_str(name);
        state.pending.push(' ');
    }

    /// Gives the tree builder one marker for the flattened tags noted
    /// since the last token it was given.
    fn flush(&self, line: u64) {
        let pending = std::mem::take(&mut self.state.borrow_mut().pending);
        if pending.is_empty() {
            return;
        }
        let tag = Tag {
            kind: TagKind::StartTag,
            name: local_name!("wbr"),
            self_closing: true,
            attrs: vec![Attribute {
                name: QualName::new(None, ns!(), LocalName::from(TAGS)),
                value: StrTendril::from(pending),
            }],
            had_duplicate_attributes: false,
        };
        // A void element: the tree builder has nothing to say back.
        let _ = self.builder.process_token(Token::TagToken(tag), line);
    }

    fn start_tag(&self, mut tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let name: &str = &tag.name;
        let mut state = self.state.borrow_mut();
        if THROUGH.contains(&name) || RAW.contains(&name) {
            if RAW.contains(&name) {
                state.raw = Some(tag.name.clone());
            }
            if name == "wbr" {
                // Only this module writes markers.
                tag.attrs.retain(|a| &*a.name.local != TAGS);
            }
            state.grown += 1;
            drop(state);
            return self.forward(Token::TagToken(tag), line);
        }
        let deep = !state.dropped.is_empty() || {
            if state.known + state.grown >= MAX_DEPTH {
                state.known = self.held();
                state.grown = 0;
            }
            state.known >= MAX_DEPTH
        };
        if !deep {
            state.grown += 1;
            drop(state);
            return self.forward(Token::TagToken(tag), line);
        }
        state.strip_lf = IGNORE_LF.contains(&name);
        let implied = state.dropped.last().filter(|top| closes(top, name));
        if let Some(top) = implied.cloned() {
            drop(state);
            self.close_flattened(Some(&top));
            state = self.state.borrow_mut();
        }
        *state.open.entry(tag.name.clone()).or_default() += 1;
        state.dropped.push(tag.name.clone());
        drop(state);
        self.marker(true, &tag.name);
        TokenSinkResult::Continue
    }

    fn end_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let mut state = self.state.borrow_mut();
        if state.raw.as_ref() == Some(&tag.name) {
            state.raw = None;
            drop(state);
            return self.forward(Token::TagToken(tag), line);
        }
        let flattened = state.open.get(&tag.name).is_some_and(|&n| n > 0);
        drop(state);
        // An end tag of a flattened element closes it (and the flattened
        // elements inside it); any other closes them all, as it closes an
        // element that holds them.
        self.close_flattened(flattened.then_some(&tag.name));
        if flattened {
            TokenSinkResult::Continue
        } else {
            self.forward(Token::TagToken(tag), line)
        }
    }

    /// Closes the flattened elements down to the innermost `name`, or all
    /// of them.
    fn close_flattened(&self, name: Option<&LocalName>) {
        loop {
            let mut state = self.state.borrow_mut();
            let Some(top) = state.dropped.pop() else { return };
            if let Some(n) = state.open.get_mut(&top) {
                *n -= 1;
            }
            drop(state);
            self.marker(false, &top);
            if name == Some(&top) {
                return;
            }
        }
    }
}

impl TokenSink for Flatten {
    type Handle = NodeId;

    fn process_token(
        &self,
        token: Token,
        line: u64,
    ) -> TokenSinkResult<NodeId> {
        let strip_lf = std::mem::take(&mut self.state.borrow_mut().strip_lf);
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => self.start_tag(tag, line),
                TagKind::EndTag => self.end_tag(tag, line),
            },
            Token::CharacterTokens(mut text) => {
                if strip_lf && text.starts_with('\n') {
                    text.pop_front(1);
                    if text.is_empty() {
                        return TokenSinkResult::Continue;
                    }
                }
                // Text may reopen formatting elements.
                self.state.borrow_mut().grown += 1;
                self.forward(Token::CharacterTokens(text), line)
            }
            Token::EOFToken => {
                self.close_flattened(None);
                self.forward(Token::EOFToken, line)
            }
            other => self.forward(other, line),
        }
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}
