//! Every command with a shortcut, in the order the shortcuts window lists
//! them, and the test that no two share a shortcut in one context.

use uuid::Uuid;

use crate::annotate::HighlightColor;

use super::super::reader::{CursorMove, ReaderCommand};
use super::Command;

/// Every command that has a shortcut, in the order the shortcuts window
/// lists them; commands on the open highlight act on `open_highlight`.
pub fn keyed_commands(open_highlight: Uuid) -> Vec<Command> {
    let mut commands = vec![
        Command::ShowOpenDialog,
        Command::Quit,
        Command::ShowFind,
        Command::ShowGoToPage,
        Command::ToggleOriginalPage,
        Command::ToggleLibrary,
        Command::TogglePanel,
        Command::ToggleOutline,
        Command::GoBack,
        Command::ToggleShortcuts,
        Command::FontBigger,
        Command::FontSmaller,
        Command::FontReset,
        Command::HighlightFindMatch,
        Command::FindNext,
        Command::FindPrevious,
        Command::CloseFind,
        Command::HighlightSelection,
        Command::NextHighlight,
        Command::PreviousHighlight,
        Command::EditNote,
        Command::Undo,
        Command::Redo,
    ];
    commands.extend(
        HighlightColor::ALL
            .into_iter()
            .map(|color| Command::Recolor(open_highlight, color)),
    );
    commands.extend([
        Command::ToggleUnderline(open_highlight),
        Command::DeleteAnnotation(open_highlight),
        Command::SelectAnnotation(None),
    ]);
    commands.extend(reader_keyed_commands().into_iter().map(Command::Reader));
    commands
}

/// The moves a key makes, extending the selection or moving the caret.
const KEYED_MOVES: [CursorMove; 10] = [
    CursorMove::Char(-1),
    CursorMove::Char(1),
    CursorMove::Word(-1),
    CursorMove::Word(1),
    CursorMove::Line(-1),
    CursorMove::Line(1),
    CursorMove::LineStart,
    CursorMove::LineEnd,
    CursorMove::DocumentStart,
    CursorMove::DocumentEnd,
];

/// The reader's commands that have a shortcut, in the shortcuts window's order.
fn reader_keyed_commands() -> Vec<ReaderCommand> {
    let scrolls = [
        ReaderCommand::LineDown,
        ReaderCommand::LineUp,
        ReaderCommand::PageDown,
        ReaderCommand::PageUp,
        ReaderCommand::Top,
        ReaderCommand::Bottom,
    ];
    scrolls
        .into_iter()
        .chain(KEYED_MOVES.map(ReaderCommand::Extend))
        .chain([ReaderCommand::ToggleCaret])
        .chain(KEYED_MOVES.map(ReaderCommand::MoveCaret))
        .chain([
            ReaderCommand::SelectAll,
            ReaderCommand::Copy,
            ReaderCommand::CollapseSelection,
        ])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::command::KeyContext;
    use std::path::PathBuf;

    /// Two contexts that can be live at once without one being meant to
    /// go first (Escape closes the innermost thing: the find bar, then the
    /// open highlight, then the selection).
    fn overlap(a: KeyContext, b: KeyContext) -> bool {
        a == b || a == KeyContext::Global || b == KeyContext::Global
    }

    fn clashes(commands: &[Command]) -> Vec<String> {
        let mut found = Vec::new();
        for (i, a) in commands.iter().enumerate() {
            for b in &commands[i + 1..] {
                let (ia, ib) = (a.info(), b.info());
                for shortcut in ia.shortcuts {
                    if ib.shortcuts.contains(shortcut) && overlap(ia.context, ib.context) {
                        found.push(format!("{a:?} and {b:?} share {shortcut:?}"));
                    }
                }
            }
        }
        found
    }

    #[test]
    fn no_two_commands_share_a_shortcut_in_one_context() {
        let clashes = clashes(&keyed_commands(Uuid::nil()));
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn the_clash_test_sees_a_clash() {
        let mut commands = keyed_commands(Uuid::nil());
        // Ctrl+O and Ctrl+Q are both global; H and ] both on the page.
        commands.push(Command::Open(PathBuf::new()));
        assert!(clashes(&commands).is_empty());
        let with_clash = [Command::HighlightSelection, Command::HighlightSelection];
        assert_eq!(clashes(&with_clash).len(), 1);
    }

    #[test]
    fn every_keyed_command_has_a_label_and_a_shortcut() {
        for command in keyed_commands(Uuid::nil()) {
            let info = command.info();
            assert!(!info.label.is_empty(), "{command:?}");
            assert!(!info.shortcuts.is_empty(), "{command:?} has no shortcut");
        }
    }
}
