//! The co-participation network: the one-mode projection of the two-mode
//! actor–event network of a selection, its strongest links, and its exports
//! (GEXF 1.3, GraphML, SVG).
//!
//! # The rules
//!
//! - The network is read from the selection's participation matrix
//!   ([`crate::matrix::build_matrix`]): a **node** for every matrix row (an actor
//!   with at least one participation in the selection, under the role, kind and
//!   actor filters), its **events** the row's non-empty cells.
//! - An **edge** joins two actors that both have a cell in the same column (take
//!   part in the same event of the selection); its **weight** is the number of
//!   such events (shared events). Several roles of one actor at one event count
//!   once. So the role and kind filters decide both the nodes and the weights.
//! - **Top-N cut**: only the `top` actors with most events in the view are kept
//!   (ties by name, the matrix's "Events" order); [`Network::left_out`] counts the
//!   others. Edges are those among the kept actors.
//! - **Minimum weight**: edges with fewer than `min_weight` shared events are
//!   dropped ([`Network::below_min`] counts them); nodes stay, even when isolated.
//! - Edge order, the "Strongest links" table: weight descending, then the first
//!   actor's name, then the second's (each edge names its actors in name order).
//!   A node's links ([`Network::links`]): weight descending, then the neighbour's name.
//!
//! # Cost
//!
//! Linear in the matrix cells of the kept actors plus, per event, the pairs of
//! kept actors taking part (counted into a dense `top x top` table of `u32`,
//! 4 MB at the 1,000 cap).

use std::fmt::Write;

use crate::decimal::Fixed;
use crate::engine::{Engine, Selection};
use crate::matrix::{build_matrix, Matrix, RowOrder};
use crate::model::{ActorKind, Role};
use crate::sort::{sort_by_cmp, sort_by_u64_key};
use crate::xml::push_escaped;

/// Which part of the projection to keep (from the URL's `top=` and `min=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkOptions {
    /// At most this many actors (those with most events); `0` is read as 1.
    /// The URL codec keeps it within 1 to [`crate::view::MAX_TOP`].
    pub top: u32,
    /// Edges need at least this many shared events; `0` is read as 1.
    pub min_weight: u32,
}

impl Default for NetworkOptions {
    /// The URL's defaults: `top=150`, `min=1`.
    fn default() -> NetworkOptions {
        NetworkOptions {
            top: crate::view::DEFAULT_TOP,
            min_weight: 1,
        }
    }
}

impl NetworkOptions {
    /// The options a view asks for.
    pub fn of_view(view: &crate::view::ViewState) -> NetworkOptions {
        NetworkOptions {
            top: view.top,
            min_weight: view.min_weight,
        }
    }
}

/// An actor in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkNode {
    /// Actor index (into `Dataset::actors`).
    pub actor: u32,
    /// Events the actor takes part in within the view (under the role and kind filters).
    pub events: u32,
    /// The actor's kind.
    pub kind: ActorKind,
}

/// A link between two nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkEdge {
    /// Node index (into [`Network::nodes`]) of the actor first in name order.
    pub a: u32,
    /// Node index of the other actor.
    pub b: u32,
    /// Shared events in the view, at least the minimum weight.
    pub weight: u32,
}

/// The co-participation network of a selection (see the module docs for the rules).
/// Equality compares everything, so a view can skip a new layout when a change
/// (a sort, say) leaves the network as it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// Kept actors, most events first, ties by name: node `i` is matrix row `i`.
    pub nodes: Vec<NetworkNode>,
    /// Edges in "Strongest links" order (weight descending, then names).
    pub edges: Vec<NetworkEdge>,
    /// Actors with events in the view that the top-N cut left out.
    pub left_out: u32,
    /// Edges among kept actors dropped for having fewer shared events than the minimum.
    pub below_min: u32,
    /// The options the network was built with (`0`s read as 1).
    pub options: NetworkOptions,
    /// Per node: its range in `adjacency`.
    adjacency_ranges: Vec<(u32, u32)>,
    /// (neighbour node, weight), each node's links strongest first.
    adjacency: Vec<(u32, u32)>,
    /// The selection's matrix, rows in "Events" order: shared events are read from it.
    matrix: Matrix,
}

/// A node's link to another node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The other node's index.
    pub node: u32,
    /// Shared events.
    pub weight: u32,
}

/// Builds the co-participation network of `selection` (see the module docs).
pub fn build_network(engine: &Engine, selection: &Selection, options: NetworkOptions) -> Network {
    let matrix = build_matrix(engine, selection, RowOrder::Events);
    network_of_matrix(engine, matrix, options)
}

/// The network of a matrix whose rows are in [`RowOrder::Events`] order.
fn network_of_matrix(engine: &Engine, matrix: Matrix, options: NetworkOptions) -> Network {
    let options = NetworkOptions {
        top: options.top.max(1),
        min_weight: options.min_weight.max(1),
    };
    let actors = &engine.dataset().actors;
    let kept = matrix.rows.len().min(options.top as usize);
    let n_cols = matrix.columns.len();
    let nodes: Vec<NetworkNode> = (0..kept)
        .map(|r| {
            let actor = matrix.rows[r];
            NetworkNode {
                actor,
                events: matrix.row_totals[r],
                kind: actors
                    .get(actor as usize)
                    .map_or(ActorKind::Organization, |a| a.kind),
            }
        })
        .collect();
    // Transpose the kept rows: per column, the kept rows with a cell there.
    let mut col_start = vec![0u32; n_cols + 1];
    for r in 0..kept {
        for (c, _) in matrix.row_cells(r, 0..n_cols) {
            col_start[c + 1] += 1;
        }
    }
    for c in 0..n_cols {
        col_start[c + 1] += col_start[c];
    }
    let mut col_rows = vec![0u32; col_start[n_cols] as usize];
    let mut fill = col_start.clone();
    for r in 0..kept {
        for (c, _) in matrix.row_cells(r, 0..n_cols) {
            col_rows[fill[c] as usize] = r as u32;
            fill[c] += 1;
        }
    }
    drop(fill);
    // Pair counts in the upper triangle of a dense table (rows ascend in a column).
    let mut counts = vec![0u32; kept * kept];
    for c in 0..n_cols {
        let members = &col_rows[col_start[c] as usize..col_start[c + 1] as usize];
        for (i, &x) in members.iter().enumerate() {
            let row = &mut counts[x as usize * kept..(x as usize + 1) * kept];
            for &y in &members[i + 1..] {
                row[y as usize] += 1;
            }
        }
    }
    let name = |node: u32| engine.actor_name_rank(nodes[node as usize].actor as usize);
    let mut edges = Vec::new();
    let mut below_min = 0u32;
    for x in 0..kept {
        for y in x + 1..kept {
            let weight = counts[x * kept + y];
            if weight == 0 {
                continue;
            }
            if weight < options.min_weight {
                below_min += 1;
                continue;
            }
            let (a, b) = if name(x as u32) <= name(y as u32) {
                (x as u32, y as u32)
            } else {
                (y as u32, x as u32)
            };
            edges.push(NetworkEdge { a, b, weight });
        }
    }
    drop(counts);
    sort_by_cmp(&mut edges, &|p: &NetworkEdge, q: &NetworkEdge| {
        q.weight
            .cmp(&p.weight)
            .then_with(|| name(p.a).cmp(&name(q.a)))
            .then_with(|| name(p.b).cmp(&name(q.b)))
    });
    // Adjacency: each node's links, strongest first, ties by the neighbour's name.
    let mut degree = vec![0u32; kept + 1];
    for e in &edges {
        degree[e.a as usize + 1] += 1;
        degree[e.b as usize + 1] += 1;
    }
    for i in 0..kept {
        degree[i + 1] += degree[i];
    }
    let mut adjacency = vec![(0u32, 0u32); degree[kept] as usize];
    let mut fill = degree.clone();
    for e in &edges {
        for (from, to) in [(e.a, e.b), (e.b, e.a)] {
            adjacency[fill[from as usize] as usize] = (to, e.weight);
            fill[from as usize] += 1;
        }
    }
    let adjacency_ranges: Vec<(u32, u32)> = (0..kept).map(|i| (degree[i], degree[i + 1])).collect();
    for &(s, t) in &adjacency_ranges {
        sort_by_u64_key(&mut adjacency[s as usize..t as usize], |&(n, w)| {
            u64::from(!w) << 32 | u64::from(name(n))
        });
    }
    Network {
        left_out: (matrix.rows.len() - kept) as u32,
        nodes,
        edges,
        below_min,
        options,
        adjacency_ranges,
        adjacency,
        matrix,
    }
}

impl Network {
    /// A node's links, strongest first (ties by the neighbour's name); empty for an
    /// index out of range.
    pub fn links(&self, node: usize) -> impl Iterator<Item = Link> + '_ {
        let (s, t) = self.adjacency_ranges.get(node).copied().unwrap_or((0, 0));
        self.adjacency[s as usize..t as usize]
            .iter()
            .map(|&(node, weight)| Link { node, weight })
    }

    /// Number of links of a node (its degree in the drawn network).
    pub fn degree(&self, node: usize) -> usize {
        self.adjacency_ranges
            .get(node)
            .map_or(0, |&(s, t)| (t - s) as usize)
    }

    /// The graph the layout runs on ([`crate::layout::force_atlas2`]): one id per
    /// node (the actor's id, in node order) and every edge as (node, node, weight
    /// as `f64` shared events). The one place a network becomes a layout input,
    /// for the app, the benchmarks and the export tests alike.
    pub fn layout_input<'e>(&self, engine: &'e Engine) -> crate::layout::LayoutInput<'e> {
        let actors = &engine.dataset().actors;
        crate::layout::LayoutInput {
            ids: self
                .nodes
                .iter()
                .map(|n| actors.get(n.actor as usize).map_or("", |a| a.id.as_str()))
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|e| (e.a, e.b, f64::from(e.weight)))
                .collect(),
        }
    }

    /// The node of an actor index, if kept.
    pub fn node_of_actor(&self, actor: u32) -> Option<usize> {
        self.nodes.iter().position(|n| n.actor == actor)
    }

    /// The events (indices into `Dataset::events`, chronological) that nodes `a`
    /// and `b` share in the view; empty for an index out of range.
    pub fn shared_events(&self, a: usize, b: usize) -> Vec<u32> {
        if a >= self.nodes.len() || b >= self.nodes.len() || a == b {
            return Vec::new();
        }
        let all = 0..self.matrix.columns.len();
        let mut other = self
            .matrix
            .row_cells(b, all.clone())
            .map(|(c, _)| c)
            .peekable();
        let mut out = Vec::new();
        for (c, _) in self.matrix.row_cells(a, all) {
            while other.next_if(|&d| d < c).is_some() {}
            if other.next_if_eq(&c).is_some() {
                out.push(self.matrix.columns[c]);
            }
        }
        out
    }

    /// The node indices in keyboard order: most events first, ties by name (the
    /// node order itself, stated so the UI need not know it).
    pub fn focus_order(&self) -> std::ops::Range<usize> {
        0..self.nodes.len()
    }

    /// The largest event count of a node (0 for an empty network).
    pub fn max_events(&self) -> u32 {
        self.nodes.first().map_or(0, |n| n.events)
    }

    /// The line the SVG export writes about the top-N cut, in English, e.g.
    /// "Showing the 150 actors with most events; 42 more are left out."; `None`
    /// when nothing is left out. (The page words it in its language from
    /// `i18n::Key::NetworkLeftOut`.)
    pub fn left_out_note(&self) -> Option<String> {
        (self.left_out > 0).then(|| {
            let shown = self.nodes.len();
            format!(
                "Showing the {shown} {} with most events; {} more {} left out.",
                if shown == 1 { "actor" } else { "actors" },
                self.left_out,
                if self.left_out == 1 { "is" } else { "are" }
            )
        })
    }
}

impl Network {
    /// The drawn edge under a point, for pointing at an edge: among
    /// [`Network::drawn_edges`], the one whose segment (between its nodes'
    /// `positions`, one per node, in drawing units) passes nearest to `point`,
    /// if that distance is at most `tolerance` (drawing units). Ties go to the
    /// stronger edge (edges come strongest first). Returns the index into
    /// [`Network::edges`] (also into `drawn_edges`). A point on a node also lies
    /// near its edges: the view asks this only when no node is under the pointer.
    pub fn edge_at(
        &self,
        positions: &[[f64; 2]],
        point: [f64; 2],
        tolerance: f64,
    ) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for (k, e) in self.drawn_edges().iter().enumerate() {
            let (Some(p), Some(q)) = (positions.get(e.a as usize), positions.get(e.b as usize))
            else {
                continue;
            };
            let d = segment_distance(point, *p, *q);
            if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, k));
            }
        }
        best.map(|(_, k)| k)
    }

    /// The edge joining nodes `a` and `b` (either order), as an index into
    /// [`Network::edges`].
    pub fn edge_between(&self, a: usize, b: usize) -> Option<usize> {
        let (a, b) = (a as u32, b as u32);
        self.edges
            .iter()
            .position(|e| (e.a == a && e.b == b) || (e.a == b && e.b == a))
    }

    /// Which node labels the picture draws, and where: greedy placement, largest
    /// nodes first (node order), at most `max` candidates. Each candidate's box
    /// ([`label_box`], to the right of its node of radius [`node_radius`]`(events,
    /// max_events, min_r, max_r)`) is placed unless it intersects a box already
    /// placed; skipped labels are shown only when their node is pointed at or
    /// focused. So no two placed boxes intersect (the rule the test checks), and the
    /// largest node always has its label. Returns the placed labels in node order.
    pub fn place_labels(
        &self,
        engine: &Engine,
        positions: &[[f64; 2]],
        min_r: f64,
        max_r: f64,
        max: usize,
    ) -> Vec<NodeLabel> {
        let actors = &engine.dataset().actors;
        let max_events = self.max_events();
        let candidates = self
            .nodes
            .iter()
            .enumerate()
            .take(max)
            .filter_map(|(i, node)| {
                let p = *positions.get(i)?;
                let r = node_radius(node.events, max_events, min_r, max_r);
                let name = actors
                    .get(node.actor as usize)
                    .map_or("", |a| a.name.as_str());
                Some(label_box(i, p, r, name))
            });
        place_greedily(candidates)
    }
}

/// The distance from `p` to the segment `a`–`b` (all in the same units).
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    (x * x + y * y).sqrt()
}

/// Font size of the picture's node labels, in drawing units (the stylesheet's
/// `.net-labels text { font-size: 12px }` inside the SVG's viewBox).
pub const LABEL_FONT_SIZE: f64 = 12.0;

/// A node label as drawn: its text anchor (start of the baseline) and its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeLabel {
    /// The node index.
    pub node: usize,
    /// Where the text starts (`x`, drawing units; the text runs left to right).
    pub x: f64,
    /// The text's baseline (`y`, drawing units, y down).
    pub baseline: f64,
    /// The box the label may cover: left, top, width, height (drawing units),
    /// an upper bound of the rendered text's box.
    pub rect: [f64; 4],
}

impl NodeLabel {
    /// Whether two label boxes overlap (touching edges do not count).
    pub fn intersects(&self, other: &NodeLabel) -> bool {
        let [x, y, w, h] = self.rect;
        let [u, v, s, t] = other.rect;
        x < u + s && u < x + w && y < v + t && v < y + h
    }
}

/// An upper bound of a text's width in ems, from per-character advance widths a
/// little above those of common sans-serif fonts (DejaVu Sans, Liberation Sans,
/// Arial, Helvetica): the picture's labels are measured without a font, so the
/// box is generous and placed labels never overlap once drawn.
pub fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.36,
            ' ' => 0.36,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.48,
            c if c.is_ascii_uppercase() => 0.8,
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => 0.66,
            c if c.is_ascii() => 0.7,
            // Other scripts and accented letters: wide, CJK and the like full width.
            c if (c as u32) >= 0x2E80 => 1.05,
            _ => 0.85,
        })
        .sum()
}

/// The label of node `node` at `p` with radius `r`: the text starts 3 units right
/// of the node, its baseline 4 units below the centre, at [`LABEL_FONT_SIZE`]; the
/// box spans the text's width bound ([`text_width_em`]) plus 2 units each side,
/// from 1.2 em above the baseline to 0.45 em below it: browsers' text boxes are a
/// line box (Firefox: about 1.4 em tall, half the leading above the ascent), not
/// the glyphs, and the box must hold them all.
pub fn label_box(node: usize, p: [f64; 2], r: f64, name: &str) -> NodeLabel {
    let fs = LABEL_FONT_SIZE;
    let x = p[0] + r + 3.0;
    let baseline = p[1] + 4.0;
    NodeLabel {
        node,
        x,
        baseline,
        rect: [
            x - 2.0,
            baseline - 1.2 * fs,
            text_width_em(name) * fs + 4.0,
            1.65 * fs,
        ],
    }
}

/// Greedy placement: each candidate in order is kept unless its box intersects
/// one kept before. Boxes with a non-finite coordinate are skipped.
pub fn place_greedily(candidates: impl IntoIterator<Item = NodeLabel>) -> Vec<NodeLabel> {
    let mut placed: Vec<NodeLabel> = Vec::new();
    for c in candidates {
        if !c.rect.iter().all(|v| v.is_finite()) {
            continue;
        }
        if placed.iter().all(|p| !p.intersects(&c)) {
            placed.push(c);
        }
    }
    placed
}

/// The most links the picture draws, the strongest (a dense network of 1,000
/// actors has up to 499,500); the "Strongest links" table and the exports hold all.
pub const MAX_DRAWN_EDGES: usize = 3000;

/// Rows of the "Strongest links" table shown at once.
pub const STRONGEST_LINKS_ROWS: usize = 100;

/// The view that shows the matrix of two actors (`a`, `b` ids): the same
/// filters, the actor selection replaced by the two in mode All, the matrix view,
/// no open page. Its columns are exactly the events the two share in the view
/// (their edge's weight), since the actor facet applies to the same
/// participation as the role and kind facets.
pub fn matrix_of_pair(view: &crate::view::ViewState, a: &str, b: &str) -> crate::view::ViewState {
    let mut out = view.clone();
    // Inserted, not collected: collecting into a set sorts, one more copy of the
    // sort in the wasm (crate::sort).
    out.actors.clear();
    out.actors.insert(a.to_string());
    out.actors.insert(b.to_string());
    out.actor_mode = crate::view::ActorMode::All;
    out.view = crate::view::ViewKind::Matrix;
    out.open = None;
    out
}

/// A direction on screen (y grows downwards, as in SVG).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Arrow Up.
    Up,
    /// Arrow Down.
    Down,
    /// Arrow Left.
    Left,
    /// Arrow Right.
    Right,
}

impl Direction {
    /// The direction of an arrow key's `KeyboardEvent.key` (`ArrowUp`…).
    pub fn of_key(key: &str) -> Option<Direction> {
        match key {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            _ => None,
        }
    }

    fn vector(self) -> [f64; 2] {
        match self {
            Direction::Up => [0.0, -1.0],
            Direction::Down => [0.0, 1.0],
            Direction::Left => [-1.0, 0.0],
            Direction::Right => [1.0, 0.0],
        }
    }
}

impl Network {
    /// The neighbour an arrow key moves to from `node`: among its linked nodes
    /// that lie in the arrow's half-plane, the one closest in angle to the arrow
    /// (ties: the nearer, then the stronger link). `None` when no neighbour lies
    /// that way (focus stays). `positions` are one per node, in screen
    /// orientation (y down), as drawn.
    pub fn neighbour_towards(
        &self,
        positions: &[[f64; 2]],
        node: usize,
        direction: Direction,
    ) -> Option<usize> {
        let p = *positions.get(node)?;
        let d = direction.vector();
        let mut best: Option<(f64, f64, usize)> = None;
        for link in self.links(node) {
            let j = link.node as usize;
            let Some(q) = positions.get(j) else { continue };
            let v = [q[0] - p[0], q[1] - p[1]];
            let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
            let along = v[0] * d[0] + v[1] * d[1];
            if !(len > 0.0 && along > 0.0) {
                continue;
            }
            let cos = along / len;
            // Links come strongest first, so a strict comparison keeps the stronger on ties.
            let better = match best {
                None => true,
                Some((bc, bl, _)) => cos > bc + 1e-9 || ((cos - bc).abs() <= 1e-9 && len < bl),
            };
            if better {
                best = Some((cos, len, j));
            }
        }
        best.map(|(_, _, j)| j)
    }

    /// What a screen reader says for a node: "Morocco, country, 12 events, 30
    /// links; strongest: Senegal (8 shared events), IOM (5 shared events)"
    /// (at most `k` links named).
    pub fn describe_node(&self, engine: &Engine, node: usize, k: usize) -> String {
        let actors = &engine.dataset().actors;
        let Some(n) = self.nodes.get(node) else {
            return String::new();
        };
        let name = actors.get(n.actor as usize).map_or("", |a| a.name.as_str());
        let degree = self.degree(node);
        let mut out = format!(
            "{name}, {}, {} event{}, {degree} link{}",
            n.kind.as_str(),
            n.events,
            if n.events == 1 { "" } else { "s" },
            if degree == 1 { "" } else { "s" }
        );
        for (i, link) in self.links(node).take(k).enumerate() {
            let other = self.nodes[link.node as usize].actor as usize;
            let other = actors.get(other).map_or("", |a| a.name.as_str());
            let _ = write!(
                out,
                "{}{other} ({} shared event{})",
                if i == 0 { "; strongest: " } else { ", " },
                link.weight,
                if link.weight == 1 { "" } else { "s" }
            );
        }
        out
    }

    /// The edges the picture draws: the [`MAX_DRAWN_EDGES`] strongest.
    pub fn drawn_edges(&self) -> &[NetworkEdge] {
        &self.edges[..self.edges.len().min(MAX_DRAWN_EDGES)]
    }
}

/// Node radius for drawing, in the layout's display units: the node's **area** is
/// proportional to its events (radius `max_r * sqrt(events / max_events)`), and
/// never below `min_r` so that a one-event actor can still be pointed at.
pub fn node_radius(events: u32, max_events: u32, min_r: f64, max_r: f64) -> f64 {
    if max_events == 0 {
        return min_r;
    }
    (max_r * (f64::from(events) / f64::from(max_events)).sqrt()).max(min_r)
}

/// How an actor kind is drawn: a colour from the Okabe–Ito palette (distinguishable
/// with the common colour-vision deficiencies; Okabe & Ito 2008) and a shape, so
/// that kind never rests on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindStyle {
    /// Fill colour, `#rrggbb`.
    pub colour: &'static str,
    /// Shape name: `circle`, `square` or `triangle`.
    pub shape: &'static str,
    /// The legend's word.
    pub label: &'static str,
}

/// The style of each actor kind (countries blue circles, organisations orange
/// squares, persons bluish-green triangles).
pub fn kind_style(kind: ActorKind) -> KindStyle {
    match kind {
        ActorKind::Country => KindStyle {
            colour: "#0072b2",
            shape: "circle",
            label: "Country",
        },
        ActorKind::Organization => KindStyle {
            colour: "#e69f00",
            shape: "square",
            label: "Organization",
        },
        ActorKind::Person => KindStyle {
            colour: "#009e73",
            shape: "triangle",
            label: "Person",
        },
    }
}

/// SVG path data (absolute coordinates) for a node of `shape` centred at (x, y)
/// whose area matches a circle of radius `r`.
pub fn shape_path(shape: &str, x: f64, y: f64, r: f64) -> String {
    match shape {
        "square" => {
            // A square with the circle's area: side r * sqrt(pi).
            let h = r * 0.886_226_925_452_758;
            format!(
                "M{} {}h{}v{}h{}z",
                Fixed(x - h, 1),
                Fixed(y - h, 1),
                Fixed(2.0 * h, 1),
                Fixed(2.0 * h, 1),
                Fixed(-2.0 * h, 1)
            )
        }
        "triangle" => {
            // An equilateral triangle with the circle's area, centred on its centroid.
            let s = r * 2.693_326_403_780_48; // side = r * sqrt(4 pi / sqrt 3)
            let h = s * 0.866_025_403_784_438_6;
            format!(
                "M{} {}L{} {}L{} {}z",
                Fixed(x, 1),
                Fixed(y - 2.0 * h / 3.0, 1),
                Fixed(x + s / 2.0, 1),
                Fixed(y + h / 3.0, 1),
                Fixed(x - s / 2.0, 1),
                Fixed(y + h / 3.0, 1)
            )
        }
        _ => format!(
            "M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0z",
            Fixed(x - r, 1),
            Fixed(y, 1),
            Fixed(2.0 * r, 1),
            Fixed(-2.0 * r, 1),
            r = Fixed(r, 1)
        ),
    }
}

/// Appends `text` for an XML attribute value or text node: [`push_escaped`], and
/// tab, line feed and carriage return as character references, which XML's
/// attribute-value and line-end normalisation would otherwise turn into spaces
/// or drop (XML 1.0 §3.3.3, §2.11): a quote keeps its line breaks.
fn push_attr(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['\t', '\n', '\r']) {
        push_escaped(out, &rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'\t' => "&#9;",
            b'\n' => "&#10;",
            _ => "&#13;",
        });
        rest = &rest[i + 1..];
    }
    push_escaped(out, rest);
}

/// The id a node has in every export: `actor:ID` or `event:ID` (as in `open=`),
/// so that an actor and an event with the same slug stay two nodes.
fn node_id(out: &mut String, prefix: &str, id: &str) {
    out.push_str(prefix);
    push_attr(out, id);
}

const GEXF_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";

fn gexf_meta(out: &mut String, description: &str) {
    out.push_str("  <meta>\n    <creator>Convene</creator>\n    <description>");
    push_attr(out, description);
    out.push_str("</description>\n  </meta>\n");
}

/// What the co-participation exports say about themselves.
fn one_mode_description(engine: &Engine, network: &Network) -> String {
    format!(
        "Co-participation network of {}: actors linked by the events they share in the view \
         (edge weight = shared events, at least {}); {} actors drawn, {} left out by the top-{} cut.",
        engine.dataset().title,
        network.options.min_weight,
        network.nodes.len(),
        network.left_out,
        network.options.top
    )
}

/// The co-participation network as GEXF 1.3 (the format Gephi and Gephi Lite
/// read): undirected, a node per actor (`id` `actor:ID`, `label` its name,
/// attributes `kind` and `events`), an edge per link with its `weight` (shared
/// events). With `positions` (one per node, as [`crate::layout`] returns them),
/// each node carries a `viz:position` so the picture opens as drawn.
pub fn network_gexf(engine: &Engine, network: &Network, positions: Option<&[[f64; 2]]>) -> String {
    let actors = &engine.dataset().actors;
    let mut out =
        String::with_capacity(1024 + network.nodes.len() * 200 + network.edges.len() * 80);
    out.push_str(GEXF_HEAD);
    gexf_meta(&mut out, &one_mode_description(engine, network));
    out.push_str(
        "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n      \
         <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n      \
         <attribute id=\"events\" title=\"events\" type=\"integer\"/>\n    </attributes>\n    <nodes>\n",
    );
    for (i, n) in network.nodes.iter().enumerate() {
        let Some(actor) = actors.get(n.actor as usize) else {
            continue;
        };
        out.push_str("      <node id=\"");
        node_id(&mut out, "actor:", &actor.id);
        out.push_str("\" label=\"");
        push_attr(&mut out, &actor.name);
        let _ = write!(
            out,
            "\">\n        <attvalues>\n          <attvalue for=\"kind\" value=\"{}\"/>\n          \
             <attvalue for=\"events\" value=\"{}\"/>\n        </attvalues>\n",
            n.kind.as_str(),
            n.events
        );
        if let Some(p) = positions.and_then(|p| p.get(i)) {
            let style = kind_style(n.kind);
            let (r, g, b) = rgb(style.colour);
            let _ = writeln!(
                out,
                "        <viz:position x=\"{}\" y=\"{}\" z=\"0.0\"/>\n        \
                 <viz:size value=\"{}\"/>\n        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>",
                Fixed(p[0], 3),
                Fixed(-p[1], 3),
                Fixed(node_radius(n.events, network.max_events(), 2.0, 20.0), 2)
            );
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in network.edges.iter().enumerate() {
        let _ = write!(out, "      <edge id=\"{i}\" source=\"");
        edge_end(&mut out, engine, network, e.a);
        out.push_str("\" target=\"");
        edge_end(&mut out, engine, network, e.b);
        let _ = writeln!(out, "\" weight=\"{}\"/>", e.weight);
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn edge_end(out: &mut String, engine: &Engine, network: &Network, node: u32) {
    let actor = network.nodes[node as usize].actor as usize;
    if let Some(a) = engine.dataset().actors.get(actor) {
        node_id(out, "actor:", &a.id);
    }
}

fn rgb(hex: &str) -> (u8, u8, u8) {
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (byte(1), byte(3), byte(5))
}

const GRAPHML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

fn graphml_data(out: &mut String, key: &str, value: &str) {
    let _ = write!(out, "      <data key=\"{key}\">");
    push_attr(out, value);
    out.push_str("</data>\n");
}

/// The co-participation network as GraphML: keys `label`, `kind`, `events` on
/// nodes (`id` `actor:ID`) and `weight` (shared events) on undirected edges.
pub fn network_graphml(engine: &Engine, network: &Network) -> String {
    let actors = &engine.dataset().actors;
    let mut out =
        String::with_capacity(1024 + network.nodes.len() * 200 + network.edges.len() * 90);
    out.push_str(GRAPHML_HEAD);
    out.push_str(
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n  \
         <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n  \
         <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"int\"/>\n  \
         <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n  \
         <graph id=\"co-participation\" edgedefault=\"undirected\">\n    <desc>",
    );
    push_attr(&mut out, &one_mode_description(engine, network));
    out.push_str("</desc>\n");
    for n in &network.nodes {
        let Some(actor) = actors.get(n.actor as usize) else {
            continue;
        };
        out.push_str("    <node id=\"");
        node_id(&mut out, "actor:", &actor.id);
        out.push_str("\">\n");
        graphml_data(&mut out, "label", &actor.name);
        graphml_data(&mut out, "kind", n.kind.as_str());
        graphml_data(&mut out, "events", &n.events.to_string());
        out.push_str("    </node>\n");
    }
    for (i, e) in network.edges.iter().enumerate() {
        let _ = write!(out, "    <edge id=\"e{i}\" source=\"");
        edge_end(&mut out, engine, network, e.a);
        out.push_str("\" target=\"");
        edge_end(&mut out, engine, network, e.b);
        out.push_str("\">\n");
        graphml_data(&mut out, "weight", &e.weight.to_string());
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The selection's actors and events and the participations that join them,
/// gathered once for both two-mode exports.
struct TwoMode {
    /// Actor indices, ascending, that have a participation in the selection.
    actors: Vec<u32>,
    /// Event indices in the selection's order that have a participation in it.
    events: Vec<u32>,
    /// (participation, event, actor, role), in the selection's order.
    edges: Vec<(u32, u32, u32, Role)>,
}

fn two_mode(engine: &Engine, selection: &Selection) -> TwoMode {
    let d = engine.dataset();
    let mut seen_actor = vec![false; d.actors.len()];
    let mut seen_event = vec![false; d.events.len()];
    let participations = selection.participations(engine);
    let mut edges = Vec::with_capacity(participations.len());
    let mut events = Vec::new();
    for &p in participations {
        let Some((e, a, role)) = engine.participation_keys(p as usize) else {
            continue;
        };
        seen_actor[a as usize] = true;
        if !std::mem::replace(&mut seen_event[e as usize], true) {
            events.push(e);
        }
        edges.push((p, e, a, role));
    }
    let actors = (0..d.actors.len() as u32)
        .filter(|&a| seen_actor[a as usize])
        .collect();
    TwoMode {
        actors,
        events,
        edges,
    }
}

fn two_mode_description(engine: &Engine) -> String {
    format!(
        "Two-mode actor-event network of {}: an edge per participation in the view \
         (attributes role, source and the quote that states it).",
        engine.dataset().title
    )
}

/// The two-mode actor–event graph of the selection as GEXF 1.3: a node per actor
/// (`actor:ID`, `kind` its actor kind) and per event (`event:ID`, `kind` `event`),
/// an undirected edge per participation of the selection with attributes `role`,
/// `source` (the source id), `source_title` and `quote`, and `kind` set to the
/// role (GEXF 1.3's edge kind, which lets an actor hold several roles at one event
/// as parallel edges).
pub fn two_mode_gexf(engine: &Engine, selection: &Selection) -> String {
    let d = engine.dataset();
    let g = two_mode(engine, selection);
    let mut out = String::with_capacity(2048 + g.edges.len() * 300);
    out.push_str(GEXF_HEAD);
    gexf_meta(&mut out, &two_mode_description(engine));
    out.push_str(
        "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n      \
         <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n    \
         <attributes class=\"edge\">\n",
    );
    for key in TWO_MODE_EDGE_KEYS {
        let _ = writeln!(
            out,
            "      <attribute id=\"{key}\" title=\"{key}\" type=\"string\"/>"
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    let node = |out: &mut String, prefix: &str, id: &str, label: &str, kind: &str| {
        out.push_str("      <node id=\"");
        node_id(out, prefix, id);
        out.push_str("\" label=\"");
        push_attr(out, label);
        let _ = write!(
            out,
            "\">\n        <attvalues><attvalue for=\"kind\" value=\"{kind}\"/></attvalues>\n      </node>\n"
        );
    };
    for &a in &g.actors {
        let actor = &d.actors[a as usize];
        node(
            &mut out,
            "actor:",
            &actor.id,
            &actor.name,
            actor.kind.as_str(),
        );
    }
    for &e in &g.events {
        let event = &d.events[e as usize];
        node(&mut out, "event:", &event.id, &event.name, "event");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, &(p, e, a, role)) in g.edges.iter().enumerate() {
        let part = &d.participations[p as usize];
        let _ = write!(out, "      <edge id=\"{i}\" source=\"");
        node_id(&mut out, "actor:", &d.actors[a as usize].id);
        out.push_str("\" target=\"");
        node_id(&mut out, "event:", &d.events[e as usize].id);
        let _ = write!(
            out,
            "\" kind=\"{}\" weight=\"1\">\n        <attvalues>\n",
            role.as_str()
        );
        for (key, value) in TWO_MODE_EDGE_KEYS
            .iter()
            .zip(two_mode_edge_values(engine, part, role))
        {
            let _ = write!(out, "          <attvalue for=\"{key}\" value=\"");
            push_attr(&mut out, value);
            out.push_str("\"/>\n");
        }
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// The attributes of a two-mode edge (a participation), in both formats.
const TWO_MODE_EDGE_KEYS: [&str; 4] = ["role", "source", "source_title", "quote"];

/// A participation's values for [`TWO_MODE_EDGE_KEYS`]: its role, source id, the
/// source's title ("" when the source is not listed) and quote ("" when none).
fn two_mode_edge_values<'a>(
    engine: &'a Engine,
    part: &'a crate::model::Participation,
    role: Role,
) -> [&'a str; 4] {
    [
        role.as_str(),
        &part.source,
        source_title(engine, &part.source),
        part.quote.as_deref().unwrap_or_default(),
    ]
}

fn source_title<'a>(engine: &'a Engine, source: &str) -> &'a str {
    engine
        .source_index(source)
        .and_then(|s| engine.dataset().sources.get(s))
        .map_or("", |s| s.title.as_str())
}

/// The two-mode actor–event graph of the selection as GraphML: node keys `label`
/// and `kind` (the actor kind, or `event`), an undirected edge per participation
/// with keys `role`, `source`, `source_title` and `quote`.
pub fn two_mode_graphml(engine: &Engine, selection: &Selection) -> String {
    let d = engine.dataset();
    let g = two_mode(engine, selection);
    let mut out = String::with_capacity(2048 + g.edges.len() * 300);
    out.push_str(GRAPHML_HEAD);
    out.push_str(
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n  \
         <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
    );
    for key in TWO_MODE_EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{key}\" for=\"edge\" attr.name=\"{key}\" attr.type=\"string\"/>"
        );
    }
    out.push_str("  <graph id=\"actor-event\" edgedefault=\"undirected\">\n    <desc>");
    push_attr(&mut out, &two_mode_description(engine));
    out.push_str("</desc>\n");
    let node = |out: &mut String, prefix: &str, id: &str, label: &str, kind: &str| {
        out.push_str("    <node id=\"");
        node_id(out, prefix, id);
        out.push_str("\">\n");
        graphml_data(out, "label", label);
        graphml_data(out, "kind", kind);
        out.push_str("    </node>\n");
    };
    for &a in &g.actors {
        let actor = &d.actors[a as usize];
        node(
            &mut out,
            "actor:",
            &actor.id,
            &actor.name,
            actor.kind.as_str(),
        );
    }
    for &e in &g.events {
        let event = &d.events[e as usize];
        node(&mut out, "event:", &event.id, &event.name, "event");
    }
    for (i, &(p, e, a, role)) in g.edges.iter().enumerate() {
        let part = &d.participations[p as usize];
        let _ = write!(out, "    <edge id=\"p{i}\" source=\"");
        node_id(&mut out, "actor:", &d.actors[a as usize].id);
        out.push_str("\" target=\"");
        node_id(&mut out, "event:", &d.events[e as usize].id);
        out.push_str("\">\n");
        for (key, value) in TWO_MODE_EDGE_KEYS
            .iter()
            .zip(two_mode_edge_values(engine, part, role))
        {
            graphml_data(&mut out, key, value);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The drawn network as a standalone SVG document (`width` x `height` user
/// units): a title, the edges ([`Network::drawn_edges`], stroke width by weight), the nodes (area by
/// events, kind by shape and Okabe–Ito colour, each with a `<title>` naming the
/// actor and its events), the names of the 20 largest nodes, a legend, and the
/// top-N note when actors are left out. `positions` are one per node, in any
/// units: they are fitted into the drawing area.
pub fn network_svg(
    engine: &Engine,
    network: &Network,
    positions: &[[f64; 2]],
    title: &str,
    width: f64,
    height: f64,
) -> String {
    let actors = &engine.dataset().actors;
    let fit = Fit::new(positions, 20.0, 50.0, width - 40.0, height - 110.0);
    let mut out = String::with_capacity(4096 + network.nodes.len() * 300);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<title>",
        w = Fixed(width, 0),
        h = Fixed(height, 0)
    );
    push_escaped(&mut out, title);
    out.push_str("</title>\n<text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">");
    push_escaped(&mut out, title);
    out.push_str("</text>\n<g stroke=\"#8a8a8a\" stroke-opacity=\"0.6\" fill=\"none\">\n");
    let max_w = network.edges.first().map_or(1, |e| e.weight).max(1);
    for e in network.drawn_edges() {
        let (Some(p), Some(q)) = (positions.get(e.a as usize), positions.get(e.b as usize)) else {
            continue;
        };
        let (x1, y1) = fit.map(*p);
        let (x2, y2) = fit.map(*q);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"/>",
            Fixed(x1, 1),
            Fixed(y1, 1),
            Fixed(x2, 1),
            Fixed(y2, 1),
            Fixed(edge_width(e.weight, max_w), 2)
        );
    }
    out.push_str("</g>\n<g stroke=\"#ffffff\" stroke-width=\"1\">\n");
    let max_events = network.max_events();
    // Small nodes last, so they are not hidden under large ones.
    for (i, n) in network.nodes.iter().enumerate().rev() {
        let (Some(p), Some(actor)) = (positions.get(i), actors.get(n.actor as usize)) else {
            continue;
        };
        let (x, y) = fit.map(*p);
        let style = kind_style(n.kind);
        let r = node_radius(n.events, max_events, 3.0, 18.0);
        let _ = write!(
            out,
            "<path d=\"{}\" fill=\"{}\"><title>",
            shape_path(style.shape, x, y, r),
            style.colour
        );
        push_escaped(&mut out, &actor.name);
        let _ = writeln!(
            out,
            " ({} event{})</title></path>",
            n.events,
            if n.events == 1 { "" } else { "s" }
        );
    }
    out.push_str("</g>\n<g fill=\"#1a1a1a\">\n");
    for (i, n) in network.nodes.iter().enumerate().take(20) {
        let (Some(p), Some(actor)) = (positions.get(i), actors.get(n.actor as usize)) else {
            continue;
        };
        let (x, y) = fit.map(*p);
        let r = node_radius(n.events, max_events, 3.0, 18.0);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">",
            Fixed(x + r + 2.0, 1),
            Fixed(y + 4.0, 1)
        );
        push_escaped(&mut out, &actor.name);
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n");
    let legend_y = height - 40.0;
    for (k, kind) in ActorKind::ALL.into_iter().enumerate() {
        let style = kind_style(kind);
        let x = 20.0 + 140.0 * k as f64;
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            shape_path(style.shape, x + 6.0, legend_y, 6.0),
            style.colour,
            Fixed(x + 16.0, 0),
            Fixed(legend_y + 4.0, 0),
            style.label
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"440\" y=\"{}\">Node area: events in the view. Line width: shared events.</text>",
        Fixed(legend_y + 4.0, 0)
    );
    if let Some(note) = network.left_out_note() {
        let _ = write!(out, "<text x=\"20\" y=\"{}\">", Fixed(legend_y + 22.0, 0));
        push_escaped(&mut out, &note);
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Line width for an edge: 0.5 to 4 user units, by the square root of its share
/// of the strongest weight.
pub fn edge_width(weight: u32, max_weight: u32) -> f64 {
    0.5 + 3.5
        * (f64::from(weight) / f64::from(max_weight.max(1)))
            .sqrt()
            .min(1.0)
}

/// Pan and zoom of the picture: drawn point `p` shows at `k * p + (x, y)` (the
/// SVG transform `translate(x y) scale(k)`, in the drawing's user units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    /// Horizontal translation (user units).
    pub x: f64,
    /// Vertical translation (user units).
    pub y: f64,
    /// Scale, within [`Zoom::MIN_SCALE`]..=[`Zoom::MAX_SCALE`].
    pub k: f64,
}

impl Zoom {
    /// No pan, no zoom.
    pub const IDENTITY: Zoom = Zoom {
        x: 0.0,
        y: 0.0,
        k: 1.0,
    };
    /// The smallest scale (a quarter: the whole picture and room around it).
    pub const MIN_SCALE: f64 = 0.25;
    /// The largest scale (12 times: two nodes a pixel apart become distinguishable).
    pub const MAX_SCALE: f64 = 12.0;

    /// Zoomed by `factor` about the screen point (`cx`, `cy`) (user units): the
    /// drawn point under it stays under it. The scale is clamped to
    /// [`Zoom::MIN_SCALE`]..=[`Zoom::MAX_SCALE`] (then the point still stays).
    pub fn around(self, factor: f64, cx: f64, cy: f64) -> Zoom {
        let k = (self.k * factor).clamp(Zoom::MIN_SCALE, Zoom::MAX_SCALE);
        let f = k / self.k;
        Zoom {
            x: cx - (cx - self.x) * f,
            y: cy - (cy - self.y) * f,
            k,
        }
    }

    /// A two-finger pinch from the screen points `from` to `to` (user units,
    /// finger 1 and finger 2): zooms by the ratio of the fingers' distances about
    /// the new midpoint, and pans by the midpoint's move, so the drawn point under
    /// the old midpoint ends under the new one. Unchanged when either distance is 0.
    pub fn pinch(self, from: [[f64; 2]; 2], to: [[f64; 2]; 2]) -> Zoom {
        let dist =
            |p: [[f64; 2]; 2]| ((p[0][0] - p[1][0]).powi(2) + (p[0][1] - p[1][1]).powi(2)).sqrt();
        let mid = |p: [[f64; 2]; 2]| [(p[0][0] + p[1][0]) / 2.0, (p[0][1] + p[1][1]) / 2.0];
        let (d0, d1) = (dist(from), dist(to));
        if !(d0 > 0.0 && d1 > 0.0) {
            return self;
        }
        let (m0, m1) = (mid(from), mid(to));
        // Pan first (the old midpoint's drawn point moves under the new one), then zoom there.
        let panned = Zoom {
            x: self.x + m1[0] - m0[0],
            y: self.y + m1[1] - m0[1],
            k: self.k,
        };
        panned.around(d1 / d0, m1[0], m1[1])
    }

    /// The SVG `transform` attribute: `translate(x y) scale(k)`.
    pub fn transform(self) -> String {
        format!(
            "translate({} {}) scale({})",
            Fixed(self.x, 2),
            Fixed(self.y, 2),
            Fixed(self.k, 4)
        )
    }
}

/// Maps layout coordinates into a box, keeping the aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    scale: f64,
    dx: f64,
    dy: f64,
}

impl Fit {
    /// The map that fits every point of `positions` into the box at (`x`, `y`) of
    /// size `w` x `h`, centred; a single point (or none) goes to the centre.
    pub fn new(positions: &[[f64; 2]], x: f64, y: f64, w: f64, h: f64) -> Fit {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in positions
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
        {
            x0 = x0.min(p[0]);
            x1 = x1.max(p[0]);
            y0 = y0.min(p[1]);
            y1 = y1.max(p[1]);
        }
        if x0 > x1 {
            return Fit {
                scale: 1.0,
                dx: x + w / 2.0,
                dy: y + h / 2.0,
            };
        }
        // One scale for both axes (no distortion), as large as the box allows.
        let sx = if x1 > x0 { w / (x1 - x0) } else { f64::MAX };
        let sy = if y1 > y0 { h / (y1 - y0) } else { f64::MAX };
        let scale = match sx.min(sy) {
            s if s < f64::MAX && s.is_finite() => s,
            _ => 1.0,
        };
        Fit {
            scale,
            dx: x + w / 2.0 - scale * (x0 + x1) / 2.0,
            dy: y + h / 2.0 - scale * (y0 + y1) / 2.0,
        }
    }

    /// A layout point in the box's coordinates.
    pub fn map(&self, p: [f64; 2]) -> (f64, f64) {
        (self.dx + self.scale * p[0], self.dy + self.scale * p[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_text_keeps_line_breaks_as_references() {
        let mut out = String::new();
        push_attr(&mut out, "a\tb\nc\r\nd<\"é\u{1}");
        assert_eq!(out, "a&#9;b&#10;c&#13;&#10;d&lt;&quot;é");
    }

    #[test]
    fn radius_gives_area_by_events() {
        assert_eq!(node_radius(4, 4, 1.0, 10.0), 10.0);
        assert!((node_radius(1, 4, 1.0, 10.0) - 5.0).abs() < 1e-9);
        assert_eq!(node_radius(0, 4, 1.0, 10.0), 1.0);
        assert_eq!(node_radius(3, 0, 1.0, 10.0), 1.0);
    }

    #[test]
    fn fit_keeps_points_in_the_box() {
        let pts = [[-5.0, 2.0], [5.0, 4.0], [0.0, -3.0]];
        let f = Fit::new(&pts, 0.0, 0.0, 100.0, 50.0);
        for p in pts {
            let (x, y) = f.map(p);
            let e = 1e-9;
            assert!(
                (-e..=100.0 + e).contains(&x) && (-e..=50.0 + e).contains(&y),
                "{x} {y}"
            );
        }
        // A wide layout fills the box's width, a tall one its height.
        // Here the height binds: the lowest point is at the box's top.
        assert!(f.map([0.0, -3.0]).1.abs() < 1e-9);
        let wide = Fit::new(&[[0.0, 0.0], [10.0, 1.0]], 0.0, 0.0, 100.0, 50.0);
        assert!(wide.map([0.0, 0.0]).0.abs() < 1e-9);
        assert!((wide.map([10.0, 1.0]).0 - 100.0).abs() < 1e-9);
        let one = Fit::new(&[[3.0, 3.0]], 0.0, 0.0, 100.0, 50.0);
        assert_eq!(one.map([3.0, 3.0]), (50.0, 25.0));
        let row = Fit::new(&[[0.0, 2.0], [4.0, 2.0]], 0.0, 0.0, 100.0, 50.0);
        let (x, y) = row.map([0.0, 2.0]);
        assert!(x.abs() < 1e-9 && (y - 25.0).abs() < 1e-9);
    }
}
