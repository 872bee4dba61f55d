//! Benchmarks for the annotation store: load and save of a sidecar with
//! 10,000 annotations on War and Peace, re-anchoring them after a 1 %
//! random edit of the text, and merging two machines' versions of it.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::annotate::{Anchor, Annotation, HighlightColor, IndexedText, anchor_all};
use marginalia::document::Document;
use marginalia::import::import_path;
use marginalia::store::{
    AnnotationStore, SidecarLocation, merge_sidecars, read_sidecar, sidecar_to_string,
};

const ANNOTATIONS: usize = 10_000;

/// A small deterministic generator (no randomness crate needed for a benchmark).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

fn war_and_peace() -> Document {
    import_path(&common::war_and_peace_path()).expect("import War and Peace")
}

fn annotations(document: &Document, random: &mut Lcg) -> Vec<Annotation> {
    let text = IndexedText::new(document.text());
    (0..ANNOTATIONS)
        .map(|i| {
            let start = random.next(text.char_len() - 300);
            let len = 20 + random.next(180);
            let mut annotation =
                Annotation::new(&text, start..start + len, HighlightColor::ALL[i % 5]);
            if i % 3 == 0 {
                annotation.note = format!("Note {i}: why this passage matters to the argument.");
                annotation.tags = vec!["war".into(), format!("chapter-{}", i % 40)];
            }
            annotation
        })
        .collect()
}

/// The text with 1 % of its chars edited at random places: a third
/// replaced, a third deleted, a third with a char inserted before them.
fn edited(text: &str, random: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let edits = chars.len() / 100;
    for _ in 0..edits {
        let at = random.next(chars.len() - 1);
        match random.next(3) {
            0 => chars[at] = 'x',
            1 => {
                chars.remove(at);
            }
            _ => chars.insert(at, 'y'),
        }
    }
    chars.into_iter().collect()
}

fn store_benchmarks(c: &mut Criterion) {
    let document = war_and_peace();
    let mut random = Lcg(7);
    let annotations = annotations(&document, &mut random);
    let dir = tempfile::tempdir().expect("temporary folder");
    let location = SidecarLocation {
        path: dir.path().join("pg2600-war-and-peace.txt.annotations.ron"),
        beside_article: true,
    };
    let mut store =
        AnnotationStore::open_at(location.clone(), &document, "pg2600-war-and-peace.txt");
    let first = annotations[0].id;
    for annotation in annotations.iter().cloned() {
        store.add(annotation);
    }
    store.save_now(&document).expect("first save");
    let size = std::fs::metadata(&location.path).expect("sidecar").len();
    eprintln!("sidecar with {ANNOTATIONS} annotations: {size} bytes");

    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("load_10k_annotations_war_and_peace", |b| {
        b.iter(|| {
            let loaded =
                AnnotationStore::open_at(location.clone(), &document, "pg2600-war-and-peace.txt");
            assert_eq!(loaded.len(), ANNOTATIONS);
            loaded
        });
    });
    group.bench_function("save_10k_annotations_war_and_peace", |b| {
        b.iter(|| {
            // One note edited, then the full save: lock, read and merge what
            // is on disk, write a temporary file, fsync, rename.
            store.update(first, |a| a.note.push('.'));
            store.save_now(&document).expect("save");
        });
    });

    let edited_text = edited(document.text(), &mut random);
    let anchors: Vec<&Anchor> = annotations.iter().map(|a| &a.anchor).collect();
    let check = anchor_all(&IndexedText::new(&edited_text), &anchors);
    let found = check.iter().filter(|r| r.range.is_some()).count();
    eprintln!("after a 1 % edit: {found} of {ANNOTATIONS} annotations found");
    group.bench_function("reanchor_10k_after_1pct_edit", |b| {
        b.iter(|| anchor_all(&IndexedText::new(&edited_text), &anchors));
    });

    // Two machines' sidecars of 10,000 annotations each, every tenth note
    // edited on the other machine: the merge a sync conflict copy or git's
    // driver makes (the join, then the bytes written).
    let ours = read_sidecar(&location.path)
        .expect("read")
        .expect("sidecar");
    let mut theirs = ours.clone();
    for annotation in ours.set.iter().step_by(10) {
        let mut edited = annotation.clone();
        edited.note = "edited on the laptop".to_owned();
        edited.modified =
            jiff::Timestamp::from_millisecond(annotation.modified.as_millisecond() + 1)
                .expect("time");
        edited.edit_counts = annotation.edit_counts.bumped("laptop");
        theirs.set.upsert(edited);
    }
    group.bench_function("merge_two_10k_sidecars", |b| {
        b.iter(|| {
            let (merged, report) = merge_sidecars(&ours, &theirs);
            assert_eq!(report.taken, ANNOTATIONS / 10);
            sidecar_to_string(&merged.document, &merged.set)
        });
    });
    // The same notes also edited on this machine before the sync: each is
    // kept twice (the later keeps the id, the other beside it).
    let mut ours_edited = ours.clone();
    for annotation in ours.set.iter().step_by(10) {
        let mut edited = annotation.clone();
        edited.note = "edited on the desktop".to_owned();
        edited.edit_counts = annotation.edit_counts.bumped("desktop");
        ours_edited.set.upsert(edited);
    }
    group.bench_function("merge_two_10k_sidecars_edited_on_both", |b| {
        b.iter(|| {
            let (merged, report) = merge_sidecars(&ours_edited, &theirs);
            assert_eq!(report.taken, ANNOTATIONS / 10);
            assert_eq!(report.kept_both, ANNOTATIONS / 10);
            assert_eq!(merged.set.len(), ANNOTATIONS + ANNOTATIONS / 10);
            sidecar_to_string(&merged.document, &merged.set)
        });
    });
    group.finish();
}

criterion_group!(benches, store_benchmarks);
criterion_main!(benches);
