//! The document side of a tagged PDF (PDF/UA-1, ISO 14289-1), added to the lopdf document
//! printpdf completes: the structure tree in reading order with its parent tree, link
//! annotations tied to their `Link` elements, `/MarkInfo`, `/Tabs /S`, `/ViewerPreferences
//! /DisplayDocTitle`, and XMP metadata with `dc:title` and `pdfuaid:part 1`. The content side
//! (marked-content sequences with MCIDs, artifacts) is written by the backend through
//! printpdf's marked-content operations.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::backend::{PageTags, text_string};
use super::display::{Document, Role, Target};

/// A kid of a structure element, with its place in reading order.
enum Kid {
    /// Marked content on a page.
    Content { page: usize, mcid: usize },
    /// Another element.
    Element(usize),
    /// A link annotation (its object).
    Annotation { page: usize, object: ObjectId },
}

/// Adds the structure tree and the PDF/UA document entries to `lo`.
pub(super) fn tag(
    lo: &mut lopdf::Document,
    doc: &Document,
    tags: &[PageTags],
) -> Result<(), lopdf::Error> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let annotations = page_entries(lo, doc, tags, &pages)?;
    let (kids, first) = reading_order(doc, tags, &annotations);

    let tree_root = lo.new_object_id();
    let ids: Vec<Option<ObjectId>> = (0..doc.elements.len())
        .map(|e| (e == 0 || first[e].is_some()).then(|| lo.new_object_id()))
        .collect();
    let mut tree = ParentTree {
        pages: tags
            .iter()
            .map(|t| vec![Object::Null; t.mcids.len()])
            .collect(),
        annotations: Vec::new(),
        header_rows: header_rows(doc, &ids),
    };
    for (e, id) in ids.iter().enumerate() {
        if let Some(id) = id {
            let element = write_element(lo, doc, e, &kids[e], &ids, &pages, tree_root, &mut tree);
            lo.objects.insert(*id, Object::Dictionary(element));
        }
    }

    let next_key = (tags.len() + tree.annotations.len()) as i64;
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set(
        "K",
        Object::Array(ids[0].map(Object::Reference).into_iter().collect()),
    );
    root.set("ParentTree", Object::Dictionary(tree.number_tree()));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    lo.objects.insert(tree_root, Object::Dictionary(root));
    catalog_entries(lo, doc, tree_root)
}

/// The parent tree: for each page, the element of each MCID; for each link annotation, its
/// `Link` element.
struct ParentTree {
    pages: Vec<Vec<Object>>,
    annotations: Vec<(i64, ObjectId)>,
    /// See [`header_rows`].
    header_rows: Vec<bool>,
}

impl ParentTree {
    fn number_tree(self) -> Dictionary {
        let mut nums = Vec::new();
        for (page, refs) in self.pages.into_iter().enumerate() {
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(refs));
        }
        for (key, element) in self.annotations {
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(element));
        }
        let mut tree = Dictionary::new();
        tree.set("Nums", Object::Array(nums));
        tree
    }
}

/// Writes each page's link annotations, `/Tabs /S` and `/StructParents`; returns each
/// annotation with its element and page.
fn page_entries(
    lo: &mut lopdf::Document,
    doc: &Document,
    tags: &[PageTags],
    pages: &[ObjectId],
) -> Result<Vec<(ObjectId, usize, usize)>, lopdf::Error> {
    let mut annotations = Vec::new();
    for (page, (t, page_id)) in tags.iter().zip(pages).enumerate() {
        let mut annots = Vec::new();
        for link in &t.links {
            let mut dict = annotation(link, doc, pages);
            dict.set("P", Object::Reference(*page_id));
            let object = lo.add_object(dict);
            annots.push(Object::Reference(object));
            if link.element < doc.elements.len() {
                annotations.push((object, link.element, page));
            }
        }
        let dict = lo.get_dictionary_mut(*page_id)?;
        dict.set("Annots", Object::Array(annots));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
        dict.set("StructParents", Object::Integer(page as i64));
    }
    Ok(annotations)
}

/// Kids with their reading-order key: (content position, element index).
type Kids = Vec<Vec<((usize, usize), Kid)>>;

/// Each element's kids in reading order, and the key of its first content (none: the
/// element has no content and is left out). Content is drawn in reading order, so a content
/// item's key is its place in the drawing, and an element's key that of its first content.
/// An empty table cell is kept, in its column, so that every row has all its cells.
fn reading_order(
    doc: &Document,
    tags: &[PageTags],
    annotations: &[(ObjectId, usize, usize)],
) -> (Kids, Vec<Option<(usize, usize)>>) {
    let n = doc.elements.len();
    let mut kids: Kids = (0..n).map(|_| Vec::new()).collect();
    let mut first: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut key = 0usize;
    for (page, t) in tags.iter().enumerate() {
        for (mcid, &element) in t.mcids.iter().enumerate() {
            if element < n {
                kids[element].push(((key, 0), Kid::Content { page, mcid }));
                first[element].get_or_insert((key, 0));
            }
            key += 1;
        }
    }
    // Children come after their parents in the list, so one backward pass suffices.
    for e in (1..n).rev() {
        if let (Some((k, _)), Some(parent)) = (first[e], doc.elements[e].parent)
            && parent < n
        {
            let p = &mut first[parent];
            *p = Some(p.map_or((k, 0), |pk| pk.min((k, 0))));
            kids[parent].push(((k, e), Kid::Element(e)));
        }
    }
    empty_cells(doc, &mut kids, &mut first);
    for (object, element, page) in annotations {
        // After the link's text.
        kids[*element].push((
            (usize::MAX, 0),
            Kid::Annotation {
                page: *page,
                object: *object,
            },
        ));
    }
    for k in &mut kids {
        k.sort_by_key(|(key, _)| *key);
    }
    (kids, first)
}

/// Gives each empty cell of a written row the key of the cell before it (or after it, for
/// a first cell), so that it is written in its column.
fn empty_cells(doc: &Document, kids: &mut Kids, first: &mut [Option<(usize, usize)>]) {
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); doc.elements.len()];
    for (e, element) in doc.elements.iter().enumerate() {
        if matches!(element.role, Role::TD | Role::TH)
            && let Some(p) = element.parent
        {
            cells[p].push(e);
        }
    }
    for (row, cells) in cells.iter().enumerate() {
        if first[row].is_none() || cells.iter().all(|c| first[*c].is_some()) {
            continue;
        }
        for (i, &cell) in cells.iter().enumerate() {
            if first[cell].is_some() {
                continue;
            }
            let neighbour = cells[..i]
                .iter()
                .rev()
                .chain(&cells[i + 1..])
                .find_map(|c| first[*c]);
            if let Some((k, _)) = neighbour {
                first[cell] = Some((k, cell));
                kids[row].push(((k, cell), Kid::Element(cell)));
            }
        }
    }
}

/// The dictionary of element `e`, recording its content in the parent tree.
#[allow(clippy::too_many_arguments)]
fn write_element(
    lo: &mut lopdf::Document,
    doc: &Document,
    e: usize,
    kids: &[((usize, usize), Kid)],
    ids: &[Option<ObjectId>],
    pages: &[ObjectId],
    tree_root: ObjectId,
    tree: &mut ParentTree,
) -> Dictionary {
    let id = ids[e].expect("only elements with an id are written");
    let element = &doc.elements[e];
    let pg = kids.iter().find_map(|(_, k)| match k {
        Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
        Kid::Element(_) => None,
    });
    let mut k = Vec::new();
    for (_, kid) in kids {
        match kid {
            Kid::Content { page, mcid } => {
                tree.pages[*page][*mcid] = Object::Reference(id);
                if Some(*page) == pg {
                    k.push(Object::Integer(*mcid as i64));
                } else {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", Object::Reference(pages[*page]));
                    mcr.set("MCID", Object::Integer(*mcid as i64));
                    k.push(Object::Dictionary(mcr));
                }
            }
            Kid::Element(child) => {
                if let Some(child) = ids[*child] {
                    k.push(Object::Reference(child));
                }
            }
            Kid::Annotation { page, object } => {
                let struct_parent = (tree.pages.len() + tree.annotations.len()) as i64;
                tree.annotations.push((struct_parent, id));
                if let Ok(annot) = lo.get_dictionary_mut(*object) {
                    annot.set("StructParent", Object::Integer(struct_parent));
                }
                let mut objr = Dictionary::new();
                objr.set("Type", Object::Name(b"OBJR".to_vec()));
                objr.set("Pg", Object::Reference(pages[*page]));
                objr.set("Obj", Object::Reference(*object));
                k.push(Object::Dictionary(objr));
            }
        }
    }
    let mut dict = Dictionary::new();
    // `/Type /StructElem` is optional; 2 000 to 3 000 elements make it worth leaving out.
    dict.set("S", Object::Name(element.role.name().as_bytes().to_vec()));
    let parent = element
        .parent
        .and_then(|p| ids.get(p).copied().flatten())
        .unwrap_or(tree_root);
    dict.set("P", Object::Reference(parent));
    if let Some(page) = pg {
        dict.set("Pg", Object::Reference(pages[page]));
    }
    // A single kid stands alone (pdfua's empty-heading check cannot read a one-item array).
    dict.set(
        "K",
        if k.len() == 1 {
            k.remove(0)
        } else {
            Object::Array(k)
        },
    );
    if let Some(lang) = &element.lang {
        dict.set("Lang", text_string(lang));
    }
    if let Some(alt) = &element.alt {
        dict.set("Alt", text_string(alt));
    }
    if element.role == Role::TH {
        let row = element.parent.is_some_and(|p| tree.header_rows[p]);
        dict.set("A", header_scope(row));
    }
    dict
}

/// `/StructTreeRoot`, `/MarkInfo`, `/ViewerPreferences /DisplayDocTitle` and the XMP
/// metadata on the catalog.
fn catalog_entries(
    lo: &mut lopdf::Document,
    doc: &Document,
    tree_root: ObjectId,
) -> Result<(), lopdf::Error> {
    let metadata = lo.add_object(xmp(doc));
    let catalog = lo.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(tree_root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(viewer));
    catalog.set("Metadata", Object::Reference(metadata));
    Ok(())
}

/// Whether each element is a table row whose written cells are all header cells.
fn header_rows(doc: &Document, ids: &[Option<ObjectId>]) -> Vec<bool> {
    let mut all_th: Vec<bool> = doc.elements.iter().map(|e| e.role == Role::TR).collect();
    for (e, element) in doc.elements.iter().enumerate() {
        if let Some(p) = element.parent
            && ids[e].is_some()
            && element.role != Role::TH
        {
            all_th[p] = false;
        }
    }
    all_th
}

/// `/Scope /Column` for a cell of a header row, `/Scope /Row` for a row's first cell.
fn header_scope(header_row: bool) -> Object {
    let mut a = Dictionary::new();
    a.set("O", Object::Name(b"Table".to_vec()));
    let scope: &[u8] = if header_row { b"Column" } else { b"Row" };
    a.set("Scope", Object::Name(scope.to_vec()));
    Object::Dictionary(a)
}

fn annotation(
    link: &super::backend::LinkAnnotation,
    doc: &Document,
    pages: &[ObjectId],
) -> Dictionary {
    let mut annot = Dictionary::new();
    annot.set("Type", Object::Name(b"Annot".to_vec()));
    annot.set("Subtype", Object::Name(b"Link".to_vec()));
    annot.set(
        "Rect",
        Object::Array(
            link.rect
                .iter()
                .map(|v| Object::Real((v * 100.0).round() / 100.0))
                .collect(),
        ),
    );
    annot.set(
        "Border",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Integer(0),
        ]),
    );
    // Printable, as PDF/UA expects of annotations that are content.
    annot.set("F", Object::Integer(4));
    let description = doc
        .elements
        .get(link.element)
        .and_then(|e| e.alt.clone())
        .unwrap_or_default();
    annot.set("Contents", text_string(&description));
    match &link.target {
        Target::Uri(uri) => {
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set("URI", Object::string_literal(percent_encode(uri)));
            annot.set("A", Object::Dictionary(action));
        }
        Target::Page { page, y } => {
            let height = doc.pages.get(*page).map_or(0.0, |p| p.height);
            annot.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(pages[(*page).min(pages.len() - 1)]),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(((height - y + 4.0) * 100.0).round() / 100.0),
                    Object::Null,
                ]),
            );
        }
    }
    annot
}

/// A URI as ASCII: every byte outside printable ASCII percent-encoded.
fn percent_encode(uri: &str) -> String {
    let mut out = String::new();
    for b in uri.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP packet: title, author, subject, language, and the PDF/UA-1 identification.
fn xmp(doc: &Document) -> Stream {
    let language = if doc.language.is_empty() {
        "x-default"
    } else {
        &doc.language
    };
    let packet = format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
            "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
            "<dc:format>application/pdf</dc:format>\n",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n",
            "<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n",
            "<pdf:Producer>budapest-gap</pdf:Producer>\n",
            "<pdfuaid:part>1</pdfuaid:part>\n",
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
        ),
        title = xml_escape(&doc.title),
        author = xml_escape(&doc.author),
        subject = xml_escape(&doc.subject),
        language = xml_escape(language),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Uncompressed, so that tools that do not inflate streams can read it.
    Stream::new(dict, packet.into_bytes()).with_compression(false)
}
