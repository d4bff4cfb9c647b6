//! The participation matrix (actors x events, each cell the roles an actor played
//! at an event), its row orderings, and co-participation.
//!
//! Columns are the selection's events in chronological order (undated last).
//! Rows are the actors with at least one participation in the selection. A cell
//! holds the roles of the selection's participations for that (actor, event): the
//! matrix shows exactly [`Selection::participations`].
//!
//! Storage is compressed sparse rows: each row's cells sorted by column, so
//! [`Matrix::cell`] is a binary search within one row (O(log events per row)), and
//! a virtualised UI can take a row's visible cells with [`Matrix::row_cells`].

use crate::engine::{Engine, Selection};
use crate::model::{ActorKind, Role, RoleSet};
pub use crate::search::fold_key;
use crate::sort::{f32_key, order_by_u64_key, sort_by_u64_key};
pub use crate::vocab::{RowGrouping, RowOrder};

/// A sort key ordering by `high`, then `low`.
fn pack(high: u32, low: u32) -> u64 {
    u64::from(high) << 32 | u64::from(low)
}

const NONE: u32 = u32::MAX;
/// The plural heading of a kind's group of rows: "Countries", "Organisations",
/// "Persons".
pub fn kind_group_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Country => "Countries",
        ActorKind::Organization => "Organisations",
        ActorKind::Person => "Persons",
    }
}

/// A run of consecutive rows of one actor kind (see [`Matrix::group_by_kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowGroup {
    /// The kind every row of the group has.
    pub kind: ActorKind,
    /// The group's first row (an index into [`Matrix::rows`]).
    pub start: u32,
    /// How many rows the group has (at least one: empty groups are not listed).
    pub len: u32,
}

/// One line of the matrix body as drawn: a group header or an actor's row. With
/// no grouping, line `i` is row `i`; grouped, each group's header comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The header of group `i` (an index into [`Matrix::groups`]).
    Group(usize),
    /// Row `i` (an index into [`Matrix::rows`]).
    Row(usize),
}

/// A label fitted into a space measured in characters (see [`fit_words`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FittedLabel {
    /// The lines, at most the number asked for; the last ends with `…` when cut.
    pub lines: Vec<String>,
    /// Whether words were left out (the full text must then be shown on hover and
    /// focus, and be the element's accessible name).
    pub cut: bool,
}

impl FittedLabel {
    /// The lines joined with `\n` (for an element styled `white-space: pre-line`).
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// Fits `text` into at most `max_lines` lines of at most `line_chars` characters
/// (Unicode scalar values; a stand-in for width that the UI sizes with a margin),
/// wrapping greedily between words, so that a header or row name is read in full
/// wherever it fits.
///
/// The cut rule (issue 19, "a cut falls between words"): when the words do not all
/// fit, the last line keeps the words that fit together with a trailing `…`, and
/// the cut falls between two words, never inside one; punctuation left dangling at
/// the cut (`,` `;` `:` `-` `–` `—` `(` `/` `&`) is dropped. The only cut inside a
/// word is of a single word longer than a whole line, which is unavoidable: it
/// keeps `line_chars - 1` characters and the `…`. Whitespace runs count as one
/// space. Zero sizes are read as one.
pub fn fit_words(text: &str, line_chars: usize, max_lines: usize) -> FittedLabel {
    let line_chars = line_chars.max(1);
    let max_lines = max_lines.max(1);
    let words: Vec<&str> = text.split_whitespace().collect();
    let len = |s: &str| s.chars().count();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let needed = if current.is_empty() {
            len(word)
        } else {
            len(&current) + 1 + len(word)
        };
        if needed <= line_chars {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            i += 1;
        } else if current.is_empty() {
            // A word longer than a line: its own line, cut inside it below if it
            // is not the text's only content that fits.
            current.push_str(word);
            i += 1;
            lines.push(std::mem::take(&mut current));
        } else {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == max_lines {
            break;
        }
    }
    if !current.is_empty() && lines.len() < max_lines {
        lines.push(current);
    }
    let cut = i < words.len();
    // Over-long single words are cut inside (unavoidable).
    let over = lines.iter().any(|l| len(l) > line_chars);
    if !cut && !over {
        return FittedLabel { lines, cut: false };
    }
    for line in lines.iter_mut() {
        if len(line) > line_chars {
            let kept: String = line.chars().take(line_chars - 1).collect();
            *line = format!("{kept}…");
        }
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('…') {
                let mut kept: Vec<&str> = last.split(' ').collect();
                // Room for the ellipsis: drop whole words (keep at least one).
                while kept.len() > 1 && len(&kept.join(" ")) + 1 > line_chars {
                    kept.pop();
                }
                let mut joined = kept.join(" ");
                if len(&joined) + 1 > line_chars {
                    joined = joined.chars().take(line_chars - 1).collect();
                }
                let trimmed = joined
                    .trim_end_matches([',', ';', ':', '-', '–', '—', '(', '/', '&', ' '])
                    .to_owned();
                let base = if trimmed.is_empty() { joined } else { trimmed };
                *last = format!("{base}…");
            }
        }
    }
    FittedLabel { lines, cut: true }
}

/// The year shown under an event's name in the matrix ("2017"), or "undated" when
/// the sources give no date.
pub fn event_year_label(engine: &Engine, event: usize) -> String {
    match engine.dataset().events.get(event).and_then(|e| e.start) {
        Some(date) => date.year.to_string(),
        None => "undated".to_owned(),
    }
}

/// The participation matrix of a selection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    /// Event indices, one per column, chronological (undated last, ties by name).
    pub columns: Vec<u32>,
    /// Actor indices, one per row, in the requested order.
    pub rows: Vec<u32>,
    /// Per row: the number of events (non-empty cells).
    pub row_totals: Vec<u32>,
    /// Per column: the number of actors (non-empty cells).
    pub column_totals: Vec<u32>,
    /// The row groups, in order, when grouped ([`Matrix::group_by_kind`]); empty
    /// when not.
    pub groups: Vec<RowGroup>,
    /// Per row: its range in `cell_cols` / `cell_roles`.
    row_ranges: Vec<(u32, u32)>,
    /// Column of each cell, ascending within a row.
    cell_cols: Vec<u32>,
    /// Roles of each cell (a [`RoleSet`]'s bits).
    cell_roles: Vec<u8>,
}

impl Matrix {
    /// The roles at (row, column); empty when the actor did not take part or the
    /// position is out of range.
    pub fn cell(&self, row: usize, col: usize) -> RoleSet {
        let Some(&(a, b)) = self.row_ranges.get(row) else {
            return RoleSet::EMPTY;
        };
        let cols = &self.cell_cols[a as usize..b as usize];
        match cols.binary_search(&(col as u32)) {
            Ok(i) => RoleSet(self.cell_roles[a as usize + i]),
            Err(_) => RoleSet::EMPTY,
        }
    }

    /// The non-empty cells of a row whose column lies in `cols`, as (column, roles),
    /// ascending: what a virtualised table draws for one visible row.
    pub fn row_cells(
        &self,
        row: usize,
        cols: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, RoleSet)> + '_ {
        let (a, b) = self
            .row_ranges
            .get(row)
            .map_or((0, 0), |&(a, b)| (a as usize, b as usize));
        let all = &self.cell_cols[a..b];
        let lo = all.partition_point(|&c| (c as usize) < cols.start);
        let hi = all.partition_point(|&c| (c as usize) < cols.end);
        (a + lo..a + hi).map(move |i| (self.cell_cols[i] as usize, RoleSet(self.cell_roles[i])))
    }

    /// Groups the rows by actor kind (countries, organisations, persons): a stable
    /// partition, so each group keeps the rows' order. Fills [`Matrix::groups`]
    /// with the non-empty groups. Linear in the rows.
    pub fn group_by_kind(&mut self, engine: &Engine) {
        let kind_of = |actor: u32| engine.actor_kind_index(actor as usize) as usize;
        // A stable sort on a 3-valued key: the within-group order is kept.
        let perm = order_by_u64_key(self.rows.len(), |i| kind_of(self.rows[i]) as u64);
        self.rows = perm.iter().map(|&i| self.rows[i as usize]).collect();
        self.row_totals = perm.iter().map(|&i| self.row_totals[i as usize]).collect();
        self.row_ranges = perm.iter().map(|&i| self.row_ranges[i as usize]).collect();
        self.groups.clear();
        for (r, &actor) in self.rows.iter().enumerate() {
            let kind = ActorKind::ALL[kind_of(actor).min(ActorKind::ALL.len() - 1)];
            match self.groups.last_mut() {
                Some(g) if g.kind == kind => g.len += 1,
                _ => self.groups.push(RowGroup {
                    kind,
                    start: r as u32,
                    len: 1,
                }),
            }
        }
    }

    /// How many lines the body draws: the rows plus one header per group.
    pub fn slot_count(&self) -> usize {
        self.rows.len() + self.groups.len()
    }

    /// What line `i` of the body is; `None` past the end.
    pub fn slot(&self, i: usize) -> Option<Slot> {
        if i >= self.slot_count() {
            return None;
        }
        if self.groups.is_empty() {
            return Some(Slot::Row(i));
        }
        for (g, group) in self.groups.iter().enumerate() {
            let header = group.start as usize + g;
            if i == header {
                return Some(Slot::Group(g));
            }
            if i <= header + group.len as usize {
                return Some(Slot::Row(i - g - 1));
            }
        }
        None
    }

    /// The line on which row `row` is drawn (the inverse of [`Matrix::slot`] for
    /// rows); rows past the end map past the last line.
    pub fn slot_of_row(&self, row: usize) -> usize {
        let before = self
            .groups
            .iter()
            .take_while(|g| (g.start as usize) <= row)
            .count();
        row + before
    }

    /// Number of non-empty cells.
    pub fn cell_count(&self) -> usize {
        self.cell_cols.len()
    }

    /// The participations behind a cell (for its sources and quotes), in dataset
    /// order; empty for an empty cell.
    pub fn cell_participations(&self, engine: &Engine, row: usize, col: usize) -> Vec<u32> {
        let roles = self.cell(row, col);
        let (Some(&actor), Some(&event)) = (self.rows.get(row), self.columns.get(col)) else {
            return Vec::new();
        };
        let (_, part_actor, part_role) = engine.part_columns();
        engine
            .event_participations(event as usize)
            .iter()
            .copied()
            .filter(|&p| {
                part_actor[p as usize] == actor
                    && roles.contains(Role::ALL[part_role[p as usize] as usize])
            })
            .collect()
    }
}

/// Builds the matrix of a selection's participations, rows in `order`.
///
/// Linear in the selection's participations (two counting sorts: by column, then
/// stably by actor), plus the row ordering.
pub fn build_matrix(engine: &Engine, selection: &Selection, order: RowOrder) -> Matrix {
    let n_events = engine.dataset().events.len();
    let n_actors = engine.dataset().actors.len();
    let (part_event, part_actor, part_role) = engine.part_columns();

    let mut columns: Vec<u32> = selection
        .events
        .iter()
        .copied()
        .filter(|&e| (e as usize) < n_events)
        .collect();
    if !columns.is_sorted_by_key(|&e| engine.event_date_rank(e as usize)) {
        sort_by_u64_key(&mut columns, |&e| {
            u64::from(engine.event_date_rank(e as usize))
        });
    }
    columns.dedup();
    let mut col_of = vec![NONE; n_events];
    for (c, &e) in columns.iter().enumerate() {
        col_of[e as usize] = c as u32;
    }

    if let Some(m) = from_index(engine, selection, &columns, &col_of, order) {
        return m;
    }
    // A selection made by hand: build from its participations.
    // Participations with a column, counting-sorted by column.
    let valid = |p: u32| -> Option<(u32, u32)> {
        let p = p as usize;
        let e = *part_event.get(p)?;
        if e == NONE || part_actor[p] == NONE || col_of[e as usize] == NONE {
            return None;
        }
        Some((col_of[e as usize], part_actor[p]))
    };
    let mut col_start = vec![0u32; columns.len() + 1];
    let participations = selection.participations(engine);
    for &p in participations {
        if let Some((c, _)) = valid(p) {
            col_start[c as usize + 1] += 1;
        }
    }
    for c in 0..columns.len() {
        col_start[c + 1] += col_start[c];
    }
    let total = col_start[columns.len()] as usize;
    let mut by_col = vec![0u32; total];
    {
        let mut fill = col_start.clone();
        for &p in participations {
            if let Some((c, _)) = valid(p) {
                by_col[fill[c as usize] as usize] = p;
                fill[c as usize] += 1;
            }
        }
    }
    // Stable counting sort by actor: each actor's entries stay in column order.
    let mut actor_start = vec![0u32; n_actors + 1];
    for &p in &by_col {
        actor_start[part_actor[p as usize] as usize + 1] += 1;
    }
    for a in 0..n_actors {
        actor_start[a + 1] += actor_start[a];
    }
    let mut cell_cols = vec![0u32; total];
    let mut cell_roles = vec![0u8; total];
    {
        let mut fill = actor_start.clone();
        for &p in &by_col {
            let a = part_actor[p as usize] as usize;
            let slot = fill[a] as usize;
            cell_cols[slot] = col_of[part_event[p as usize] as usize];
            cell_roles[slot] = Role::ALL[part_role[p as usize] as usize].bit();
            fill[a] += 1;
        }
    }
    drop(by_col);
    // Merge an actor's several roles at one event into one cell, compacting in place.
    let mut raw_rows: Vec<u32> = Vec::new();
    let mut raw_ranges: Vec<(u32, u32)> = Vec::new();
    let mut column_totals = vec![0u32; columns.len()];
    let mut w = 0usize;
    for a in 0..n_actors {
        let (start, end) = (actor_start[a] as usize, actor_start[a + 1] as usize);
        if start == end {
            continue;
        }
        let row_start = w;
        for r in start..end {
            if w > row_start && cell_cols[w - 1] == cell_cols[r] {
                cell_roles[w - 1] |= cell_roles[r];
            } else {
                cell_cols[w] = cell_cols[r];
                cell_roles[w] = cell_roles[r];
                column_totals[cell_cols[w] as usize] += 1;
                w += 1;
            }
        }
        raw_rows.push(a as u32);
        raw_ranges.push((row_start as u32, w as u32));
    }
    cell_cols.truncate(w);
    cell_roles.truncate(w);

    let cells = RawCells {
        rows: raw_rows,
        ranges: raw_ranges,
        cols: cell_cols,
        roles: cell_roles,
    };
    assemble(engine, cells, columns, column_totals, order)
}

/// Cells grouped by actor in first-seen order, before the rows are ordered.
struct RawCells {
    rows: Vec<u32>,
    ranges: Vec<(u32, u32)>,
    cols: Vec<u32>,
    roles: Vec<u8>,
}

/// Orders the rows and builds the matrix: shared by both ways of collecting cells.
fn assemble(
    engine: &Engine,
    cells: RawCells,
    columns: Vec<u32>,
    column_totals: Vec<u32>,
    order: RowOrder,
) -> Matrix {
    let perm = order_rows(
        engine,
        &cells.rows,
        &cells.ranges,
        &cells.cols,
        columns.len(),
        order,
    );
    let rows: Vec<u32> = perm.iter().map(|&i| cells.rows[i as usize]).collect();
    let row_ranges: Vec<(u32, u32)> = perm.iter().map(|&i| cells.ranges[i as usize]).collect();
    let row_totals = row_ranges.iter().map(|&(a, b)| b - a).collect();
    Matrix {
        columns,
        rows,
        row_totals,
        column_totals,
        groups: Vec::new(),
        row_ranges,
        cell_cols: cells.cols,
        cell_roles: cells.roles,
    }
}

/// The fast path: cells read from the index (each actor's events in chronological
/// order, with its roles there), filtered by the selection's participation filter.
/// Sequential reads only, no sort, and the selection's participations are never
/// listed. `None` when its `shown` is not the filter its participations were
/// chosen with (changed by hand), so the caller falls back to building from them;
/// the two ways give the same matrix (`check_matrix` in tests/core/engine_props.rs).
fn from_index(
    engine: &Engine,
    selection: &Selection,
    columns: &[u32],
    col_of: &[u32],
    order: RowOrder,
) -> Option<Matrix> {
    let shown = &selection.shown;
    if !selection.parts.chosen_with(shown) {
        return None;
    }
    let n_actors = engine.dataset().actors.len();
    let all: Vec<u32>;
    let candidates: &[u32] = match &shown.actors {
        Some(list) => list,
        None => {
            all = (0..n_actors as u32).collect();
            &all
        }
    };
    let mut raw_rows = Vec::new();
    let mut raw_ranges = Vec::new();
    let mut cell_cols = Vec::new();
    let mut cell_roles = Vec::new();
    let mut column_totals = vec![0u32; columns.len()];
    for &a in candidates {
        if a as usize >= n_actors || shown.kinds & 1 << engine.actor_kind_index(a as usize) == 0 {
            continue;
        }
        let start = cell_cols.len();
        let events = engine.actor_events(a as usize);
        let roles = engine.actor_event_roles(a as usize);
        for (&e, &r) in events.iter().zip(roles) {
            let c = col_of[e as usize];
            let r = r & shown.roles;
            if c != NONE && r != 0 {
                cell_cols.push(c);
                cell_roles.push(r);
                column_totals[c as usize] += 1;
            }
        }
        if cell_cols.len() > start {
            raw_rows.push(a);
            raw_ranges.push((start as u32, cell_cols.len() as u32));
        }
    }
    let cells = RawCells {
        rows: raw_rows,
        ranges: raw_ranges,
        cols: cell_cols,
        roles: cell_roles,
    };
    Some(assemble(
        engine,
        cells,
        columns.to_vec(),
        column_totals,
        order,
    ))
}

/// Barycentre sweeps for [`RowOrder::Similarity`]: enough to pull co-attending
/// actors together, bounded so the ordering stays within the frame budget.
const SWEEPS: usize = 3;

/// A permutation of `0..rows.len()` in the requested order.
fn order_rows(
    engine: &Engine,
    rows: &[u32],
    ranges: &[(u32, u32)],
    cell_cols: &[u32],
    n_cols: usize,
    order: RowOrder,
) -> Vec<u32> {
    let n = rows.len();
    let name = |i: u32| engine.actor_name_rank(rows[i as usize] as usize);
    let total = |i: u32| ranges[i as usize].1 - ranges[i as usize].0;
    let first = |i: u32| cell_cols[ranges[i as usize].0 as usize];
    let mut perm: Vec<u32> = (0..n as u32).collect();
    match order {
        RowOrder::Name => sort_by_u64_key(&mut perm, |&i| u64::from(name(i))),
        RowOrder::Events => sort_by_u64_key(&mut perm, |&i| pack(!total(i), name(i))),
        RowOrder::FirstAppearance => sort_by_u64_key(&mut perm, |&i| pack(first(i), name(i))),
        RowOrder::Similarity => {
            // Seriation by iterated barycentres (rank-based reciprocal averaging, the
            // heuristic behind correspondence-analysis orderings): start from first
            // appearance; each sweep places every column at the mean position of its
            // rows, every row at the mean position of its columns, and re-ranks the
            // rows. Actors that share events converge next to each other. Each sweep
            // is linear in the cells (no n^2 pairwise similarity, which 10k rows
            // could not afford), the sweep count is fixed, and ties break by the
            // previous position then name, so the result is deterministic.
            sort_by_u64_key(&mut perm, |&i| pack(first(i), name(i)));
            let mut pos = vec![0f32; n];
            for (rank, &i) in perm.iter().enumerate() {
                pos[i as usize] = rank as f32;
            }
            // Column sums are scattered from the row-major cells (no transpose).
            let mut col_count = vec![0u32; n_cols];
            for &c in cell_cols {
                col_count[c as usize] += 1;
            }
            let mut col_sum = vec![0f32; n_cols];
            let mut col_pos = vec![0f32; n_cols];
            let mut row_val = vec![0f32; n];
            for _ in 0..SWEEPS {
                col_sum.fill(0.0);
                for (i, &(a, b)) in ranges.iter().enumerate() {
                    for &c in &cell_cols[a as usize..b as usize] {
                        col_sum[c as usize] += pos[i];
                    }
                }
                for c in 0..n_cols {
                    if col_count[c] > 0 {
                        col_pos[c] = col_sum[c] / col_count[c] as f32;
                    }
                }
                for (i, &(a, b)) in ranges.iter().enumerate() {
                    let cols = &cell_cols[a as usize..b as usize];
                    let sum: f32 = cols.iter().map(|&c| col_pos[c as usize]).sum();
                    row_val[i] = sum / cols.len().max(1) as f32;
                }
                // Positions are ranks (whole numbers), so they break ties exactly.
                sort_by_u64_key(&mut perm, |&i| {
                    pack(f32_key(row_val[i as usize]), pos[i as usize] as u32)
                });
                for (rank, &i) in perm.iter().enumerate() {
                    pos[i as usize] = rank as f32;
                }
            }
        }
    }
    perm
}

/// Another actor and how many events it shares with the one asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoParticipant {
    /// Actor index.
    pub actor: u32,
    /// Events both took part in (any role), over the whole dataset.
    pub shared_events: u32,
}

/// The actors who took part in events with `actor` (over the whole dataset, any
/// role), most shared events first, then by name; empty for an unknown index.
pub fn co_participants(engine: &Engine, actor: usize) -> Vec<CoParticipant> {
    let n_actors = engine.dataset().actors.len();
    if actor >= n_actors {
        return Vec::new();
    }
    let mut shared = vec![0u32; n_actors];
    let mut met: Vec<u32> = Vec::new();
    for &e in engine.actor_events(actor) {
        for &other in engine.event_actors(e as usize) {
            let count = &mut shared[other as usize];
            if *count == 0 {
                met.push(other);
            }
            *count += 1;
        }
    }
    let mut out: Vec<CoParticipant> = met
        .into_iter()
        .filter(|&a| a as usize != actor)
        .map(|a| CoParticipant {
            actor: a,
            shared_events: shared[a as usize],
        })
        .collect();
    sort_by_u64_key(&mut out, |c| {
        pack(!c.shared_events, engine.actor_name_rank(c.actor as usize))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_strips_latin_diacritics() {
        assert_eq!(fold_key("Sénégal"), "senegal");
        assert_eq!(fold_key("CÔTE D'IVOIRE"), "cote d'ivoire");
        assert_eq!(fold_key("Œuvre Straße"), "oeuvre strasse");
        assert_eq!(fold_key("Se\u{301}ne\u{301}gal"), "senegal");
    }

    #[test]
    fn row_order_words_round_trip() {
        for o in RowOrder::ALL {
            assert_eq!(RowOrder::parse(o.as_str()), Some(o));
        }
        assert_eq!(RowOrder::FirstAppearance.label(), "First appearance");
    }
}
