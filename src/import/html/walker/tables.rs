//! A table's cells, read row by row.

use dom_query::NodeRef;

use crate::import::inline::collapse;

/// The cells of a table's own rows (not those of tables inside it), each
/// collapsed to one line of text: every word of the table once; and how
/// many rows at its top are its head (`<thead>`, or rows of `<th>` only).
pub(super) fn table_rows(table: &NodeRef<'_>) -> (Vec<Vec<String>>, usize) {
    let named = |node: &NodeRef<'_>, names: &[&str]| {
        node.node_name()
            .is_some_and(|n| names.iter().any(|name| n.eq_ignore_ascii_case(name)))
    };
    // Each row, and whether it is in the table's head.
    let mut rows = Vec::new();
    for child in table.children() {
        if named(&child, &["tr"]) {
            rows.push((child, false));
        } else if named(&child, &["thead", "tbody", "tfoot"]) {
            let head = named(&child, &["thead"]);
            rows.extend(
                child
                    .children()
                    .into_iter()
                    .filter(|c| named(c, &["tr"]))
                    .map(|row| (row, head)),
            );
        }
    }
    let rows: Vec<(Vec<String>, bool)> = rows
        .iter()
        .map(|(row, head)| {
            let cells: Vec<NodeRef<'_>> = row
                .children()
                .into_iter()
                .filter(|c| named(c, &["td", "th"]))
                .collect();
            let header = *head || (!cells.is_empty() && cells.iter().all(|c| named(c, &["th"])));
            (
                cells
                    .iter()
                    .map(|c| collapse(&c.text()))
                    .collect::<Vec<String>>(),
                header,
            )
        })
        .filter(|(cells, _)| !cells.is_empty())
        .collect();
    let header_rows = rows.iter().take_while(|(_, header)| *header).count();
    (
        rows.into_iter().map(|(cells, _)| cells).collect(),
        header_rows,
    )
}
