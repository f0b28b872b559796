//! Any string as an HTML page: text extraction never panics, and what it
//! returns can be tagged.
#![no_main]

use std::sync::OnceLock;

use gazetag::input::html::extract;
use gazetag::Loader;
use gazetag::Tagger;
use libfuzzer_sys::fuzz_target;

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        let mut l = Loader::new();
        l.add_str(
            "t.csv",
            "id,type,name,aliases\nx:1,PLACE,Mossoul,الموصل\n\
             x:2,ACTOR,Islamic State,EI|?IS\n",
        );
        Tagger::new(l.finish().unwrap()).unwrap()
    })
}

fuzz_target!(|html: &str| {
    let text = extract(html);
    for m in tagger().tag(&text) {
        assert!(text.get(m.span.start..m.span.end).is_some());
    }
});
