//! The command table: every user action is one `Command`, and this file
//! alone gives each its menu label, tooltip, keyboard shortcuts (with the
//! context they work in) and whether it is available now. Menus, the key
//! map, tooltips and the shortcuts window (F1) are all drawn from it.

use std::path::PathBuf;

use eframe::egui::{Key, KeyboardShortcut, Modifiers};
use uuid::Uuid;

use crate::annotate::HighlightColor;

use super::reader::{CursorMove, ReaderCommand};
use super::settings::LineWidth;
use super::theme::ThemeChoice;

/// Everything the user can ask the app to do; menus, keys and panels produce these.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    ShowOpenDialog,
    Open(PathBuf),
    RemoveRecent(PathBuf),
    ClearRecent,
    ShowExportDialog,
    ShowImportDialog,
    /// Write the annotations to this file (the export dialog's answer).
    ExportTo(PathBuf),
    /// Add the annotations in this JSON file (the import dialog's answer).
    ImportFrom(PathBuf),
    Quit,
    Undo,
    Redo,
    /// Highlight the selection in the current colour.
    HighlightSelection,
    /// Highlight the selection in this colour (and make it the current one).
    HighlightSelectionIn(HighlightColor),
    /// Open a highlight in the panel (`None` closes the one open).
    SelectAnnotation(Option<Uuid>),
    Recolor(Uuid, HighlightColor),
    ToggleUnderline(Uuid),
    SetNote(Uuid, String),
    SetTags(Uuid, Vec<String>),
    DeleteAnnotation(Uuid),
    CopyQuote(Uuid),
    /// Scroll to an annotation, flash it and open it in the panel.
    JumpTo(Uuid),
    NextHighlight,
    PreviousHighlight,
    /// Open the note of the highlight just made (or the open one), ready
    /// for typing.
    EditNote,
    ShowFind,
    CloseFind,
    SetFindQuery(String),
    FindNext,
    FindPrevious,
    HighlightFindMatch,
    /// Find tells letters with diacritics from those without, or not.
    ToggleMatchDiacritics,
    TogglePanel,
    ToggleOutline,
    ToggleShortcuts,
    ToggleAbout,
    /// Show a folder in the file manager (Help ▸ About).
    OpenFolder(PathBuf),
    /// Scroll to the block holding this char offset (the outline).
    GoTo {
        start_char: usize,
    },
    /// Follow a link inside the article to this char offset.
    FollowLink(usize),
    /// Back to where the last link inside the article was followed.
    GoBack,
    FontBigger,
    FontSmaller,
    FontReset,
    SetLineWidth(LineWidth),
    SetTheme(ThemeChoice),
    /// Keep the unreadable sidecar under another name and save the
    /// annotations shown in its place.
    ReplaceUnreadableSidecar,
    DismissBanner,
    /// The reader's own keys: scrolling and the selection.
    Reader(ReaderCommand),
}

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyContext {
    /// Anywhere, even while typing in a field.
    Global,
    /// While the find bar is open, even in its field.
    FindAnywhere,
    /// In the find field.
    FindField,
    /// While the find bar is open and no field has the keys.
    FindBar,
    /// While a highlight is open in the panel and no field has the keys.
    Highlight,
    /// On the page: no field has the keys.
    Page,
    /// Caret browsing is on (F7) and no field has the keys: the arrows move
    /// the caret instead of scrolling.
    Caret,
    /// The arrow keys on the page: they move the caret, and turn it on,
    /// unless caret browsing was turned off with F7 (then they scroll).
    Arrows,
    /// The reader widget's keys: no field has the keys.
    Reader,
}

impl KeyContext {
    /// Which contexts are live now.
    pub fn is_active(self, now: &Situation) -> bool {
        match self {
            KeyContext::Global => true,
            KeyContext::FindAnywhere => now.find_open,
            KeyContext::FindField => false, // The find bar reads these itself.
            KeyContext::FindBar => now.find_open && !now.typing,
            KeyContext::Highlight => now.open_highlight.is_some() && !now.typing,
            KeyContext::Page | KeyContext::Reader => now.has_document && !now.typing,
            KeyContext::Caret => now.caret_browsing && now.has_document && !now.typing,
            KeyContext::Arrows => now.arrows_move_caret && now.has_document && !now.typing,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Anywhere",
            KeyContext::FindAnywhere | KeyContext::FindField | KeyContext::FindBar => "Find",
            KeyContext::Highlight => "The open highlight",
            KeyContext::Page => "Highlights",
            KeyContext::Caret | KeyContext::Arrows => "With the caret (F7)",
            KeyContext::Reader => "Reading and selecting",
        }
    }
}

/// What the app is showing, for availability and key contexts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Situation {
    pub has_document: bool,
    /// Some text is selected (not just a caret).
    pub has_selection: bool,
    /// A caret or a selection is in the text.
    pub has_caret: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub find_open: bool,
    /// The highlight open in the panel.
    pub open_highlight: Option<Uuid>,
    /// The highlight a note would be written on: the open one, else the
    /// one just made.
    pub note_target: Option<Uuid>,
    /// A text field has the keys.
    pub typing: bool,
    /// Caret browsing is on: the arrows move a caret in the text.
    pub caret_browsing: bool,
    /// The arrows move the caret (and turn it on): caret browsing was not
    /// turned off.
    pub arrows_move_caret: bool,
    /// A link inside the article was followed: Back can return.
    pub can_go_back: bool,
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct CommandInfo {
    pub label: &'static str,
    pub tooltip: &'static str,
    pub context: KeyContext,
    pub shortcuts: &'static [KeyboardShortcut],
}

/// A `'static` list of shortcuts from `key(..)` calls.
macro_rules! keys {
    ($($shortcut:expr),+) => {{
        const KEYS: &[KeyboardShortcut] = &[$($shortcut),+];
        KEYS
    }};
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const COMMAND: Modifiers = Modifiers::COMMAND;
const COMMAND_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const ALT: Modifiers = Modifiers::ALT;

const fn row(
    label: &'static str,
    tooltip: &'static str,
    context: KeyContext,
    shortcuts: &'static [KeyboardShortcut],
) -> CommandInfo {
    CommandInfo {
        label,
        tooltip,
        context,
        shortcuts,
    }
}

impl Command {
    /// The command's row of the table.
    #[rustfmt::skip]
    pub fn info(&self) -> CommandInfo {
        use KeyContext::{FindAnywhere, FindBar, FindField, Global, Highlight, Page};
        match self {
            Command::ShowOpenDialog => row("Open…", "Open an article file", Global, keys!(key(COMMAND, Key::O))),
            Command::Open(_) => row("Open", "Open this article", Global, &[]),
            Command::RemoveRecent(_) => row("Remove", "Remove from this list", Global, &[]),
            Command::ClearRecent => row("Clear List", "Forget every recent file", Global, &[]),
            Command::ShowExportDialog => row("Export Annotations…", "Save the annotations as a Markdown digest or W3C JSON", Global, &[]),
            Command::ShowImportDialog => row("Import Annotations…", "Add annotations from W3C or Hypothesis JSON", Global, &[]),
            Command::ExportTo(_) => row("Export", "Write the annotations to this file", Global, &[]),
            Command::ImportFrom(_) => row("Import", "Add the annotations in this file", Global, &[]),
            Command::Quit => row("Quit", "Save and close Marginalia", Global, keys!(key(COMMAND, Key::Q))),
            Command::Undo => row("Undo", "Undo the last change to a highlight", Page, keys!(key(COMMAND, Key::Z))),
            Command::Redo => row("Redo", "Redo the change just undone", Page, keys!(key(COMMAND_SHIFT, Key::Z), key(COMMAND, Key::Y))),
            Command::HighlightSelection => row("Highlight Selection", "Highlight the selection in the current colour", Page, keys!(key(NONE, Key::H))),
            Command::HighlightSelectionIn(color) => highlight_in_info(*color),
            Command::SelectAnnotation(Some(_)) => row("Edit note and tags", "Open this highlight in the panel", Global, &[]),
            Command::SelectAnnotation(None) => row("Close", "Close the highlight editor", Highlight, keys!(key(NONE, Key::Escape))),
            Command::Recolor(_, color) => recolor_info(*color),
            Command::ToggleUnderline(_) => row("Underline", "Underline instead of a fill", Highlight, keys!(key(NONE, Key::U))),
            Command::SetNote(..) | Command::SetTags(..) => row("Edit", "Edit the note or tags", Global, &[]),
            Command::DeleteAnnotation(_) => row("Delete", "Delete this highlight (undo brings it back)", Highlight, keys!(key(NONE, Key::Delete), key(NONE, Key::Backspace))),
            Command::CopyQuote(_) => row("Copy as quote", "The quote with its citation", Global, &[]),
            Command::JumpTo(_) => row("Go to highlight", "Scroll to this highlight", Global, &[]),
            Command::EditNote => row("Write a Note", "Write a note on the highlight just made", Page, keys!(key(NONE, Key::N))),
            Command::NextHighlight => row("Next Highlight", "Go to the next highlight", Page, keys!(key(NONE, Key::CloseBracket))),
            Command::PreviousHighlight => row("Previous Highlight", "Go to the previous highlight", Page, keys!(key(NONE, Key::OpenBracket))),
            Command::ShowFind => row("Find…", "Find text in the article", Global, keys!(key(COMMAND, Key::F))),
            Command::CloseFind => row("Close", "Close the find bar", FindBar, keys!(key(NONE, Key::Escape))),
            Command::SetFindQuery(_) => row("Find", "Text in the article", FindField, &[]),
            Command::FindNext => row("Next", "Go to the next match", FindField, keys!(key(NONE, Key::Enter))),
            Command::FindPrevious => row("Previous", "Go to the previous match", FindField, keys!(key(SHIFT, Key::Enter))),
            Command::ToggleMatchDiacritics => row("Match Diacritics", "Tell \"a\" from \"á\" when finding", FindAnywhere, &[]),
            Command::HighlightFindMatch => row("Highlight match", "Highlight the current match", FindAnywhere, keys!(key(COMMAND, Key::Enter))),
            Command::TogglePanel => row("Annotations Panel", "Show or hide the annotations panel", Global, keys!(key(NONE, Key::F9))),
            Command::ToggleOutline => row("Outline", "Show or hide the outline", Global, keys!(key(NONE, Key::F8))),
            Command::ToggleShortcuts => row("Keyboard Shortcuts", "Show every keyboard shortcut", Global, keys!(key(NONE, Key::F1))),
            Command::ToggleAbout => row("About Marginalia", "The version, the licence and where your files are kept", Global, &[]),
            Command::OpenFolder(_) => row("Open Folder", "Show this folder in the file manager", Global, &[]),
            Command::GoTo { .. } => row("Go to", "Scroll to this section", Global, &[]),
            Command::FollowLink(_) => row("Follow Link", "Go to the place in the article this link names", Global, &[]),
            Command::GoBack => row("Back", "Back to where the link was followed", Global, keys!(key(ALT, Key::ArrowLeft))),
            Command::FontBigger => row("Bigger Text", "Make the article's text bigger", Global, keys!(key(COMMAND, Key::Equals), key(COMMAND, Key::Plus))),
            Command::FontSmaller => row("Smaller Text", "Make the article's text smaller", Global, keys!(key(COMMAND, Key::Minus))),
            Command::FontReset => row("Actual Size", "Set the text at its default size", Global, keys!(key(COMMAND, Key::Num0))),
            Command::SetLineWidth(width) => row(width.label(), "How long a line of text is", Global, &[]),
            Command::SetTheme(theme) => row(theme.label(), "The reading theme", Global, &[]),
            Command::ReplaceUnreadableSidecar => row("Replace the unreadable file", "Keep it under another name and save your annotations in its place", Global, &[]),
            Command::DismissBanner => row("Dismiss", "Hide this message", Global, &[]),
            Command::Reader(command) => reader_info(*command),
        }
    }

    /// Whether the command can be carried out now.
    pub fn available(&self, now: &Situation) -> bool {
        match self {
            Command::ShowExportDialog
            | Command::ShowImportDialog
            | Command::ExportTo(_)
            | Command::ImportFrom(_)
            | Command::ShowFind
            | Command::NextHighlight
            | Command::PreviousHighlight => now.has_document,
            Command::Reader(ReaderCommand::Copy) => now.has_document && now.has_selection,
            Command::Reader(_) => now.has_document,
            Command::Undo => now.can_undo,
            Command::Redo => now.can_redo,
            Command::HighlightSelection | Command::HighlightSelectionIn(_) => now.has_selection,
            Command::EditNote => now.note_target.is_some(),
            Command::CloseFind
            | Command::FindNext
            | Command::FindPrevious
            | Command::HighlightFindMatch
            | Command::ToggleMatchDiacritics => now.find_open,
            Command::GoBack => now.can_go_back,
            _ => true,
        }
    }

    /// The first shortcut as the platform writes it ("Ctrl+O", "⌘O").
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.info().shortcuts.first().copied()
    }
}

#[rustfmt::skip]
fn highlight_in_info(color: HighlightColor) -> CommandInfo {
    let tooltip = match color {
        HighlightColor::Yellow => "Highlight the selection in yellow",
        HighlightColor::Green => "Highlight the selection in green",
        HighlightColor::Blue => "Highlight the selection in blue",
        HighlightColor::Pink => "Highlight the selection in pink",
        HighlightColor::Purple => "Highlight the selection in purple",
    };
    row("Highlight", tooltip, KeyContext::Global, &[])
}

#[rustfmt::skip]
fn recolor_info(color: HighlightColor) -> CommandInfo {
    use KeyContext::Highlight;
    match color {
        HighlightColor::Yellow => row("Yellow", "Recolour the open highlight yellow", Highlight, keys!(key(NONE, Key::Num1))),
        HighlightColor::Green => row("Green", "Recolour the open highlight green", Highlight, keys!(key(NONE, Key::Num2))),
        HighlightColor::Blue => row("Blue", "Recolour the open highlight blue", Highlight, keys!(key(NONE, Key::Num3))),
        HighlightColor::Pink => row("Pink", "Recolour the open highlight pink", Highlight, keys!(key(NONE, Key::Num4))),
        HighlightColor::Purple => row("Purple", "Recolour the open highlight purple", Highlight, keys!(key(NONE, Key::Num5))),
    }
}

#[rustfmt::skip]
fn reader_info(command: ReaderCommand) -> CommandInfo {
    use KeyContext::Reader;
    match command {
        ReaderCommand::LineDown => row("Scroll down", "Scroll down a little (with caret browsing turned off, F7)", Reader, keys!(key(NONE, Key::ArrowDown))),
        ReaderCommand::LineUp => row("Scroll up", "Scroll up a little (with caret browsing turned off, F7)", Reader, keys!(key(NONE, Key::ArrowUp))),
        ReaderCommand::PageDown => row("Page down", "Scroll down a screen", Reader, keys!(key(NONE, Key::PageDown), key(NONE, Key::Space))),
        ReaderCommand::PageUp => row("Page up", "Scroll up a screen", Reader, keys!(key(NONE, Key::PageUp), key(SHIFT, Key::Space))),
        ReaderCommand::Top => row("Top", "Go to the start of the article", Reader, keys!(key(NONE, Key::Home), key(COMMAND, Key::Home))),
        ReaderCommand::Bottom => row("Bottom", "Go to the end of the article", Reader, keys!(key(NONE, Key::End), key(COMMAND, Key::End))),
        ReaderCommand::SelectAll => row("Select All", "Select the whole article", Reader, keys!(key(COMMAND, Key::A))),
        ReaderCommand::Copy => row("Copy", "Copy the selected text", Reader, keys!(key(COMMAND, Key::C))),
        ReaderCommand::CollapseSelection => row("Clear selection", "Clear the selection", Reader, keys!(key(NONE, Key::Escape))),
        ReaderCommand::Extend(movement) => extend_info(movement),
        ReaderCommand::MoveCaret(movement) => caret_info(movement),
        ReaderCommand::ToggleCaret => row("Caret Browsing", "A caret in the text that the arrow keys move, as in Firefox", Reader, keys!(key(NONE, Key::F7))),
    }
}

#[rustfmt::skip]
fn caret_info(movement: CursorMove) -> CommandInfo {
    use KeyContext::{Arrows, Caret};
    match movement {
        CursorMove::Char(n) if n < 0 => row("Caret left", "Move the caret a character left (the caret appears at the first word in view)", Arrows, keys!(key(NONE, Key::ArrowLeft))),
        CursorMove::Char(_) => row("Caret right", "Move the caret a character right (the caret appears at the first word in view)", Arrows, keys!(key(NONE, Key::ArrowRight))),
        CursorMove::Word(n) if n < 0 => row("Caret a word left", "Move the caret to the start of the word before", Arrows, keys!(key(COMMAND, Key::ArrowLeft))),
        CursorMove::Word(_) => row("Caret a word right", "Move the caret to the end of the next word", Arrows, keys!(key(COMMAND, Key::ArrowRight))),
        CursorMove::Line(n) if n < 0 => row("Caret up", "Move the caret a line up (the caret appears at the first word in view)", Arrows, keys!(key(NONE, Key::ArrowUp))),
        CursorMove::Line(_) => row("Caret down", "Move the caret a line down (the caret appears at the first word in view)", Arrows, keys!(key(NONE, Key::ArrowDown))),
        CursorMove::LineStart => row("Caret to line start", "Move the caret to the start of the line", Caret, keys!(key(NONE, Key::Home))),
        CursorMove::LineEnd => row("Caret to line end", "Move the caret to the end of the line", Caret, keys!(key(NONE, Key::End))),
        CursorMove::DocumentStart => row("Caret to the start", "Move the caret to the start of the article", Caret, keys!(key(COMMAND, Key::Home))),
        CursorMove::DocumentEnd => row("Caret to the end", "Move the caret to the end of the article", Caret, keys!(key(COMMAND, Key::End))),
    }
}

#[rustfmt::skip]
fn extend_info(movement: CursorMove) -> CommandInfo {
    use KeyContext::Reader;
    const WORD: Modifiers = COMMAND_SHIFT;
    match movement {
        CursorMove::Char(n) if n < 0 => row("Extend left", "Extend the selection a character left", Reader, keys!(key(SHIFT, Key::ArrowLeft))),
        CursorMove::Char(_) => row("Extend right", "Extend the selection a character right", Reader, keys!(key(SHIFT, Key::ArrowRight))),
        CursorMove::Word(n) if n < 0 => row("Extend a word left", "Extend the selection a word left", Reader, keys!(key(WORD, Key::ArrowLeft))),
        CursorMove::Word(_) => row("Extend a word right", "Extend the selection a word right", Reader, keys!(key(WORD, Key::ArrowRight))),
        CursorMove::Line(n) if n < 0 => row("Extend up", "Extend the selection a line up", Reader, keys!(key(SHIFT, Key::ArrowUp))),
        CursorMove::Line(_) => row("Extend down", "Extend the selection a line down", Reader, keys!(key(SHIFT, Key::ArrowDown))),
        CursorMove::LineStart => row("Extend to line start", "Extend the selection to the start of the line", Reader, keys!(key(SHIFT, Key::Home))),
        CursorMove::LineEnd => row("Extend to line end", "Extend the selection to the end of the line", Reader, keys!(key(SHIFT, Key::End))),
        CursorMove::DocumentStart => row("Extend to the start", "Extend the selection to the start of the article", Reader, keys!(key(COMMAND_SHIFT, Key::Home))),
        CursorMove::DocumentEnd => row("Extend to the end", "Extend the selection to the end of the article", Reader, keys!(key(COMMAND_SHIFT, Key::End))),
    }
}

/// Every command that has a shortcut, in the order the shortcuts window
/// lists them; commands on the open highlight act on `open_highlight`.
pub fn keyed_commands(open_highlight: Uuid) -> Vec<Command> {
    let mut commands = vec![
        Command::ShowOpenDialog,
        Command::Quit,
        Command::ShowFind,
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
    let reader = [
        ReaderCommand::LineDown,
        ReaderCommand::LineUp,
        ReaderCommand::PageDown,
        ReaderCommand::PageUp,
        ReaderCommand::Top,
        ReaderCommand::Bottom,
        ReaderCommand::Extend(CursorMove::Char(-1)),
        ReaderCommand::Extend(CursorMove::Char(1)),
        ReaderCommand::Extend(CursorMove::Word(-1)),
        ReaderCommand::Extend(CursorMove::Word(1)),
        ReaderCommand::Extend(CursorMove::Line(-1)),
        ReaderCommand::Extend(CursorMove::Line(1)),
        ReaderCommand::Extend(CursorMove::LineStart),
        ReaderCommand::Extend(CursorMove::LineEnd),
        ReaderCommand::Extend(CursorMove::DocumentStart),
        ReaderCommand::Extend(CursorMove::DocumentEnd),
        ReaderCommand::ToggleCaret,
        ReaderCommand::MoveCaret(CursorMove::Char(-1)),
        ReaderCommand::MoveCaret(CursorMove::Char(1)),
        ReaderCommand::MoveCaret(CursorMove::Word(-1)),
        ReaderCommand::MoveCaret(CursorMove::Word(1)),
        ReaderCommand::MoveCaret(CursorMove::Line(-1)),
        ReaderCommand::MoveCaret(CursorMove::Line(1)),
        ReaderCommand::MoveCaret(CursorMove::LineStart),
        ReaderCommand::MoveCaret(CursorMove::LineEnd),
        ReaderCommand::MoveCaret(CursorMove::DocumentStart),
        ReaderCommand::MoveCaret(CursorMove::DocumentEnd),
        ReaderCommand::SelectAll,
        ReaderCommand::Copy,
        ReaderCommand::CollapseSelection,
    ];
    commands.extend(reader.into_iter().map(Command::Reader));
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

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
