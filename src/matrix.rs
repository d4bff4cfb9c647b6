//! The participation matrix view: actors x events as a virtualised ARIA grid.
//!
//! Only the rows and columns in sight are in the DOM (at most [`MAX_CELLS`] cells),
//! so the page stays light at any size; rows and columns are placed absolutely
//! within a canvas as large as the whole matrix, so the scrollbars tell the truth.
//! Arrow keys, Home, End, Page Up and Page Down move between cells (the ARIA grid
//! pattern, with a roving tabindex).

use std::sync::Arc;

use convene_core::engine::{Engine, Selection};
use convene_core::matrix::{build_matrix, Matrix, RowOrder};
use convene_core::model::RoleSet;
use convene_core::view::Open;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::detail::glyph;
use crate::explorer::{Nav, NavLink};
use crate::history::HistoryMode;

/// Height of a row, in CSS pixels.
const ROW_H: f64 = 30.0;
/// Width of a cell column.
const COL_W: f64 = 34.0;
/// Height of the column header row (names run vertically).
const HEAD_H: f64 = 144.0;
/// Width of the row header column.
const ROWHEAD_W: f64 = 224.0;
/// The most cells in the DOM at once: keeps the matrix under the 1,400-node budget
/// however large the screen.
const MAX_CELLS: usize = 900;
/// The most rows in the DOM at once, whatever height the viewport is given (an
/// embedding page's CSS may let it grow with its content).
const MAX_ROWS: usize = 40;

/// The visible window of the matrix: rows `rows`, columns `cols`.
#[derive(Clone, Debug, PartialEq)]
struct Window {
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
}

fn px(value: f64) -> String {
    format!("{value}px")
}

/// The rows and columns that a viewport of `size` scrolled to `scroll` shows.
fn visible_window(scroll: (f64, f64), size: (f64, f64), n_rows: usize, n_cols: usize) -> Window {
    let (left, top) = scroll;
    let (width, height) = size;
    let first_row = ((top / ROW_H).floor().max(0.0) as usize).min(n_rows);
    let row_count = ((((height - HEAD_H).max(ROW_H) / ROW_H).ceil() as usize) + 1).min(MAX_ROWS);
    let last_row = (first_row + row_count).min(n_rows);
    let first_col = ((left / COL_W).floor().max(0.0) as usize).min(n_cols);
    let mut col_count = (((width - ROWHEAD_W).max(COL_W) / COL_W).ceil() as usize) + 1;
    let rows_shown = (last_row - first_row).max(1);
    col_count = col_count.min(MAX_CELLS / rows_shown).max(1);
    let last_col = (first_col + col_count).min(n_cols);
    Window {
        rows: first_row..last_row,
        cols: first_col..last_col,
    }
}

/// The matrix view: ordering, legend, the grid, and the details of the focused cell.
#[component]
pub fn MatrixView(selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let matrix = {
        let engine = engine.clone();
        // The order as its own memo: other view changes must not rebuild the matrix.
        let order = Memo::new(move |_| nav.view.with(|v| v.order));
        Memo::new(move |_| selection.with(|s| build_matrix(&engine, s, order.get())))
    };
    let is_empty = move || matrix.with(|m| m.rows.is_empty() || m.columns.is_empty());
    view! {
        <section class="matrix" aria-labelledby="matrix-title">
            <h2 id="matrix-title" class="visually-hidden">"Matrix"</h2>
            <div class="matrix-tools">
                <label class="order">
                    "Order rows "
                    <select on:change=move |e| {
                        let chosen = RowOrder::parse(&event_target_value(&e)).unwrap_or_default();
                        nav.go(HistoryMode::Push, |v| v.order = chosen);
                    }>
                        {RowOrder::ALL.into_iter().map(|order| view! {
                            <option value=order.as_str() selected=move || nav.view.with(|v| v.order == order)>
                                {order.label()}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <span>{move || matrix.with(|m| format!("{} actors × {} events", m.rows.len(), m.columns.len()))}</span>
                <Legend/>
            </div>
            <Show when=move || !is_empty() fallback=|| view! {
                <p class="matrix-empty">"No participation matches. Remove a filter or change the search."</p>
            }>
                <Grid matrix=matrix/>
            </Show>
        </section>
    }
}

/// What each glyph means, in words.
#[component]
fn Legend() -> impl IntoView {
    view! {
        <ul class="legend" aria-label="Legend">
            {convene_core::model::Role::ALL.into_iter().map(|role| view! {
                <li>
                    <span class=format!("role role-{}", role.as_str()) aria-hidden="true">{glyph(role)}</span>
                    " " {role.as_str()}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A cell's glyphs: one per role.
fn glyphs(roles: RoleSet) -> String {
    roles.iter().map(glyph).collect()
}

/// The grid itself, virtualised.
#[component]
fn Grid(matrix: Memo<Matrix>) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let viewport = NodeRef::<html::Div>::new();
    let scroll = RwSignal::new((0.0_f64, 0.0_f64));
    let size = RwSignal::new((1000.0_f64, 600.0_f64));
    // The cell that holds the tab stop and the one whose details show.
    let active = RwSignal::new((0_usize, 0_usize));
    let shown = RwSignal::new(None::<(usize, usize)>);

    let measure = move || {
        if let Some(el) = viewport.get_untracked() {
            size.set((f64::from(el.client_width()), f64::from(el.client_height())));
        }
    };
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let dims = move || matrix.with(|m| (m.rows.len(), m.columns.len()));
    let window = Memo::new(move |_| {
        let (n_rows, n_cols) = dims();
        visible_window(scroll.get(), size.get(), n_rows, n_cols)
    });
    // A new selection starts at the top-left cell.
    Effect::new(move |_| {
        let (n_rows, n_cols) = dims();
        active.update(|a| {
            if a.0 >= n_rows || a.1 >= n_cols {
                *a = (0, 0);
            }
        });
    });

    // Moves the active cell, scrolls it into view and focuses it.
    let move_to = move |row: usize, col: usize| {
        let (n_rows, n_cols) = dims();
        if n_rows == 0 || n_cols == 0 {
            return;
        }
        let (row, col) = (row.min(n_rows - 1), col.min(n_cols - 1));
        active.set((row, col));
        shown.set(Some((row, col)));
        let Some(el) = viewport.get_untracked() else {
            return;
        };
        let (width, height) = size.get_untracked();
        let (mut left, mut top) = (f64::from(el.scroll_left()), f64::from(el.scroll_top()));
        let (x, y) = (col as f64 * COL_W, row as f64 * ROW_H);
        if x < left {
            left = x;
        } else if x + COL_W > left + width - ROWHEAD_W {
            left = x + COL_W - (width - ROWHEAD_W);
        }
        if y < top {
            top = y;
        } else if y + ROW_H > top + height - HEAD_H {
            top = y + ROW_H - (height - HEAD_H);
        }
        el.set_scroll_left(left as i32);
        el.set_scroll_top(top as i32);
        scroll.set((left, top));
        request_animation_frame(move || {
            let Some(el) = viewport.get_untracked() else {
                return;
            };
            if let Ok(Some(cell)) = el.query_selector(&format!("[data-cell=\"{row}:{col}\"]")) {
                if let Ok(cell) = cell.dyn_into::<web_sys::HtmlElement>() {
                    let _ = cell.focus();
                }
            }
        });
    };

    let on_key = move |event: ev::KeyboardEvent| {
        let (row, col) = active.get_untracked();
        let (n_rows, n_cols) = dims();
        let page = ((size.get_untracked().1 - HEAD_H) / ROW_H).floor().max(1.0) as usize;
        let ctrl = event.ctrl_key() || event.meta_key();
        let target = match event.key().as_str() {
            "ArrowRight" => (row, col + 1),
            "ArrowLeft" => (row, col.saturating_sub(1)),
            "ArrowDown" => (row + 1, col),
            "ArrowUp" => (row.saturating_sub(1), col),
            "Home" if ctrl => (0, 0),
            "End" if ctrl => (n_rows.saturating_sub(1), n_cols.saturating_sub(1)),
            "Home" => (row, 0),
            "End" => (row, n_cols.saturating_sub(1)),
            "PageDown" => (row + page, col),
            "PageUp" => (row.saturating_sub(page), col),
            _ => return,
        };
        // Only when a cell has focus: the header links keep their own keys.
        let on_cell = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.has_attribute("data-cell"));
        if on_cell {
            event.prevent_default();
            move_to(target.0, target.1);
        }
    };
    // Hover and focus show a cell's details (delegated: one listener, not one per cell).
    let cell_of = |event: &web_sys::Event| -> Option<(usize, usize)> {
        let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        let cell = target.closest("[data-cell]").ok()??;
        let (r, c) = cell
            .get_attribute("data-cell")?
            .split_once(':')
            .map(|(r, c)| (r.to_owned(), c.to_owned()))?;
        Some((r.parse().ok()?, c.parse().ok()?))
    };
    let on_over = move |event: ev::MouseEvent| {
        if let Some(cell) = cell_of(&event) {
            shown.set(Some(cell));
        }
    };
    let on_focus = move |event: ev::FocusEvent| {
        if let Some(cell) = cell_of(&event) {
            active.set(cell);
            shown.set(Some(cell));
        }
    };

    let canvas_width = move || px(ROWHEAD_W + dims().1 as f64 * COL_W);
    let body_height = move || px(dims().0 as f64 * ROW_H);
    // The tab stop: the active cell when in sight, else the first cell in sight.
    let tab_stop = Memo::new(move |_| {
        let w = window.get();
        let (r, c) = active.get();
        if w.rows.contains(&r) && w.cols.contains(&c) {
            (r, c)
        } else {
            (w.rows.start, w.cols.start)
        }
    });

    let column_headers = {
        let engine = engine.clone();
        move || {
            let cols = window.with(|w| w.cols.clone());
            matrix.with(|m| {
                cols.map(|c| {
                    let event = &engine.dataset().events[m.columns[c] as usize];
                    let (id, name) = (event.id.clone(), event.name.clone());
                    let total = m.column_totals.get(c).copied().unwrap_or(0);
                    let title = format!("{name} ({total} actors)");
                    view! {
                        <div role="columnheader" class="matrix-colhead" aria-colindex=c + 2
                             style:left=px(ROWHEAD_W + c as f64 * COL_W)
                             title=title>
                            <NavLink to=move |v| v.open = Some(Open::Event(id.clone()))>{name}</NavLink>
                        </div>
                    }
                })
                .collect_view()
            })
        }
    };
    let rows = move || {
        let w = window.get();
        matrix.with(|m| w.rows.clone().map(|r| (r, m.rows[r])).collect::<Vec<_>>())
    };
    let row_view = {
        let engine = engine.clone();
        move |(r, actor): (usize, u32)| {
            let actor = &engine.dataset().actors[actor as usize];
            let id = actor.id.clone();
            let name = actor.name.clone();
            let title = format!(
                "{name} ({} events)",
                matrix.with_untracked(|m| m.row_totals.get(r).copied().unwrap_or(0))
            );
            let total = matrix.with_untracked(|m| m.row_totals.get(r).copied().unwrap_or(0));
            let cells = move || {
                let cols = window.with(|w| w.cols.clone());
                let stop = tab_stop.get();
                matrix.with(|m| {
                    cols.map(|c| {
                        let roles = m.cell(r, c);
                        let first = roles.iter().next().map_or("", |role| role.as_str());
                        view! {
                            <div role="gridcell" class=format!("matrix-cell role role-{first}")
                                 aria-colindex=c + 2
                                 data-cell=format!("{r}:{c}")
                                 tabindex=if stop == (r, c) { "0" } else { "-1" }
                                 aria-label=if roles.is_empty() { "none".to_owned() } else { roles.describe() }
                                 style:left=px(ROWHEAD_W + c as f64 * COL_W)>
                                {glyphs(roles)}
                            </div>
                        }
                    })
                    .collect_view()
                })
            };
            view! {
                <div role="row" class="matrix-row" aria-rowindex=r + 2
                     style:top=px(r as f64 * ROW_H) style:width=canvas_width>
                    <div role="rowheader" class="matrix-rowhead" aria-colindex="1" title=title>
                        <NavLink to=move |v| v.open = Some(Open::Actor(id.clone()))>{name.clone()}</NavLink>
                        <span class="matrix-total" aria-hidden="true">{total}</span>
                    </div>
                    {cells}
                </div>
            }
        }
    };

    view! {
        <div class="matrix-viewport" node_ref=viewport
             on:scroll=move |_| {
                 if let Some(el) = viewport.get_untracked() {
                     scroll.set((f64::from(el.scroll_left()), f64::from(el.scroll_top())));
                 }
             }
             on:keydown=on_key on:mouseover=on_over on:focusin=on_focus>
            <div role="grid" aria-label="Participation matrix" class="matrix-canvas"
                 aria-rowcount=move || dims().0 + 1 aria-colcount=move || dims().1 + 1
                 style:width=canvas_width>
                <div role="rowgroup" class="matrix-head-group">
                    <div role="row" class="matrix-head" aria-rowindex="1" style:width=canvas_width>
                        <div role="columnheader" class="matrix-corner" aria-colindex="1">"Actor"</div>
                        {column_headers}
                    </div>
                </div>
                <div role="rowgroup" class="matrix-body" style:height=body_height>
                    <For each=rows key=|(r, actor)| (*r, *actor) children=row_view/>
                </div>
            </div>
        </div>
        <CellDetails matrix=matrix shown=shown/>
    }
}

/// Who, where, in which roles, and the quotes that say so, for the shown cell.
#[component]
fn CellDetails(matrix: Memo<Matrix>, shown: RwSignal<Option<(usize, usize)>>) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let details = move || {
        let (r, c) = shown.get()?;
        matrix.with(|m| {
            let actor = &engine.dataset().actors[*m.rows.get(r)? as usize];
            let event = &engine.dataset().events[*m.columns.get(c)? as usize];
            let roles = m.cell(r, c);
            if roles.is_empty() {
                return Some(view! { <p>{format!("{} is not recorded at {}.", actor.name, event.name)}</p> }.into_any());
            }
            let quotes = m
                .cell_participations(&engine, r, c)
                .into_iter()
                .map(|p| {
                    let part = &engine.dataset().participations[p as usize];
                    let source = engine
                        .source_index(&part.source)
                        .map_or_else(|| part.source.clone(), |s| engine.dataset().sources[s].title.clone());
                    // Imported data may give no quote: say so, never invent one.
                    let quote = match &part.quote {
                        Some(q) => format!("“{q}”"),
                        None => "no quote".to_string(),
                    };
                    view! {
                        <li>
                            <strong>{part.role.as_str()}</strong> ": " {quote} " — " <cite>{source}</cite>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <p><strong>{actor.name.clone()}</strong> " at " <strong>{event.name.clone()}</strong> ": " {roles.describe()}</p>
                <ul>{quotes}</ul>
            }.into_any())
        })
    };
    view! {
        <section class="matrix-tip" aria-label="Cell details">
            {move || details().unwrap_or_else(|| view! { <p>"Point at or focus a cell to see the role, the source and the quote."</p> }.into_any())}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_never_holds_more_than_the_cell_budget() {
        let w = visible_window((0.0, 0.0), (4000.0, 3000.0), 10_000, 100_000);
        assert!(w.rows.len() * w.cols.len() <= MAX_CELLS, "{w:?}");
        assert!(w.rows.len() <= MAX_ROWS, "{w:?}");
        let tall = visible_window((0.0, 0.0), (800.0, 300_000.0), 10_000, 10);
        assert!(
            tall.rows.len() <= MAX_ROWS,
            "an unbounded viewport still renders few rows: {tall:?}"
        );
        assert!(!w.rows.is_empty() && !w.cols.is_empty());
    }

    #[test]
    fn the_window_follows_the_scroll_and_stops_at_the_edges() {
        let w = visible_window((COL_W * 10.0, ROW_H * 20.0), (800.0, 600.0), 1000, 1000);
        assert_eq!((w.rows.start, w.cols.start), (20, 10));
        let end = visible_window((1e9, 1e9), (800.0, 600.0), 5, 7);
        assert_eq!((end.rows, end.cols), (5..5, 7..7));
    }
}
