//! A PDF's XMP metadata (the catalogue's `/Metadata` stream): its Dublin
//! Core title (`dc:title`, the default language first) and authors
//! (`dc:creator`, in order), which name a paper better than the Info
//! dictionary often does. Read in the child, a stream of at most 4 MiB.

use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::{Dict, Stream};

/// The largest XMP packet read.
const MAX_XMP_BYTES: usize = 4 * 1024 * 1024;
const DUBLIN_CORE: &str = "http://purl.org/dc/elements/1.1/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// What the XMP says of the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct XmpNames {
    pub title: Option<String>,
    /// The authors, joined with commas.
    pub author: Option<String>,
}

/// The title and authors of the PDF's XMP packet, if it has one.
pub fn xmp_names(pdf: &Pdf) -> XmpNames {
    let catalogue: Option<Dict<'_>> = pdf.xref().get(pdf.xref().root_id());
    let stream = catalogue.and_then(|c| c.get::<Stream<'_>>(b"Metadata".as_slice()));
    let Some(bytes) = stream.and_then(|s| s.decoded().ok()) else {
        return XmpNames::default();
    };
    if bytes.len() > MAX_XMP_BYTES {
        return XmpNames::default();
    }
    names_of(&String::from_utf8_lossy(&bytes))
}

/// The names in an XMP packet's text.
fn names_of(xml: &str) -> XmpNames {
    let Ok(document) = roxmltree::Document::parse(xml.trim_start_matches('\u{feff}')) else {
        return XmpNames::default();
    };
    let items = |property: &str| -> Vec<(Option<String>, String)> {
        document
            .descendants()
            .filter(|n| n.has_tag_name((DUBLIN_CORE, property)))
            .flat_map(|n| n.descendants().filter(|d| d.has_tag_name((RDF, "li"))))
            .map(|li| {
                let language = li.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
                let text: String = li
                    .descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect();
                (
                    language.map(str::to_owned),
                    text.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .filter(|(_, text)| !text.is_empty())
            .collect()
    };
    let titles = items("title");
    let title = titles
        .iter()
        .find(|(language, _)| language.as_deref() == Some("x-default"))
        .or(titles.first())
        .map(|(_, text)| text.clone());
    let creators: Vec<String> = items("creator")
        .into_iter()
        .map(|(_, text)| text)
        .filter(|name| !is_an_object_name(name))
        .collect();
    XmpNames {
        title,
        author: (!creators.is_empty()).then(|| creators.join(", ")),
    }
}

/// A tool's name for an object written where a name belongs
/// ("ARRAY(0x2c7cf020)", a Perl reference).
pub(super) fn is_an_object_name(text: &str) -> bool {
    text.split_once("(0x").is_some_and(|(kind, rest)| {
        kind.chars().all(|c| c.is_ascii_uppercase())
            && rest
                .strip_suffix(')')
                .is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_title_and_every_creator_are_read() {
        let xml = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="de">Titel</rdf:li><rdf:li xml:lang="x-default">Trace Trees  in Practice</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Andreas Gal</rdf:li><rdf:li>Michael Franz</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
        let names = super::names_of(xml);
        assert_eq!(names.title.as_deref(), Some("Trace Trees in Practice"));
        assert_eq!(names.author.as_deref(), Some("Andreas Gal, Michael Franz"));
        assert_eq!(super::names_of("<not xml"), super::XmpNames::default());
        assert!(super::is_an_object_name("ARRAY(0x2c7cf020)"));
        assert!(!super::is_an_object_name("Jane Doe (0xford)"));
    }
}
