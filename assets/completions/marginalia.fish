# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_marginalia_global_optspecs
    string join \n h/help V/version
end

function __fish_marginalia_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_marginalia_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_marginalia_using_subcommand
    set -l cmd (__fish_marginalia_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c marginalia -n "__fish_marginalia_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c marginalia -n "__fish_marginalia_needs_command" -s V -l version -d 'Print version'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "inspect" -d 'Print the imported document as JSON: what the importer understood (format, title, byline, and each block with its kind and char offsets)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "import" -d 'Add annotations from W3C Web Annotation or Hypothesis JSON to an article\'s sidecar, re-anchored to its text'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "export" -d 'Write an article\'s annotations as W3C JSON, a Markdown digest or the RON sidecar'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "merge-sidecar" -d 'Merge three versions of a sidecar by id, as git\'s merge driver: the result goes to OURS. Exits non-zero, saying why, only when a file cannot be read as a sidecar (git then leaves the conflict to you)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "git-setup" -d 'Make a git repository merge annotation sidecars by id: adds `*.annotations.ron merge=marginalia` to its .gitattributes and the merge driver to its config'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "library" -d 'The library: the annotated articles under the folders you add, indexed for `marginalia search` (the sidecars stay the only truth; the index is a cache, rebuilt from them at will)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "search" -d 'Search the library\'s annotations, then its articles\' texts. Words and "phrases" must all match (case and accents ignored); operators: tag:NAME tag:"TWO WORDS" -tag:NAME color:yellow has:note -has:note in:quote in:note in:text is:orphaned is:missing folder:NAME after:2026-01-01 before:2026-02-01. A search that begins with a minus goes after `--`: marginalia search -- -tag:draft. At most 4 KB and 64 words and operators'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "install-files" -d 'Write the man pages and shell completions into a folder (for packaging: scripts/install.sh and the .deb use what this writes)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "read-pdf" -d 'Read a PDF\'s text: its bytes on standard input, the answer as JSON on standard output (the window and the other commands run this, under memory and time limits, for every PDF)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "render-pdf-page" -d 'Renders a page of the PDF on standard input (for the window\'s original-page view, under the same limits as `read-pdf`)'
complete -c marginalia -n "__fish_marginalia_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c marginalia -n "__fish_marginalia_using_subcommand inspect" -l text -d 'Print the canonical text instead, its pages (a PDF\'s) separated by a form feed'
complete -c marginalia -n "__fish_marginalia_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand import" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand export" -l format -r -f -a "w3c\t'A W3C Web Annotation `AnnotationPage` (JSON)'
markdown\t'A digest to paste into a notes app'
ron\t'The sidecar itself'
html\t'The article with its highlights and notes: one self-contained HTML file (pictures inlined) that any browser prints or shares'"
complete -c marginalia -n "__fish_marginalia_using_subcommand export" -s o -l output -d 'Write here instead of to standard output. Never the article, its sidecar, recovery or lock file; an existing file only if it is an earlier export (or with --force)' -r -F
complete -c marginalia -n "__fish_marginalia_using_subcommand export" -l force -d 'Overwrite an existing output file that is not an earlier export'
complete -c marginalia -n "__fish_marginalia_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c marginalia -n "__fish_marginalia_using_subcommand merge-sidecar" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand git-setup" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "add" -d 'Add folders to the library and index the annotated articles under them'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "scan" -d 'Re-check every library folder and bring the index up to date (exits 1, naming each, when a sidecar could not be indexed)'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "list" -d 'List the library\'s articles (brought up to date first): title, highlights, notes and where each is; a missing one is marked'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "folders" -d 'Print the library\'s folders, one a line'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "remove" -d 'Take a folder out of the library: its sidecars leave the index (nothing on disk is touched; an article opened in the app stays)'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "export" -d 'Export every annotated article: Markdown (one file per article, with YAML front matter and ^id block references, for Obsidian or Logseq; a re-export keeps what you wrote outside Marginalia\'s markers) or one W3C AnnotationCollection'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and not __fish_seen_subcommand_from add scan list folders remove export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from scan" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array of articles'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from folders" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from export" -l format -r -f -a "markdown\t'One Markdown file per article'
w3c\t'One W3C Web Annotation `AnnotationCollection` (JSON-LD)'"
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add folders to the library and index the annotated articles under them'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "scan" -d 'Re-check every library folder and bring the index up to date (exits 1, naming each, when a sidecar could not be indexed)'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the library\'s articles (brought up to date first): title, highlights, notes and where each is; a missing one is marked'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "folders" -d 'Print the library\'s folders, one a line'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Take a folder out of the library: its sidecars leave the index (nothing on disk is touched; an article opened in the app stays)'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export every annotated article: Markdown (one file per article, with YAML front matter and ^id block references, for Obsidian or Logseq; a re-export keeps what you wrote outside Marginalia\'s markers) or one W3C AnnotationCollection'
complete -c marginalia -n "__fish_marginalia_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c marginalia -n "__fish_marginalia_using_subcommand search" -l limit -d 'At most this many results' -r
complete -c marginalia -n "__fish_marginalia_using_subcommand search" -l json -d 'Print a JSON array of results'
complete -c marginalia -n "__fish_marginalia_using_subcommand search" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand install-files" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand read-pdf" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand render-pdf-page" -s h -l help -d 'Print help'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "inspect" -d 'Print the imported document as JSON: what the importer understood (format, title, byline, and each block with its kind and char offsets)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "import" -d 'Add annotations from W3C Web Annotation or Hypothesis JSON to an article\'s sidecar, re-anchored to its text'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "export" -d 'Write an article\'s annotations as W3C JSON, a Markdown digest or the RON sidecar'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "merge-sidecar" -d 'Merge three versions of a sidecar by id, as git\'s merge driver: the result goes to OURS. Exits non-zero, saying why, only when a file cannot be read as a sidecar (git then leaves the conflict to you)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "git-setup" -d 'Make a git repository merge annotation sidecars by id: adds `*.annotations.ron merge=marginalia` to its .gitattributes and the merge driver to its config'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "library" -d 'The library: the annotated articles under the folders you add, indexed for `marginalia search` (the sidecars stay the only truth; the index is a cache, rebuilt from them at will)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "search" -d 'Search the library\'s annotations, then its articles\' texts. Words and "phrases" must all match (case and accents ignored); operators: tag:NAME tag:"TWO WORDS" -tag:NAME color:yellow has:note -has:note in:quote in:note in:text is:orphaned is:missing folder:NAME after:2026-01-01 before:2026-02-01. A search that begins with a minus goes after `--`: marginalia search -- -tag:draft. At most 4 KB and 64 words and operators'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "install-files" -d 'Write the man pages and shell completions into a folder (for packaging: scripts/install.sh and the .deb use what this writes)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "read-pdf" -d 'Read a PDF\'s text: its bytes on standard input, the answer as JSON on standard output (the window and the other commands run this, under memory and time limits, for every PDF)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "render-pdf-page" -d 'Renders a page of the PDF on standard input (for the window\'s original-page view, under the same limits as `read-pdf`)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and not __fish_seen_subcommand_from inspect import export merge-sidecar git-setup library search install-files read-pdf render-pdf-page help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "add" -d 'Add folders to the library and index the annotated articles under them'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "scan" -d 'Re-check every library folder and bring the index up to date (exits 1, naming each, when a sidecar could not be indexed)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "list" -d 'List the library\'s articles (brought up to date first): title, highlights, notes and where each is; a missing one is marked'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "folders" -d 'Print the library\'s folders, one a line'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "remove" -d 'Take a folder out of the library: its sidecars leave the index (nothing on disk is touched; an article opened in the app stays)'
complete -c marginalia -n "__fish_marginalia_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "export" -d 'Export every annotated article: Markdown (one file per article, with YAML front matter and ^id block references, for Obsidian or Logseq; a re-export keeps what you wrote outside Marginalia\'s markers) or one W3C AnnotationCollection'
