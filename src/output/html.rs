//! A HTML page to review the spans: each document with its spans
//! highlighted (one colour per type; the canonical name, type, subtype,
//! id, country and coordinates in the `title` shown on hover; places
//! outside the area of `--flag-outside` struck through in red), a legend,
//! and a summary table per document.
//!
//! The page is self-contained (inline CSS, no script, no font or image
//! to fetch), so it opens offline and can be mailed. Documents are written
//! as they come.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::summary::{Tallies, SURFACE_SEPARATOR};
use super::{Doc, DocumentWriter, OutputOptions};
use crate::Tagged;
use crate::{Area, EntityType, Gazetteer};

/// The types, their CSS class, colour and legend text.
const TYPES: [(EntityType, &str, &str, &str); 4] = [
    (EntityType::Place, "place", "#a8d8ff", "place"),
    (EntityType::Org, "org", "#b9ebb0", "organisation"),
    (EntityType::Actor, "actor", "#ffc2b3", "armed actor"),
    (EntityType::Person, "person", "#e3ccff", "person"),
];

const STYLE: &str = "\
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',\
Arial,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;\
color:#1d1d1f;background:#fafafa}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.1rem;margin:0 0 .5rem;word-break:break-all}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:.5rem 0 1rem;\
border-bottom:1px solid #ddd}
.legend span{display:inline-flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1.1rem;height:1.1rem;border-radius:3px;\
border:1px solid #0003;vertical-align:middle}
section{background:#fff;border:1px solid #ddd;border-radius:6px;\
margin:1rem 0;padding:1rem 1.25rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
mark{border-radius:3px;padding:0 .1em;color:inherit;cursor:help}
mark.outside{outline:2px dashed #c00;text-decoration:line-through #c00}
.swatch.outside{outline:2px dashed #c00}
mark.place{background:#a8d8ff}mark.org{background:#b9ebb0}\
mark.actor{background:#ffc2b3}mark.person{background:#e3ccff}
.swatch.place{background:#a8d8ff}.swatch.org{background:#b9ebb0}\
.swatch.actor{background:#ffc2b3}.swatch.person{background:#e3ccff}
table{border-collapse:collapse;margin-top:1rem;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #eee;\
vertical-align:top}
th{background:#f3f3f3}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#666;font-size:.85rem;margin:0 0 .5rem}
.none{color:#888;font-style:italic}
footer{color:#666;font-size:.85rem;margin:1rem 0}
";

pub(super) struct HtmlWriter<'g, W: Write> {
    w: W,
    gazetteer: &'g Gazetteer,
    keep: Vec<String>,
    area: Option<Area>,
    documents: usize,
    spans: usize,
}

impl<'g, W: Write> HtmlWriter<'g, W> {
    pub(super) fn new(
        mut w: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
    ) -> io::Result<HtmlWriter<'g, W>> {
        let mut head = String::new();
        head.push_str(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\
             <meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, \
             initial-scale=1\">\n<title>gazetag review</title>\n<style>\n",
        );
        head.push_str(STYLE);
        head.push_str(
            "</style>\n</head>\n<body>\n<h1>gazetag review</h1>\n\
             <div class=\"legend\">",
        );
        for (_, class, _, label) in TYPES {
            let _ = write!(
                head,
                "<span><i class=\"swatch {class}\"></i>{label}</span>"
            );
        }
        if options.area.is_some() {
            head.push_str(
                "<span><i class=\"swatch outside\"></i>outside the area\
                 </span>",
            );
        }
        head.push_str(
            "<span class=\"meta\">hover a span for its entity</span></div>\n",
        );
        w.write_all(head.as_bytes())?;
        Ok(HtmlWriter {
            w,
            gazetteer,
            keep: options.keep.clone(),
            area: options.area.clone(),
            documents: 0,
            spans: 0,
        })
    }
}

fn class_of(kind: EntityType) -> &'static str {
    TYPES.iter().find(|t| t.0 == kind).map_or("place", |t| t.1)
}

/// Escapes text for HTML content and attribute values.
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

impl<W: Write> DocumentWriter for HtmlWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        let g = self.gazetteer;
        self.documents += 1;
        self.spans += tagged.mentions.len();
        let mut s = String::with_capacity(doc.text.len() * 2 + 1024);
        s.push_str("<section>\n<h2>");
        escape(&mut s, doc.id);
        s.push_str("</h2>\n");
        let kept: Vec<_> = self
            .keep
            .iter()
            .zip(doc.columns)
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if !kept.is_empty() {
            s.push_str("<p class=\"meta\">");
            for (i, (k, v)) in kept.into_iter().enumerate() {
                if i > 0 {
                    s.push_str(" · ");
                }
                escape(&mut s, k);
                s.push_str(": ");
                escape(&mut s, v);
            }
            s.push_str("</p>\n");
        }
        s.push_str("<div class=\"text\" dir=\"auto\">");
        let mut at = 0;
        for m in &tagged.mentions {
            let e = tagged.entry(g, m.entry);
            escape(&mut s, &doc.text[at..m.span.start]);
            let outside = self.area.as_ref().is_some_and(|a| !a.contains(e));
            let _ = write!(
                s,
                "<mark class=\"{}{}\" title=\"",
                class_of(e.kind),
                if outside { " outside" } else { "" }
            );
            let mut title = format!("{} · {}", e.name, e.kind.as_str());
            if !e.subtype.is_empty() {
                let _ = write!(title, "/{}", e.subtype);
            }
            let _ = write!(title, " · {}", e.id);
            if !e.country.is_empty() {
                let _ = write!(title, " · {}", e.country);
            }
            if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
                let _ = write!(title, " · {lat:.4}, {lon:.4}");
            }
            if outside {
                title.push_str(" · outside the area");
            }
            if m.confidence < 1.0 {
                let _ = write!(title, " · confidence {:.2}", m.confidence);
            }
            escape(&mut s, &title);
            s.push_str("\">");
            escape(&mut s, &doc.text[m.span.start..m.span.end]);
            s.push_str("</mark>");
            at = m.span.end;
        }
        escape(&mut s, &doc.text[at..]);
        s.push_str("</div>\n");
        let mut tallies = Tallies::default();
        tallies.add_document(g, doc, tagged);
        if tagged.mentions.is_empty() {
            s.push_str("<p class=\"none\">no span</p>\n");
        } else {
            s.push_str(
                "<table>\n<thead><tr><th>entity</th><th>type</th>\
                 <th>id</th><th>count</th><th>surfaces</th></tr></thead>\n\
                 <tbody>\n",
            );
            for (entry, t) in tallies.ranked() {
                let e = tallies.entry(g, entry);
                s.push_str("<tr><td>");
                escape(&mut s, &e.name);
                let _ = write!(
                    s,
                    "</td><td><i class=\"swatch {}\"></i> {}</td><td>",
                    class_of(e.kind),
                    e.kind.as_str()
                );
                escape(&mut s, &e.id);
                let _ =
                    write!(s, "</td><td class=\"n\">{}</td><td>", t.mentions);
                escape(&mut s, &t.surfaces.join(SURFACE_SEPARATOR));
                s.push_str("</td></tr>\n");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        s.push_str("</section>\n");
        self.w.write_all(s.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        let foot = format!(
            "<footer>{} document(s), {} span(s). Made by gazetag {}.</footer>\n\
             </body>\n</html>\n",
            self.documents,
            self.spans,
            env!("CARGO_PKG_VERSION")
        );
        self.w.write_all(foot.as_bytes())?;
        self.w.flush()?;
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        let mut s = String::new();
        escape(&mut s, "<a href='x'>\"&\"</a>");
        assert_eq!(s, "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
    }
}
