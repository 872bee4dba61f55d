//! The command table's rows: each command's label, tooltip, context and
//! shortcuts.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::annotate::HighlightColor;

use crate::library::LibraryExportFormat;

use super::super::reader::{CursorMove, ReaderCommand};
use super::{Command, KeyContext};

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
            Command::OpenWithPassword(..) => row("Open", "Open the PDF with this password (it is never saved)", Global, &[]),
            Command::RemoveRecent(_) => row("Remove", "Remove from this list", Global, &[]),
            Command::ClearRecent => row("Clear List", "Forget every recent file", Global, &[]),
            Command::ShowExportDialog => row("Export Annotations…", "Save the annotations as a Markdown digest or W3C JSON", Global, &[]),
            Command::ShowExportArticleDialog => row("Export Article with Highlights…", "One HTML file to print or share: the text and its pictures, your highlights in their colours, your notes beside them, the citation at the top", Global, &[]),
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
            Command::DeleteAnnotation(_) => row("Delete", "Delete the open highlight (undo brings it back)", Highlight, keys!(key(NONE, Key::Delete), key(NONE, Key::Backspace))),
            Command::CopyQuote(_) => row("Copy as quote", "The quote with its citation: title, author, site, date, section, page, address", Global, &[]),
            Command::CopyQuoteAsMarkdown(_) => row("Copy as Markdown quote", "The quote as a Markdown block quote, its citation's title a link to the source", Global, &[]),
            Command::JumpTo(_) => row("Go to highlight", "Scroll to this highlight", Global, &[]),
            Command::EditNote => row("Write a Note", "Write a note on the highlight just made", Page, keys!(key(NONE, Key::N))),
            Command::NextHighlight => row("Next Highlight", "Go to the next highlight", Page, keys!(key(NONE, Key::CloseBracket))),
            Command::PreviousHighlight => row("Previous Highlight", "Go to the previous highlight", Page, keys!(key(NONE, Key::OpenBracket))),
            Command::ShowFind => row("Find…", "Find text in the article", Global, keys!(key(COMMAND, Key::F))),
            Command::ShowGoToPage | Command::GoToPage(_) | Command::ToggleOriginalPage | Command::TurnOriginalPage(_) => pages_info(self),
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
            Command::OpenLink(_) => row("Open Link", "Open the page or article this link names", Global, &[]),
            Command::GoBack => row("Back", "Back to where the link was followed", Global, keys!(key(ALT, Key::ArrowLeft))),
            Command::FontBigger => row("Bigger Text", "Make the article's text bigger", Global, keys!(key(COMMAND, Key::Equals), key(COMMAND, Key::Plus))),
            Command::FontSmaller => row("Smaller Text", "Make the article's text smaller", Global, keys!(key(COMMAND, Key::Minus))),
            Command::FontReset => row("Actual Size", "Set the text at its default size", Global, keys!(key(COMMAND, Key::Num0))),
            Command::SetLineWidth(width) => row(width.label(), "How long a line of text is", Global, &[]),
            Command::SetReadingFace(_) | Command::ListInstalledFaces | Command::SetInstalledFace(_) | Command::SetLineSpacing(_) | Command::SetParagraphSpacing(_) | Command::ToggleJustify | Command::ToggleHyphenate => text_info(self),
            Command::SetTheme(theme) => row(theme.label(), "The reading theme", Global, &[]),
            Command::ReplaceUnreadableSidecar => row("Replace the unreadable file", "Keep it under another name and save your annotations in its place", Global, &[]),
            Command::DismissBanner => row("Dismiss", "Hide this message", Global, &[]),
            Command::Reader(command) => reader_info(*command),
            _ => library_info(self),
        }
    }
}

#[rustfmt::skip]
fn text_info(command: &Command) -> CommandInfo {
    use KeyContext::Global;
    match command {
        Command::SetReadingFace(face) => row(face.label(), "The face the article's text is set in", Global, &[]),
        Command::ListInstalledFaces => row("Installed Faces", "List the font families installed on this computer", Global, &[]),
        Command::SetInstalledFace(_) => row("Installed Face", "Set the article's text in this installed family", Global, &[]),
        Command::SetLineSpacing(spacing) => row(spacing.line_label(), "The space between the lines of a paragraph", Global, &[]),
        Command::SetParagraphSpacing(spacing) => row(spacing.paragraph_label(), "The space between paragraphs", Global, &[]),
        Command::ToggleHyphenate => row("Hyphenate", "Break long words at a line's end with a hyphen, in the article's language (the hyphen is never part of the text)", Global, &[]),
        _ => row("Justify", "Set lines flush at both edges (else ragged right)", Global, &[]),
    }
}

#[rustfmt::skip]
fn pages_info(command: &Command) -> CommandInfo {
    use KeyContext::Global;
    match command {
        Command::ShowGoToPage => row("Go to Page…", "Go to a page of the original (a PDF's)", Global, keys!(key(COMMAND, Key::G))),
        Command::ToggleOriginalPage => row("Original Page", "The page as printed, with your highlights; select there to highlight (a PDF's). Page Up and Page Down turn its pages", Global, keys!(key(NONE, Key::F6))),
        Command::TurnOriginalPage(n) if *n < 0 => row("◀ Previous Page", "The page before (Page Up)", Global, &[]),
        Command::TurnOriginalPage(_) => row("Next Page ▶", "The page after (Page Down)", Global, &[]),
        _ => row("Go", "Go to this page", Global, &[]),
    }
}

#[rustfmt::skip]
fn library_info(command: &Command) -> CommandInfo {
    use KeyContext::Global;
    match command {
        Command::ToggleLibrary => row("Library", "Show or hide the library: every article and highlight", Global, keys!(key(COMMAND, Key::L))),
        Command::OpenSample => row("Read the Sample Article", "Open the short article that comes with Marginalia", Global, &[]),
        Command::OpenAt(_) => row("Open", "Open the article at this place", Global, &[]),
        Command::SetLibrarySearch(_) => row("Search", "Search the library", Global, &[]),
        Command::SaveLibrarySearch => row("Save Search", "Keep this search in the list of saved searches", Global, &[]),
        Command::ForgetLibrarySearch(_) => row("Forget", "Remove this saved search", Global, &[]),
        Command::ShowLibraryFolders => row("Library Folders…", "The folders whose annotated articles are in the library", Global, &[]),
        Command::ShowAddLibraryFolderDialog => row("Add Folder…", "Add a folder: every annotated article under it joins the library", Global, &[]),
        Command::AddLibraryFolder(_) => row("Add", "Add this folder to the library", Global, &[]),
        Command::RemoveLibraryFolder(_) => row("Remove", "Stop following this folder (no file in it is touched)", Global, &[]),
        Command::RescanLibrary => row("Check Again", "Look at every sidecar and article again", Global, &[]),
        Command::ShowExportLibraryDialog(LibraryExportFormat::Markdown) => row("Export Library as Markdown…", "One Markdown file per annotated article, for Obsidian or Logseq", Global, &[]),
        Command::ShowExportLibraryDialog(LibraryExportFormat::W3c) => row("Export Library as W3C JSON…", "Every annotation in one W3C Web Annotation collection", Global, &[]),
        Command::ExportLibraryTo(..) => row("Export", "Export the library into this folder", Global, &[]),
        _ => row("Edit", "Change this highlight in its article's annotations", Global, &[]),
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
        HighlightColor::Yellow => row("Yellow", "Recolour the highlight yellow", Highlight, keys!(key(NONE, Key::Num1))),
        HighlightColor::Green => row("Green", "Recolour the highlight green", Highlight, keys!(key(NONE, Key::Num2))),
        HighlightColor::Blue => row("Blue", "Recolour the highlight blue", Highlight, keys!(key(NONE, Key::Num3))),
        HighlightColor::Pink => row("Pink", "Recolour the highlight pink", Highlight, keys!(key(NONE, Key::Num4))),
        HighlightColor::Purple => row("Purple", "Recolour the highlight purple", Highlight, keys!(key(NONE, Key::Num5))),
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
