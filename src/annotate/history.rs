//! Undo and redo of annotation edits.

use std::time::{Duration, Instant};

use uuid::Uuid;

use super::Annotation;

/// One change to the annotations, undoable.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a history of a few hundred edits; boxing would only add allocations"
)]
pub enum Edit {
    Create(Annotation),
    Delete(Annotation),
    Change {
        before: Annotation,
        after: Annotation,
    },
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Create(annotation) => Edit::Delete(annotation.clone()),
            Edit::Delete(annotation) => Edit::Create(annotation.clone()),
            Edit::Change { before, after } => Edit::Change {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Edit::Create(a) | Edit::Delete(a) => a.id,
            Edit::Change { after, .. } => after.id,
        }
    }
}

/// What kind of typing a change is, so a run of keystrokes undoes at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typing {
    Note,
    Tags,
}

/// Keystrokes closer together than this undo together.
const COALESCE_WITHIN: Duration = Duration::from_millis(1_500);

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct EditHistory {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The last typing change: more typing into the same field joins it.
    typing: Option<(Uuid, Typing, Instant)>,
}

impl EditHistory {
    pub fn record(&mut self, edit: Edit) {
        self.typing = None;
        self.undo.push(edit);
        self.redo.clear();
    }

    /// Records typing into a note or tags; typing into the same field of the
    /// same annotation soon after joins the previous step.
    pub fn record_typing(&mut self, before: Annotation, after: Annotation, typing: Typing) {
        let now = Instant::now();
        let joins = self.typing.is_some_and(|(id, kind, at)| {
            id == after.id && kind == typing && now.duration_since(at) < COALESCE_WITHIN
        });
        if joins && let Some(Edit::Change { after: last, .. }) = self.undo.last_mut() {
            *last = after.clone();
        } else {
            self.undo.push(Edit::Change {
                before,
                after: after.clone(),
            });
        }
        self.redo.clear();
        self.typing = Some((after.id, typing, now));
    }

    /// The edit to apply to undo the last step (it moves to the redo stack).
    pub fn undo(&mut self) -> Option<Edit> {
        self.typing = None;
        let edit = self.undo.pop()?;
        let inverse = edit.inverse();
        self.redo.push(edit);
        Some(inverse)
    }

    /// The edit to apply to redo the last undone step.
    pub fn redo(&mut self) -> Option<Edit> {
        self.typing = None;
        let edit = self.redo.pop()?;
        self.undo.push(edit.clone());
        Some(edit)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{HighlightColor, IndexedText};

    fn annotation() -> Annotation {
        Annotation::new(
            &IndexedText::new("some text here"),
            5..9,
            HighlightColor::Yellow,
        )
    }

    #[test]
    fn undo_and_redo_walk_the_stacks() {
        let mut history = EditHistory::default();
        let a = annotation();
        history.record(Edit::Create(a.clone()));
        let mut green = a.clone();
        green.color = HighlightColor::Green;
        history.record(Edit::Change {
            before: a.clone(),
            after: green.clone(),
        });
        assert_eq!(
            history.undo(),
            Some(Edit::Change {
                before: green.clone(),
                after: a.clone()
            })
        );
        assert_eq!(history.undo(), Some(Edit::Delete(a.clone())));
        assert_eq!(history.undo(), None);
        assert_eq!(history.redo(), Some(Edit::Create(a.clone())));
        history.record(Edit::Delete(a.clone()));
        assert!(!history.can_redo(), "a new edit clears redo");
    }

    #[test]
    fn typing_coalesces_into_one_step() {
        let mut history = EditHistory::default();
        let a = annotation();
        let mut previous = a.clone();
        for c in "hello".chars() {
            let mut next = previous.clone();
            next.note.push(c);
            history.record_typing(previous.clone(), next.clone(), Typing::Note);
            previous = next;
        }
        let Some(Edit::Change { after, .. }) = history.undo() else {
            panic!("one change");
        };
        assert_eq!(after.note, "");
        assert!(!history.can_undo());
    }
}
