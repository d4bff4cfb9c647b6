//! ForceAtlas2 layout of a weighted undirected graph (Jacomy, Venturini,
//! Heymann & Bastian 2014, "ForceAtlas2, a continuous graph layout algorithm for
//! handy network visualization designed for the Gephi software", PLoS ONE 9(6)).
//!
//! # The forces (the paper's §"Forces", Gephi's defaults)
//!
//! - Mass of a node: its degree + 1.
//! - Repulsion between every two nodes: `kr * (deg1 + 1)(deg2 + 1) / d`
//!   ([`Fa2Settings::scaling`] is `kr`), approximated past
//!   [`BARNES_HUT_FROM`] nodes with a Barnes–Hut quadtree
//!   ([`Fa2Settings::theta`], Gephi's 1.2).
//! - Attraction along an edge: `w * d` (linear, "linLog" off, edge weight influence 1).
//! - Gravity towards the origin: `kg * (deg + 1)` ([`Fa2Settings::gravity`]).
//! - Speed: the paper's adaptive local and global speed. Each node's *swinging*
//!   (how much its force changed direction since the last step) slows it
//!   (`speed / (1 + sqrt(speed * swinging))`), the global speed follows the ratio
//!   of total traction to total swinging, with Gephi's jitter tolerance (1) and
//!   its bounds (global speed rises by at most half per step).
//!
//! # Determinism and stability
//!
//! No randomness and no clock: a node's starting point is its previous position
//! when one is given (by actor id), otherwise a point derived from a hash (FNV-1a)
//! of its id, placed near its already-placed neighbours when it has some. The
//! arithmetic is IEEE `f64` with `+ - * / sqrt` only (no `sin`, `cos`, `exp`,
//! whose last bits vary between libm builds), so the same input gives the same
//! positions bit for bit, natively and in wasm. Starting from the previous
//! picture and running fewer steps ([`Fa2Settings::continued`]) keeps a small
//! filter change from making the picture jump.
//!
//! # Why not a crate
//!
//! The `forceatlas2` crate (0.8) is AGPL-3.0-only, which Convene's MIT OR
//! Apache-2.0 licence cannot take, and it draws `rand` for its starting
//! positions. Other force-layout crates (`fdg-sim` and successors) bring
//! `petgraph`, `glam` and `rand` and implement Fruchterman–Reingold only. The
//! algorithm is two hundred lines here, with no dependency and nothing the wasm
//! does not already hold.

/// From this many nodes on, repulsion uses the Barnes–Hut approximation (below
/// it, the exact O(n²) sum is faster and exact).
pub const BARNES_HUT_FROM: usize = 300;

/// ForceAtlas2 parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fa2Settings {
    /// Steps to run.
    pub iterations: u32,
    /// Repulsion scaling `kr` (Gephi: 10 under 100 nodes, else 2).
    pub scaling: f64,
    /// Gravity `kg` (Gephi: 1).
    pub gravity: f64,
    /// Barnes–Hut opening criterion (cell size / distance below which a cell acts
    /// as one body; Gephi: 1.2).
    pub theta: f64,
    /// Jitter tolerance (Gephi: 1).
    pub jitter_tolerance: f64,
    /// Global speed at the first step (Gephi: 1). The adaptive speed rises from
    /// it by at most half per step, so a low start moves a settled picture gently.
    pub initial_speed: f64,
    /// From this many nodes on, repulsion uses the Barnes–Hut quadtree; below,
    /// the exact sum ([`BARNES_HUT_FROM`] by default; `0` always approximates,
    /// `usize::MAX` never does: the browser benchmark states which it ran).
    pub barnes_hut_from: usize,
}

impl Fa2Settings {
    /// Gephi's defaults for a graph of `n` nodes, with `iterations` steps: 200 for
    /// a fresh layout of up to 300 nodes, fewer above so that the 1,000-node cap
    /// stays within the time budget.
    pub fn for_nodes(n: usize) -> Fa2Settings {
        Fa2Settings {
            iterations: if n <= 300 { 200 } else { 120 },
            scaling: if n < 100 { 10.0 } else { 2.0 },
            gravity: 1.0,
            theta: 1.2,
            jitter_tolerance: 1.0,
            initial_speed: 1.0,
            barnes_hut_from: BARNES_HUT_FROM,
        }
    }

    /// The same settings for continuing from a previous picture: a quarter of the
    /// steps (at least 30), enough to settle a small change, starting at a low
    /// speed (`0.01`) so that a settled picture is not shaken by the first step.
    pub fn continued(self) -> Fa2Settings {
        Fa2Settings {
            iterations: (self.iterations / 4).max(30),
            initial_speed: 0.01,
            ..self
        }
    }
}

/// A graph to lay out: `n` nodes with string ids, weighted undirected edges.
///
/// This module knows nothing of where the graph comes from; the co-participation
/// network builds one with `Network::layout_input` (so `layout` does not depend
/// on `network`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutInput<'a> {
    /// One id per node (actor ids): they seed starting points and match previous positions.
    pub ids: Vec<&'a str>,
    /// Edges as (node, node, weight); weights should be positive. Self-loops and
    /// out-of-range ends are ignored.
    pub edges: Vec<(u32, u32, f64)>,
}

/// FNV-1a 64-bit hash of a string: a stable seed that needs no dependency.
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // A final mix so that ids differing in one last byte land far apart.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ h >> 33
}

/// A point in [-1, 1)² from a hash.
fn unit_point(h: u64) -> [f64; 2] {
    let x = (h >> 11) as f64 / (1u64 << 53) as f64;
    let y = (h.rotate_left(32) >> 11) as f64 / (1u64 << 53) as f64;
    [2.0 * x - 1.0, 2.0 * y - 1.0]
}

/// Starting positions: previous ones where known; otherwise the mean of the
/// already-placed neighbours plus a small hashed offset, or a hashed point in a
/// square whose side grows with the square root of `n`. Coinciding points are
/// then moved apart by hashed offsets, so every pair starts at a distance.
pub fn initial_positions(
    input: &LayoutInput<'_>,
    previous: &dyn Fn(&str) -> Option<[f64; 2]>,
) -> Vec<[f64; 2]> {
    let n = input.ids.len();
    let spread = 10.0 * (n as f64).sqrt().max(1.0);
    let mut pos: Vec<Option<[f64; 2]>> = input
        .ids
        .iter()
        .map(|id| previous(id).filter(|p| p[0].is_finite() && p[1].is_finite()))
        .collect();
    let adjacency = adjacency(n, &input.edges);
    let any_previous = pos.iter().any(Option::is_some);
    for i in 0..n {
        if pos[i].is_some() {
            continue;
        }
        let h = fnv1a(input.ids[i]);
        let u = unit_point(h);
        let placed: Vec<[f64; 2]> = if any_previous {
            adjacency[i]
                .iter()
                .filter_map(|&(j, _)| pos[j as usize])
                .collect()
        } else {
            Vec::new()
        };
        pos[i] = Some(if placed.is_empty() {
            [u[0] * spread, u[1] * spread]
        } else {
            let k = placed.len() as f64;
            let cx = placed.iter().map(|p| p[0]).sum::<f64>() / k;
            let cy = placed.iter().map(|p| p[1]).sum::<f64>() / k;
            [cx + u[0] * 2.0, cy + u[1] * 2.0]
        });
    }
    let mut pos: Vec<[f64; 2]> = pos.into_iter().map(|p| p.unwrap_or([0.0, 0.0])).collect();
    separate_duplicates(&mut pos, &input.ids);
    pos
}

/// Moves every point that coincides with an earlier one by a hashed offset
/// (repeated until no two coincide; each round is deterministic).
fn separate_duplicates(pos: &mut [[f64; 2]], ids: &[&str]) {
    for round in 0..8u64 {
        // Stable, so equal positions keep ascending indices.
        let order: Vec<usize> = crate::sort::order_by_cmp(pos.len(), &|a, b| {
            (pos[a][0].to_bits(), pos[a][1].to_bits())
                .cmp(&(pos[b][0].to_bits(), pos[b][1].to_bits()))
        })
        .into_iter()
        .map(|i| i as usize)
        .collect();
        let mut moved = false;
        for w in order.windows(2) {
            if pos[w[0]] == pos[w[1]] {
                let u = unit_point(fnv1a(ids[w[1]]) ^ round.wrapping_mul(0x9e37_79b9_7f4a_7c15));
                let scale = 0.01 * (1.0 + pos[w[1]][0].abs().max(pos[w[1]][1].abs()));
                pos[w[1]][0] += u[0] * scale + scale * 0.5;
                pos[w[1]][1] += u[1] * scale;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

fn adjacency(n: usize, edges: &[(u32, u32, f64)]) -> Vec<Vec<(u32, f64)>> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        if a != b && (a as usize) < n && (b as usize) < n && w.is_finite() {
            adj[a as usize].push((b, w));
            adj[b as usize].push((a, w));
        }
    }
    adj
}

/// Lays the graph out with ForceAtlas2 from [`initial_positions`] and returns one
/// position per node (in layout units, centred near the origin; fit them to the
/// screen with the network's `Fit`). Never NaN or infinite: isolated nodes,
/// a single node, no nodes and coinciding starting points are all handled.
pub fn force_atlas2(
    input: &LayoutInput<'_>,
    previous: &dyn Fn(&str) -> Option<[f64; 2]>,
    settings: &Fa2Settings,
) -> Vec<[f64; 2]> {
    let mut pos = initial_positions(input, previous);
    run(&mut pos, &input.edges, settings);
    pos
}

/// Runs `settings.iterations` ForceAtlas2 steps on `pos` in place.
pub fn run(pos: &mut [[f64; 2]], edges: &[(u32, u32, f64)], settings: &Fa2Settings) {
    let n = pos.len();
    if n == 0 {
        return;
    }
    let edges: Vec<(u32, u32, f64)> = edges
        .iter()
        .copied()
        .filter(|&(a, b, w)| a != b && (a as usize) < n && (b as usize) < n && w.is_finite())
        .collect();
    let mut mass = vec![1.0f64; n];
    for &(a, b, _) in &edges {
        mass[a as usize] += 1.0;
        mass[b as usize] += 1.0;
    }
    let mut force = vec![[0.0f64; 2]; n];
    let mut old_force = vec![[0.0f64; 2]; n];
    let mut speed = if settings.initial_speed > 0.0 {
        settings.initial_speed
    } else {
        1.0
    };
    let mut speed_efficiency = 1.0f64;
    let mut tree = QuadTree::default();
    let mut stack = Vec::new();
    for _ in 0..settings.iterations {
        std::mem::swap(&mut force, &mut old_force);
        force.fill([0.0, 0.0]);
        // Repulsion.
        if n >= settings.barnes_hut_from {
            tree.build(pos, &mass);
            for i in 0..n {
                force[i] = tree.repulsion(
                    i,
                    pos[i],
                    mass[i],
                    settings.scaling,
                    settings.theta,
                    &mut stack,
                );
            }
        } else {
            for i in 0..n {
                for j in i + 1..n {
                    let dx = pos[i][0] - pos[j][0];
                    let dy = pos[i][1] - pos[j][1];
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 {
                        let f = settings.scaling * mass[i] * mass[j] / d2;
                        force[i][0] += dx * f;
                        force[i][1] += dy * f;
                        force[j][0] -= dx * f;
                        force[j][1] -= dy * f;
                    }
                }
            }
        }
        // Gravity.
        for i in 0..n {
            let d = (pos[i][0] * pos[i][0] + pos[i][1] * pos[i][1]).sqrt();
            if d > 0.0 {
                let f = settings.gravity * mass[i] / d;
                force[i][0] -= pos[i][0] * f;
                force[i][1] -= pos[i][1] * f;
            }
        }
        // Attraction (linear in distance, times the edge weight).
        for &(a, b, w) in &edges {
            let (a, b) = (a as usize, b as usize);
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            force[a][0] -= dx * w;
            force[a][1] -= dy * w;
            force[b][0] += dx * w;
            force[b][1] += dy * w;
        }
        // Adaptive speed (Gephi's ForceAtlas2.java).
        let mut total_swinging = 0.0;
        let mut total_traction = 0.0;
        for i in 0..n {
            let sx = old_force[i][0] - force[i][0];
            let sy = old_force[i][1] - force[i][1];
            total_swinging += mass[i] * (sx * sx + sy * sy).sqrt();
            let tx = old_force[i][0] + force[i][0];
            let ty = old_force[i][1] + force[i][1];
            total_traction += 0.5 * mass[i] * (tx * tx + ty * ty).sqrt();
        }
        if total_swinging == 0.0 && total_traction == 0.0 {
            // No force at all: the layout is at rest.
            break;
        }
        if total_swinging > 0.0
            && total_traction > 0.0
            && total_swinging.is_finite()
            && total_traction.is_finite()
        {
            let nf = n as f64;
            let estimated = 0.05 * nf.sqrt();
            let min_jt = estimated.sqrt();
            let max_jt: f64 = 10.0;
            let mut jt = settings.jitter_tolerance
                * min_jt.max(max_jt.min(estimated * total_traction / (nf * nf)));
            let min_efficiency = 0.05;
            if total_swinging / total_traction > 2.0 {
                if speed_efficiency > min_efficiency {
                    speed_efficiency *= 0.5;
                }
                jt = jt.max(settings.jitter_tolerance);
            }
            let target = jt * speed_efficiency * total_traction / total_swinging;
            if total_swinging > jt * total_traction {
                if speed_efficiency > min_efficiency {
                    speed_efficiency *= 0.7;
                }
            } else if speed < 1000.0 {
                speed_efficiency *= 1.3;
            }
            let max_rise = 0.5;
            speed += (target - speed).min(max_rise * speed);
            if !(speed.is_finite() && speed > 0.0) {
                speed = 1e-6;
            }
        }
        // Move.
        for i in 0..n {
            let sx = old_force[i][0] - force[i][0];
            let sy = old_force[i][1] - force[i][1];
            let swinging = mass[i] * (sx * sx + sy * sy).sqrt();
            let factor = speed / (1.0 + (speed * swinging).sqrt());
            let (nx, ny) = (
                pos[i][0] + force[i][0] * factor,
                pos[i][1] + force[i][1] * factor,
            );
            if nx.is_finite() && ny.is_finite() {
                pos[i] = [nx, ny];
            }
        }
    }
}

const NO_CHILD: u32 = u32::MAX;
/// Depth at which a cell stops splitting (bodies closer than the root size / 2^24
/// share a leaf, whose bodies are then summed exactly).
const MAX_DEPTH: u32 = 24;

/// A Barnes–Hut quadtree in an arena: cells with mass and centre of mass, each
/// leaf holding a range of `bodies`.
#[derive(Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    bodies: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Side length.
    size: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    children: [u32; 4],
    /// Leaf: its range in `bodies`; inner cells have an empty range.
    first: u32,
    end: u32,
}

impl QuadTree {
    fn build(&mut self, pos: &[[f64; 2]], mass: &[f64]) {
        self.cells.clear();
        self.bodies.clear();
        self.bodies.extend(0..pos.len() as u32);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9);
        let n = pos.len();
        self.split(pos, mass, 0, n, x0, y0, size, 0);
    }

    /// Builds the cell over `bodies[start..end]` (square at (x0, y0) of side
    /// `size`) and its subtree; returns its index.
    #[allow(clippy::too_many_arguments)]
    fn split(
        &mut self,
        pos: &[[f64; 2]],
        mass: &[f64],
        start: usize,
        end: usize,
        x0: f64,
        y0: f64,
        size: f64,
        depth: u32,
    ) -> u32 {
        let index = self.cells.len() as u32;
        let (mut m, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &b in &self.bodies[start..end] {
            let b = b as usize;
            m += mass[b];
            sx += mass[b] * pos[b][0];
            sy += mass[b] * pos[b][1];
        }
        self.cells.push(Cell {
            size,
            mass: m,
            cx: sx / m,
            cy: sy / m,
            children: [NO_CHILD; 4],
            first: start as u32,
            end: end as u32,
        });
        if end - start <= 1 || depth >= MAX_DEPTH {
            return index;
        }
        // Partition into quadrants: first by x (left half), then each half by y.
        let half = size / 2.0;
        let (mx, my) = (x0 + half, y0 + half);
        let slice = &mut self.bodies[start..end];
        let left = partition(slice, |b| pos[b as usize][0] < mx);
        let bottom_left = partition(&mut slice[..left], |b| pos[b as usize][1] < my);
        let bottom_right = partition(&mut slice[left..], |b| pos[b as usize][1] < my);
        let bounds = [
            (start, start + bottom_left, x0, y0),
            (start + bottom_left, start + left, x0, my),
            (start + left, start + left + bottom_right, mx, y0),
            (start + left + bottom_right, end, mx, my),
        ];
        let mut children = [NO_CHILD; 4];
        for (k, &(s, e, cx0, cy0)) in bounds.iter().enumerate() {
            if e > s {
                children[k] = self.split(pos, mass, s, e, cx0, cy0, half, depth + 1);
            }
        }
        let cell = &mut self.cells[index as usize];
        cell.children = children;
        cell.first = 0;
        cell.end = 0;
        index
    }

    /// The repulsion on body `i` at `p` with mass `m`.
    fn repulsion(
        &self,
        i: usize,
        p: [f64; 2],
        m: f64,
        kr: f64,
        theta: f64,
        stack: &mut Vec<u32>,
    ) -> [f64; 2] {
        let mut f = [0.0, 0.0];
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            let dx = p[0] - cell.cx;
            let dy = p[1] - cell.cy;
            let d2 = dx * dx + dy * dy;
            let leaf = cell.children == [NO_CHILD; 4];
            if leaf {
                if cell.end - cell.first == 1 {
                    if self.bodies[cell.first as usize] as usize != i && d2 > 0.0 {
                        let k = kr * m * cell.mass / d2;
                        f[0] += dx * k;
                        f[1] += dy * k;
                    }
                    continue;
                }
                // Several bodies (depth limit): treat the others as one body.
                let own = self.bodies[cell.first as usize..cell.end as usize]
                    .iter()
                    .any(|&b| b as usize == i);
                let other_mass = if own { cell.mass - m } else { cell.mass };
                if other_mass > 0.0 && d2 > 0.0 {
                    let k = kr * m * other_mass / d2;
                    f[0] += dx * k;
                    f[1] += dy * k;
                }
                continue;
            }
            if cell.size * cell.size < theta * theta * d2 {
                let k = kr * m * cell.mass / d2;
                f[0] += dx * k;
                f[1] += dy * k;
            } else {
                stack.extend(cell.children.iter().copied().filter(|&k| k != NO_CHILD));
            }
        }
        f
    }
}

/// Moves the items for which `left` holds to the front; returns how many.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut k = 0;
    for i in 0..items.len() {
        if left(items[i]) {
            items.swap(i, k);
            k += 1;
        }
    }
    k
}

/// The mean distance a node moved between two layouts (same length), divided by
/// the larger side of the first layout's bounding box: 0 means no move, 1 a move
/// across the whole picture. For stability tests and diagnostics.
pub fn relative_displacement(before: &[[f64; 2]], after: &[[f64; 2]]) -> f64 {
    let n = before.len().min(after.len());
    if n == 0 {
        return 0.0;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in before {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let extent = (x1 - x0).max(y1 - y0);
    let total: f64 = (0..n)
        .map(|i| {
            let dx = after[i][0] - before[i][0];
            let dy = after[i][1] - before[i][1];
            (dx * dx + dy * dy).sqrt()
        })
        .sum();
    if extent > 0.0 {
        total / n as f64 / extent
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_points_are_spread() {
        let a = unit_point(fnv1a("mar"));
        let b = unit_point(fnv1a("mas"));
        assert!(a != b);
        for p in [a, b] {
            assert!((-1.0..1.0).contains(&p[0]) && (-1.0..1.0).contains(&p[1]));
        }
    }

    #[test]
    fn duplicates_are_separated() {
        let ids = ["a", "b", "c"];
        let mut pos = vec![[1.0, 1.0]; 3];
        separate_duplicates(&mut pos, &ids);
        assert!(
            pos[0] != pos[1] && pos[1] != pos[2] && pos[0] != pos[2],
            "{pos:?}"
        );
    }
}
