//! The command table: every user action is one `Command`, and this file
//! alone gives each its menu label, tooltip, keyboard shortcuts (with the
//! context they work in) and whether it is available now. Menus, the key
//! map, tooltips and the shortcuts window (F1) are all drawn from it.

use std::path::PathBuf;

use eframe::egui::KeyboardShortcut;
use uuid::Uuid;

use crate::annotate::HighlightColor;
use crate::library::{AnnotationChange, LibraryExportFormat};

use super::reader::ReaderCommand;
use super::settings::LineWidth;
use super::text_settings::{ReadingFace, Spacing};
use super::theme::ThemeChoice;

/// Everything the user can ask the app to do; menus, keys and panels produce these.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    ShowOpenDialog,
    Open(PathBuf),
    /// Open a password-protected PDF with this password (never saved).
    OpenWithPassword(PathBuf, Password),
    RemoveRecent(PathBuf),
    ClearRecent,
    ShowExportDialog,
    /// Export the article with its highlights and notes, as HTML.
    ShowExportArticleDialog,
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
    /// The same in Markdown, the title a link to the source.
    CopyQuoteAsMarkdown(Uuid),
    /// Scroll to an annotation, flash it and open it in the panel.
    JumpTo(Uuid),
    NextHighlight,
    PreviousHighlight,
    /// Open the note of the highlight just made (or the open one), ready
    /// for typing.
    EditNote,
    ShowFind,
    /// Ask which page of the original to go to (a PDF's).
    ShowGoToPage,
    /// Go to the page with this label (or number).
    GoToPage(String),
    /// Show the page as printed (a PDF's), with the highlights on it; again
    /// to return to the text.
    ToggleOriginalPage,
    /// Turn the original page this many pages on (back when negative).
    TurnOriginalPage(isize),
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
    /// A link out of the article (its target as written): the browser,
    /// another article, or a word in the status bar on why not.
    OpenLink(String),
    /// Back to where the last link inside the article was followed.
    GoBack,
    FontBigger,
    FontSmaller,
    FontReset,
    SetLineWidth(LineWidth),
    /// The face body text is set in.
    SetReadingFace(ReadingFace),
    /// Lists the font families installed on the computer (on a worker).
    ListInstalledFaces,
    /// Sets body text in an installed family (read on a worker).
    SetInstalledFace(String),
    SetLineSpacing(Spacing),
    SetParagraphSpacing(Spacing),
    /// Justified lines, or ragged right.
    ToggleJustify,
    /// Words hyphenated at a line's end, or never broken.
    ToggleHyphenate,
    SetTheme(ThemeChoice),
    /// Keep the unreadable sidecar under another name and save the
    /// annotations shown in its place.
    ReplaceUnreadableSidecar,
    DismissBanner,
    /// The reader's own keys: scrolling and the selection.
    Reader(ReaderCommand),
    /// Show or hide the library: every article and highlight.
    ToggleLibrary,
    /// Open the sample article bundled with the app.
    OpenSample,
    /// Open an article at a place (a search result, a highlight in the review).
    OpenAt(Place),
    SetLibrarySearch(String),
    /// Keep the library's search in the list of saved searches.
    SaveLibrarySearch,
    ForgetLibrarySearch(String),
    ShowLibraryFolders,
    ShowAddLibraryFolderDialog,
    AddLibraryFolder(PathBuf),
    RemoveLibraryFolder(PathBuf),
    RescanLibrary,
    ShowExportLibraryDialog(LibraryExportFormat),
    ExportLibraryTo(PathBuf, LibraryExportFormat),
    /// Change a highlight from the review, in whichever article holds it.
    EditInLibrary {
        article: PathBuf,
        id: Uuid,
        change: AnnotationChange,
    },
}

/// A password typed for a PDF: kept in memory while the PDF is open, never
/// saved, never shown (its `Debug` says nothing of it).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(pub String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A place in an article: a highlight (by id, where it is now) or a span
/// of text, in chars of the canonical text.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub path: PathBuf,
    pub start_char: usize,
    pub end_char: usize,
    pub id: Option<Uuid>,
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
            // The open highlight, else the one just made (H, then 1–5).
            KeyContext::Highlight => now.reading() && now.note_target.is_some(),
            KeyContext::Page | KeyContext::Reader => now.reading(),
            KeyContext::Caret => now.reading() && now.caret_browsing,
            KeyContext::Arrows => now.reading() && now.arrows_move_caret,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Anywhere",
            KeyContext::FindAnywhere | KeyContext::FindField | KeyContext::FindBar => "Find",
            KeyContext::Highlight => "The open highlight (or the one just made)",
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
    /// The library view is shown instead of the article: the page's keys rest.
    pub library_shown: bool,
    /// The open article has pages (a PDF).
    pub has_pages: bool,
    /// A window that Escape closes is shown (the keyboard shortcuts).
    pub window_closes_on_escape: bool,
    /// The original page is shown instead of the text (a PDF's).
    pub original_page_shown: bool,
}

impl Situation {
    /// The article shows and no field has the keys: the page's keys work.
    fn reading(&self) -> bool {
        self.has_document && !self.library_shown && !self.typing
    }
}

impl Command {
    /// Whether the command can be carried out now.
    pub fn available(&self, now: &Situation) -> bool {
        match self {
            Command::ShowExportDialog
            | Command::ShowExportArticleDialog
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
            Command::ShowGoToPage | Command::GoToPage(_) => now.has_pages,
            Command::ToggleOriginalPage => now.has_pages && !now.library_shown,
            Command::TurnOriginalPage(_) => now.original_page_shown,
            _ => true,
        }
    }

    /// Whether the command changes how the text is set: its size, face,
    /// measure, spacing or justification.
    pub fn changes_the_type(&self) -> bool {
        matches!(
            self,
            Command::FontBigger
                | Command::FontSmaller
                | Command::FontReset
                | Command::SetLineWidth(_)
                | Command::SetReadingFace(_)
                | Command::SetInstalledFace(_)
                | Command::SetLineSpacing(_)
                | Command::SetParagraphSpacing(_)
                | Command::ToggleJustify
                | Command::ToggleHyphenate
        )
    }

    /// The first shortcut as the platform writes it ("Ctrl+O", "⌘O").
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.info().shortcuts.first().copied()
    }
}

mod keyed;
mod table;

pub use keyed::keyed_commands;
pub use table::CommandInfo;
