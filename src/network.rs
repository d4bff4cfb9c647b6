//! The network view: the co-participation network of the selection, laid out by
//! the core's ForceAtlas2, drawn as SVG, with a "Strongest links" table.
//!
//! Every rule (nodes, weights, cuts, layout, styles, which neighbour an arrow key
//! reaches, what a node's description says) lives in `convene_core::network` and
//! `convene_core::layout`; this module draws and handles input.
//!
//! Keyboard: nodes are in the DOM from largest to smallest with one tab stop
//! (roving tabindex); arrow keys move to the neighbour that way, Home / End and
//! Page Up / Page Down step through the nodes by size, Enter opens the actor's
//! page; `+`, `-` and `0` zoom and reset, Shift + arrows pan.

use crate::i18n::{self as i18n, t, tf};
use convene_core::i18n::Key;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use convene_core::decimal::Fixed;
use convene_core::engine::{Engine, Selection};
use convene_core::layout::{force_atlas2, Fa2Settings};
use convene_core::model::ActorKind;
use convene_core::network::{
    build_network, edge_width, kind_style, matrix_of_pair, network_gexf, network_graphml,
    network_svg, node_radius, shape_path, two_mode_gexf, two_mode_graphml, Direction, Fit, Network,
    NetworkOptions, NodeLabel, Zoom, STRONGEST_LINKS_ROWS,
};
use convene_core::view::{EmbedPart, Open};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::dom::{
    self, attr, child, child_text, keep_children, nth_child, svg_child, svg_element, text, Links,
    Slot,
};
use crate::explorer::download;
use crate::history::HistoryMode;
use crate::nav::Nav;

/// The drawing's user units (the SVG's viewBox).
const W: f64 = 1000.0;
const H: f64 = 640.0;
/// Node radii in user units: the smallest node, the largest.
const MIN_R: f64 = 4.0;
const MAX_R: f64 = 18.0;
/// Nodes whose labels are candidates for the picture (the largest; the core's
/// greedy placement drops those that would overlap one already placed).
const LABELLED: usize = 60;
/// How near (in screen pixels) the pointer must pass to an edge to point at it.
const EDGE_TOLERANCE_PX: f64 = 6.0;
/// Shared events listed in the link details (the matrix of the two has them all).
const LINK_EVENTS: usize = 50;
/// Links named in a node's description.
const NAMED_LINKS: usize = 3;

/// The network and its positions as last drawn: the "Download SVG" button exports
/// exactly this picture. Provided by the explorer, written by [`NetworkView`].
#[derive(Clone, Copy)]
pub struct Drawn(pub StoredValue<Option<Arc<DrawnPicture>>>);

/// A network and its node positions in the drawing's user units.
pub type DrawnPicture = (Network, Vec<[f64; 2]>);

impl Drawn {
    /// An empty store.
    pub fn new() -> Drawn {
        Drawn(StoredValue::new(None))
    }

    /// The last picture as a standalone SVG document, if one was drawn.
    pub fn svg(&self, engine: &Engine) -> Option<String> {
        self.0.with_value(|d| {
            d.as_ref().map(|d| {
                let title = tf(Key::NetworkSvgTitle, &[("title", &engine.dataset().title)]);
                network_svg(engine, &d.0, &d.1, &title, W, H + 110.0)
            })
        })
    }
}

/// The network view.
#[component]
pub fn NetworkView(selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let drawn = expect_context::<Drawn>();
    let options = dom::memo(move || nav.view.with(NetworkOptions::of_view));
    let network = {
        let engine = engine.clone();
        dom::memo(move || {
            let options = options.get();
            selection.with(|s| Arc::new(build_network(&engine, s, options)))
        })
    };
    // Positions by actor id from the last picture: the next layout starts there.
    let previous = StoredValue::new(HashMap::<String, [f64; 2]>::default());
    let layout = {
        let engine = engine.clone();
        dom::memo(move || {
            let net = network.get();
            let input = net.layout_input(&engine);
            let ids = &input.ids;
            let fresh = Fa2Settings::for_nodes(ids.len());
            let positions = previous.with_value(|prev| {
                let known = ids.iter().filter(|id| prev.contains_key(**id)).count();
                // Mostly the same actors: continue from the last picture.
                let settings = if known * 2 > ids.len() {
                    fresh.continued()
                } else {
                    fresh
                };
                force_atlas2(&input, &|id| prev.get(id).copied(), &settings)
            });
            previous.update_value(|prev| {
                for (id, p) in ids.iter().zip(&positions) {
                    prev.insert((*id).to_owned(), *p);
                }
            });
            // Fitted to the drawing once, so every layer agrees.
            let fit = Fit::new(&positions, MAX_R, MAX_R, W - 2.0 * MAX_R, H - 2.0 * MAX_R);
            let screen: Vec<[f64; 2]> = positions
                .iter()
                .map(|&p| {
                    let (x, y) = fit.map(p);
                    [x, y]
                })
                .collect();
            drawn
                .0
                .set_value(Some(Arc::new(((*net).clone(), screen.clone()))));
            Arc::new(screen)
        })
    };

    // The link pointed at or chosen in the table (an index into `Network::edges`):
    // its details list the shared events. A new network forgets it.
    let edge = Edge {
        shown: RwSignal::new(None::<usize>),
        pinned: RwSignal::new(false),
    };
    dom::effect(move || {
        network.track();
        edge.shown.set(None);
        edge.pinned.set(false);
    });
    // Each count takes its own plural form ("1 actor, 2 links"), then the phrases
    // fill the sentence.
    let actors = |n: usize| i18n::plural(Key::NetworkActors, n, &[]);
    let note = move || {
        network.with(|n| {
            (n.left_out > 0).then(|| {
                i18n::plural(
                    Key::NetworkLeftOut,
                    n.left_out as usize,
                    &[("actors", &actors(n.nodes.len()))],
                )
            })
        })
    };
    let is_empty = move || network.with(|n| n.nodes.is_empty());
    view! {
        <section class="network" aria-labelledby="network-title">
            <h2 id="network-title" class="visually-hidden">{t(Key::ViewNetwork)}</h2>
            <NetworkTools selection=selection network=network/>
            {crate::dom::para("network-note", Some("status"), note)}
            {crate::dom::show_or(
                move || !is_empty(),
                move || view! {
                    <Picture network=network layout=layout edge=edge/>
                    <StrongestLinks network=network edge=edge/>
                }.into_any(),
                || crate::dom::para("matrix-empty", None, || Some(t(Key::NoActorMatches).to_owned())),
            )}
        </section>
    }
}

/// The link shown in "Link details": pointing at a link shows it (a preview)
/// unless one is pinned; a click on a link or a choice in "Strongest links" pins
/// it, so the pointer can then travel to the details across other links and
/// nodes; Escape in the picture (or a new network) clears it.
#[derive(Clone, Copy)]
struct Edge {
    /// An index into `Network::edges`.
    shown: RwSignal<Option<usize>>,
    pinned: RwSignal<bool>,
}

impl Edge {
    /// Shows link `k` and pins it.
    fn pin(self, k: usize) {
        self.shown.set(Some(k));
        self.pinned.set(true);
    }

    /// Clears the shown link unless one is pinned.
    fn clear_preview(self) {
        if !self.pinned.get_untracked() {
            self.shown.set(None);
        }
    }
}

/// The network's tools, written by hand (see [`crate::dom`] for why): its
/// summary ("12 actors, 30 links ..."), the kinds' legend (each kind's shape and
/// colour) and, unless an embed leaves them out (`show=` without `export`), the
/// downloads: GEXF and GraphML of the network and of the two-mode graph.
#[component]
fn NetworkTools(selection: Memo<Selection>, network: Memo<Arc<Network>>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let drawn = expect_context::<Drawn>();
    let node = NodeRef::<leptos::html::Div>::new();
    let downloads = StoredValue::new_local(None::<Slot>);
    crate::dom::on_mount(node, move |div| {
        let doc = document();
        let summary = child(&doc, div, "span", "");
        write_legend(&doc, div);
        downloads.set_value(Some(Slot::new(&doc, div)));
        dom::effect(move || {
            let words = network.with(|n| {
                let actors = i18n::plural(Key::NetworkActors, n.nodes.len(), &[]);
                let links = i18n::plural(Key::NetworkLinks, n.edges.len(), &[]);
                let values = [("actors", actors.as_str()), ("links", links.as_str())];
                i18n::plural(Key::NetworkSummary, n.options.min_weight as usize, &values)
            });
            summary.set_text_content(Some(&words));
        });
        dom::effect(move || {
            let shown = nav
                .view
                .with(|v| !v.embed || v.embed_parts.contains(&EmbedPart::Export));
            crate::dom::follow(downloads, &|doc, slot| {
                if !shown {
                    slot.clear();
                } else if slot.nodes.is_empty() {
                    let div = slot.add(doc, "div", "downloads network-downloads");
                    for key in [
                        Key::DownloadGexf,
                        Key::DownloadGraphml,
                        Key::DownloadTwoModeGexf,
                        Key::DownloadTwoModeGraphml,
                    ] {
                        child_text(doc, &div, "button", "", t(key));
                    }
                }
            });
        });
    });
    // Which download: the button's place among the four.
    let on_click = move |event: ev::MouseEvent| {
        let Some(button) = crate::dom::target_in(&event, ".network-downloads button") else {
            return;
        };
        let (name, mime, text) = match crate::dom::place(&button) {
            0 => (
                "convene-network.gexf",
                "application/gexf+xml",
                drawn.0.with_value(|d| match d {
                    Some(d) => network_gexf(&engine, &d.0, Some(&d.1)),
                    None => network.with_untracked(|n| network_gexf(&engine, n, None)),
                }),
            ),
            1 => (
                "convene-network.graphml",
                "application/graphml+xml",
                network.with_untracked(|n| network_graphml(&engine, n)),
            ),
            2 => (
                "convene-actors-events.gexf",
                "application/gexf+xml",
                selection.with_untracked(|s| two_mode_gexf(&engine, s)),
            ),
            _ => (
                "convene-actors-events.graphml",
                "application/graphml+xml",
                selection.with_untracked(|s| two_mode_graphml(&engine, s)),
            ),
        };
        download(name, mime, &text);
    };
    view! { <div class="network-tools" node_ref=node on:click=on_click></div> }
}

/// Appends the kinds' legend to `parent`: each kind with its shape and colour.
fn write_legend(doc: &Document, parent: &Element) {
    let ul = child(doc, parent, "ul", "legend");
    attr(&ul, "aria-label", t(Key::Legend));
    for kind in ActorKind::ALL {
        let style = kind_style(kind);
        let li = child(doc, &ul, "li", "");
        let svg = svg_child(doc, &li, "svg", "");
        for (name, value) in [
            ("width", "14"),
            ("height", "14"),
            ("viewBox", "0 0 14 14"),
            ("aria-hidden", "true"),
        ] {
            attr(&svg, name, value);
        }
        let path = svg_child(doc, &svg, "path", "");
        attr(&path, "d", &shape_path(style.shape, 7.0, 7.5, 5.5));
        attr(&path, "fill", style.colour);
        text(&li, &format!(" {}", i18n::capitalised(t(Key::kind(kind)))));
    }
    child_text(doc, &ul, "li", "legend-note", t(Key::NetworkLegendNote));
}

/// The node index in a delegated event's target (`data-node`).
fn node_of(event: &web_sys::Event) -> Option<usize> {
    crate::dom::target_in(event, "[data-node]")?
        .get_attribute("data-node")?
        .parse()
        .ok()
}

/// The SVG picture with pan, zoom, focus and the focused node's details.
#[component]
fn Picture(
    network: Memo<Arc<Network>>,
    layout: Memo<Arc<Vec<[f64; 2]>>>,
    edge: Edge,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let zoom = RwSignal::new(Zoom::IDENTITY);
    // The tab stop, and the node pointed at or focused (its links highlighted).
    let active = RwSignal::new(0usize);
    let shown = RwSignal::new(None::<usize>);
    // Pointers down on the picture (id, last position in user units): one drags
    // (pans), two pinch (zoom about their midpoint, and pan with it).
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());

    // A new network: back to the largest node; keep the zoom.
    dom::effect(move || {
        let n = network.with(|n| n.nodes.len());
        if active.get_untracked() >= n {
            active.set(0);
        }
        if shown.get_untracked().is_some_and(|s| s >= n) {
            shown.set(None);
        }
    });

    // Client pixels to user units.
    let to_user = move |client_x: f64, client_y: f64| -> Option<(f64, f64)> {
        let svg = svg_ref.get_untracked()?;
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        // preserveAspectRatio="xMidYMid meet": one scale, centred.
        let s = (rect.width() / W).min(rect.height() / H);
        let ox = rect.left() + (rect.width() - W * s) / 2.0;
        let oy = rect.top() + (rect.height() - H * s) / 2.0;
        Some(((client_x - ox) / s, (client_y - oy) / s))
    };

    // A point in user units to the drawing's units (undoing pan and zoom).
    let to_drawing = move |x: f64, y: f64| -> [f64; 2] {
        let z = zoom.get_untracked();
        [(x - z.x) / z.k, (y - z.y) / z.k]
    };
    // User units per screen pixel.
    let units_per_px = move || -> f64 {
        svg_ref.get_untracked().map_or(1.0, |svg| {
            let rect = svg.get_bounding_client_rect();
            let s = (rect.width() / W).min(rect.height() / H);
            if s > 0.0 {
                1.0 / s
            } else {
                1.0
            }
        })
    };

    let open_node = move |i: usize| {
        let engine = expect_context::<Arc<Engine>>();
        let id = network.with_untracked(|n| {
            n.nodes
                .get(i)
                .map(|node| engine.dataset().actors[node.actor as usize].id.clone())
        });
        if let Some(id) = id {
            nav.go(HistoryMode::Push, |v| v.open = Some(Open::Actor(id)));
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    };
    let focus_node = move |i: usize| {
        active.set(i);
        shown.set(Some(i));
        edge.clear_preview();
        request_animation_frame(move || {
            let Some(svg) = svg_ref.get_untracked() else {
                return;
            };
            if let Ok(Some(el)) = svg.query_selector(&format!("[data-node=\"{i}\"]")) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        });
    };

    let on_key = move |event: ev::KeyboardEvent| {
        let key = event.key();
        let n = network.with_untracked(|n| n.nodes.len());
        if n == 0 {
            return;
        }
        let current = active.get_untracked().min(n - 1);
        let pan = 40.0;
        let handled = match key.as_str() {
            "+" | "=" => {
                zoom.update(|z| *z = z.around(1.25, W / 2.0, H / 2.0));
                true
            }
            "-" | "_" => {
                zoom.update(|z| *z = z.around(0.8, W / 2.0, H / 2.0));
                true
            }
            "0" => {
                zoom.set(Zoom::IDENTITY);
                true
            }
            k if event.shift_key() && Direction::of_key(k).is_some() => {
                let (dx, dy) = match Direction::of_key(k) {
                    Some(Direction::Up) => (0.0, pan),
                    Some(Direction::Down) => (0.0, -pan),
                    Some(Direction::Left) => (pan, 0.0),
                    _ => (-pan, 0.0),
                };
                zoom.update(|z| {
                    z.x += dx;
                    z.y += dy;
                });
                true
            }
            k if Direction::of_key(k).is_some() => {
                let next = Direction::of_key(k).and_then(|d| {
                    let positions = layout.get_untracked();
                    network.with_untracked(|net| net.neighbour_towards(&positions, current, d))
                });
                if let Some(next) = next {
                    focus_node(next);
                }
                true
            }
            "Home" => {
                focus_node(0);
                true
            }
            "End" => {
                focus_node(n - 1);
                true
            }
            "PageDown" => {
                focus_node((current + 1).min(n - 1));
                true
            }
            "PageUp" => {
                focus_node(current.saturating_sub(1));
                true
            }
            "Enter" | " " => {
                let on_node = node_of(&event).is_some();
                if on_node {
                    open_node(current);
                }
                on_node
            }
            "Escape" => {
                shown.set(None);
                edge.shown.set(None);
                edge.pinned.set(false);
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    };

    let on_wheel = move |event: ev::WheelEvent| {
        event.prevent_default();
        if let Some((x, y)) = to_user(f64::from(event.client_x()), f64::from(event.client_y())) {
            let factor = if event.delta_y() < 0.0 {
                1.15
            } else {
                1.0 / 1.15
            };
            zoom.update(|z| *z = z.around(factor, x, y));
        }
    };
    let on_down = move |event: ev::PointerEvent| {
        let touch = event.pointer_type() == "touch";
        // A mouse press on a node is a click; a finger on a node may start a pinch.
        if (node_of(&event).is_some() && !touch) || event.button() != 0 {
            return;
        }
        if let Some((x, y)) = to_user(f64::from(event.client_x()), f64::from(event.client_y())) {
            pointers.update_value(|p| {
                p.retain(|q| q.0 != event.pointer_id());
                p.push((event.pointer_id(), x, y));
            });
            // Captured on the background only: a tap on a node must still click it.
            if node_of(&event).is_none() {
                if let Some(svg) = svg_ref.get_untracked() {
                    let _ = svg.set_pointer_capture(event.pointer_id());
                }
            }
        }
    };
    let on_move = move |event: ev::PointerEvent| {
        let Some((x, y)) = to_user(f64::from(event.client_x()), f64::from(event.client_y())) else {
            return;
        };
        let id = event.pointer_id();
        let before = pointers.with_value(|p| p.clone());
        let Some(k) = before.iter().position(|q| q.0 == id) else {
            // No button down: point at the edge under the pointer, if any.
            if event.pointer_type() == "mouse" && node_of(&event).is_none() {
                let tolerance = EDGE_TOLERANCE_PX * units_per_px() / zoom.get_untracked().k;
                let hit = network.with_untracked(|net| {
                    net.edge_at(&layout.get_untracked(), to_drawing(x, y), tolerance)
                });
                if hit.is_some()
                    && hit != edge.shown.get_untracked()
                    && !edge.pinned.get_untracked()
                {
                    shown.set(None);
                    edge.shown.set(hit);
                }
            }
            return;
        };
        if before.len() >= 2 && k < 2 {
            // Pinch: the two first pointers, before and after this move (the rule is the core's).
            let other = [before[1 - k].1, before[1 - k].2];
            let was = [before[k].1, before[k].2];
            zoom.update(|z| *z = z.pinch([was, other], [[x, y], other]));
        } else if before.len() == 1 {
            let (x0, y0) = (before[0].1, before[0].2);
            zoom.update(|z| {
                z.x += x - x0;
                z.y += y - y0;
            });
        }
        pointers.update_value(|p| {
            if let Some(q) = p.iter_mut().find(|q| q.0 == id) {
                *q = (id, x, y);
            }
        });
    };
    let on_up = move |event: ev::PointerEvent| {
        pointers.update_value(|p| p.retain(|q| q.0 != event.pointer_id()))
    };
    // Pointing at a node (mouse over) or focusing it shows its details; focus also
    // moves the tab stop.
    let show_node = move |event: &web_sys::Event, focus: bool| {
        if let Some(i) = node_of(event) {
            if focus {
                active.set(i);
            }
            shown.set(Some(i));
            edge.clear_preview();
        }
    };
    let on_over = move |event: ev::MouseEvent| show_node(&event, false);
    let on_focus = move |event: ev::FocusEvent| show_node(&event, true);
    let on_click = move |event: ev::MouseEvent| {
        if let Some(i) = node_of(&event) {
            active.set(i);
            open_node(i);
            return;
        }
        // A click on a link pins it; elsewhere on the background, unpins.
        let Some((x, y)) = to_user(f64::from(event.client_x()), f64::from(event.client_y())) else {
            return;
        };
        let tolerance = EDGE_TOLERANCE_PX * units_per_px() / zoom.get_untracked().k;
        let hit = network.with_untracked(|net| {
            net.edge_at(&layout.get_untracked(), to_drawing(x, y), tolerance)
        });
        match hit {
            Some(k) => {
                shown.set(None);
                edge.pin(k);
            }
            None => edge.pinned.set(false),
        }
    };

    // The drawing inside the `<svg>` is written by hand (see `crate::dom` for why),
    // once the element is mounted; each layer then follows its own signals.
    let placed = {
        let engine = engine.clone();
        dom::memo(move || {
            let positions = layout.get();
            network.with(|net| net.place_labels(&engine, &positions, MIN_R, MAX_R, LABELLED))
        })
    };
    let drawing = Drawing {
        network,
        layout,
        placed,
        zoom,
        active,
        shown,
        edge,
        layers: StoredValue::new_local(None),
    };
    crate::dom::on_mount(svg_ref, move |svg| drawing.mount(svg));
    // Zoom in, zoom out, reset: three buttons written by hand, one handler.
    let zoom_ref = NodeRef::<leptos::html::Div>::new();
    crate::dom::on_mount(zoom_ref, |div| {
        let doc = document();
        for (words, name) in [("+", t(Key::ZoomIn)), ("−", t(Key::ZoomOut))] {
            attr(
                &child_text(&doc, div, "button", "", words),
                "aria-label",
                name,
            );
        }
        child_text(&doc, div, "button", "", t(Key::ResetView));
    });
    let on_zoom = move |event: ev::MouseEvent| {
        if let Some(button) = crate::dom::target_in(&event, "button") {
            match crate::dom::place(&button) {
                0 => zoom.update(|z| *z = z.around(1.25, W / 2.0, H / 2.0)),
                1 => zoom.update(|z| *z = z.around(0.8, W / 2.0, H / 2.0)),
                _ => zoom.set(Zoom::IDENTITY),
            }
        }
    };

    view! {
        <div class="network-frame">
            <div class="network-zoom" role="group" aria-label=t(Key::Zoom) node_ref=zoom_ref on:click=on_zoom></div>
            <svg node_ref=svg_ref class="network-svg" viewBox=format!("0 0 {} {}", Fixed(W, 0), Fixed(H, 0))
                 preserveAspectRatio="xMidYMid meet"
                 role="group" aria-label=t(Key::CoParticipationNetwork)
                 // Chromium makes an SVG element with a focusin listener a tab
                 // stop of its own; -1 keeps the nodes the picture's one tab stop.
                 tabindex="-1"
                 aria-describedby="network-keys"
                 on:keydown=on_key on:wheel=on_wheel
                 on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                 on:mouseover=on_over on:focusin=on_focus on:click=on_click
                 on:mouseleave=move |_| shown.set(None)></svg>
            <p id="network-keys" class="network-keys">
                {t(Key::NetworkKeys)}
            </p>
        </div>
        <LinkDetails network=network edge=edge/>
        <NodeDetails network=network shown=shown/>
    }
}

/// Draws the shown node or link (by index) at the layout's positions:
/// [`node_highlight`], [`edge_highlight`].
type DrawShown = fn(&Document, &Network, &[[f64; 2]], usize) -> Option<Element>;

/// The picture's signals, and its layers once [`Drawing::mount`] has written them.
#[derive(Clone, Copy)]
struct Drawing {
    network: Memo<Arc<Network>>,
    /// Node positions in the drawing's user units, by node index.
    layout: Memo<Arc<Vec<[f64; 2]>>>,
    /// The labels the core placed (largest nodes first, none overlapping).
    placed: Memo<Vec<NodeLabel>>,
    zoom: RwSignal<Zoom>,
    /// The node that is the picture's one tab stop.
    active: RwSignal<usize>,
    /// The node pointed at or focused.
    shown: RwSignal<Option<usize>>,
    edge: Edge,
    layers: StoredValue<Option<Layers>, LocalStorage>,
}

/// The drawing's elements inside the `<svg>`, in paint order: links, nodes, the
/// shown node's highlight, the shown link's, the labels, the shown node's label
/// (when placement left it out).
struct Layers {
    svg: Element,
    /// The group that pans and zooms the rest (`transform`).
    zoomed: Element,
    edges: Element,
    nodes: Element,
    /// The node written with `tabindex="0"`, by index.
    stop: usize,
    highlight: Slot,
    edge_highlight: Slot,
    labels: Element,
    shown_label: Slot,
}

impl Drawing {
    /// Writes the layers into `svg` and makes each follow its signals.
    fn mount(self, svg: &Element) {
        let doc = document();
        let zoomed = svg_child(&doc, svg, "g", "");
        let edges = svg_child(&doc, &zoomed, "g", "net-edges");
        attr(&edges, "aria-hidden", "true");
        let nodes = svg_child(&doc, &zoomed, "g", "net-nodes");
        let highlight = Slot::new(&doc, &zoomed);
        let edge_highlight = Slot::new(&doc, &zoomed);
        let labels = svg_child(&doc, &zoomed, "g", "net-labels");
        attr(&labels, "aria-hidden", "true");
        let shown_label = Slot::new(&doc, &zoomed);
        self.layers.set_value(Some(Layers {
            svg: svg.clone(),
            zoomed,
            edges,
            nodes,
            stop: 0,
            highlight,
            edge_highlight,
            labels,
            shown_label,
        }));
        self.follow();
    }

    /// An effect that writes `slot` again with `draw`'s picture of the shown item
    /// (a node or a link, by index) whenever it, the network or the layout changes;
    /// one copy of the effect for both highlights.
    fn follow_highlight(
        self,
        shown: RwSignal<Option<usize>>,
        slot: fn(&mut Layers) -> &mut Slot,
        draw: DrawShown,
    ) {
        dom::effect(move || {
            let shown = shown.get();
            let positions = self.layout.get();
            self.network.with(|net| {
                self.write(&|doc, l| {
                    let slot = slot(l);
                    slot.clear();
                    if let Some(g) = shown.and_then(|i| draw(doc, net, &positions, i)) {
                        slot.put(g);
                    }
                })
            });
        });
    }

    /// Runs `write` on the layers, if they are written.
    fn write(self, write: &dyn Fn(&Document, &mut Layers)) {
        crate::dom::follow(self.layers, write);
    }

    /// Effects that write each layer again when what it shows changes. Links,
    /// nodes and labels are rewritten in place by position, so a focused node
    /// keeps its focus when the network changes; moving the tab stop touches two
    /// nodes, not all of them.
    fn follow(self) {
        let engine = expect_context::<Arc<Engine>>();
        dom::effect(move || {
            let transform = self.zoom.get().transform();
            self.write(&|_, l| attr(&l.zoomed, "transform", &transform));
        });
        // While a node or a link is shown, the rest fades.
        dom::effect(move || {
            let dimmed = self.shown.get().is_some() || self.edge.shown.get().is_some();
            let class = if dimmed {
                "network-svg dimmed"
            } else {
                "network-svg"
            };
            self.write(&|_, l| attr(&l.svg, "class", class));
        });
        dom::effect({
            let engine = engine.clone();
            move || {
                let positions = self.layout.get();
                let stop = self.active.get_untracked();
                self.network.with(|net| {
                    self.write(&|doc, l| {
                        write_edges(doc, &l.edges, net, &positions);
                        write_nodes(doc, &l.nodes, &engine, net, &positions, stop);
                        l.stop = stop;
                    })
                });
            }
        });
        dom::effect(move || {
            let now = self.active.get();
            self.write(&|_, l| {
                let nodes = l.nodes.children();
                if let Some(old) = nodes.item(l.stop as u32) {
                    attr(&old, "tabindex", "-1");
                }
                if let Some(new) = nodes.item(now as u32) {
                    attr(&new, "tabindex", "0");
                }
                l.stop = now;
            });
        });
        dom::effect({
            let engine = engine.clone();
            move || {
                self.placed.with(|placed| {
                    self.network.with_untracked(|net| {
                        self.write(&|doc, l| {
                            for (k, label) in placed.iter().enumerate() {
                                let text = nth_child(&l.labels, k, || svg_element(doc, "text", ""));
                                write_label(&text, &engine, net, label);
                            }
                            keep_children(&l.labels, placed.len());
                        })
                    })
                })
            }
        });
        self.follow_highlight(self.shown, |l| &mut l.highlight, node_highlight);
        self.follow_highlight(self.edge.shown, |l| &mut l.edge_highlight, edge_highlight);
        // The shown node's label when placement left it out.
        dom::effect(move || {
            let shown = self.shown.get();
            let positions = self.layout.get();
            let left_out = shown.filter(|&i| !self.placed.with(|p| p.iter().any(|l| l.node == i)));
            self.network.with(|net| {
                self.write(&|doc, l| {
                    l.shown_label.clear();
                    let Some(label) = left_out.and_then(|i| {
                        let node = net.nodes.get(i)?;
                        let r = node_radius(node.events, net.max_events(), MIN_R, MAX_R);
                        let name = &engine.dataset().actors[node.actor as usize].name;
                        Some(convene_core::network::label_box(
                            i,
                            *positions.get(i)?,
                            r,
                            name,
                        ))
                    }) else {
                        return;
                    };
                    let g = l
                        .shown_label
                        .put(svg_element(doc, "g", "net-labels net-label-on"));
                    attr(&g, "aria-hidden", "true");
                    write_label(&svg_child(doc, &g, "text", ""), &engine, net, &label);
                })
            });
        });
    }
}

/// A line from `p` to `q` as SVG path data, to a tenth of a unit.
fn segment(d: &mut String, p: [f64; 2], q: [f64; 2]) {
    use std::fmt::Write;
    let _ = write!(
        d,
        "M{} {}L{} {}",
        Fixed(p[0], 1),
        Fixed(p[1], 1),
        Fixed(q[0], 1),
        Fixed(q[1], 1)
    );
}

/// Writes the links into `g` in four width classes, each one `<path>`: a few
/// elements however many links.
fn write_edges(doc: &Document, g: &Element, net: &Network, positions: &[[f64; 2]]) {
    let max_w = net.edges.first().map_or(1, |e| e.weight);
    let mut classes: [String; 4] = Default::default();
    for e in net.drawn_edges() {
        let (Some(p), Some(q)) = (positions.get(e.a as usize), positions.get(e.b as usize)) else {
            continue;
        };
        let width = edge_width(e.weight, max_w);
        let class = (((width - 0.5) / 3.5 * 4.0) as usize).min(3);
        segment(&mut classes[class], *p, *q);
    }
    let mut k = 0;
    for (i, d) in classes.iter().enumerate().filter(|(_, d)| !d.is_empty()) {
        let path = nth_child(g, k, || svg_element(doc, "path", "net-edge"));
        attr(&path, "d", d);
        let width = Fixed(0.75 + i as f64 * 0.9, 2).to_string();
        attr(&path, "stroke-width", &width);
        k += 1;
    }
    keep_children(g, k);
}

/// Writes the nodes into `g`, largest first, each a link (`data-node`: its index)
/// named by its description; node `stop` is the tab stop.
fn write_nodes(
    doc: &Document,
    g: &Element,
    engine: &Engine,
    net: &Network,
    positions: &[[f64; 2]],
    stop: usize,
) {
    let max_events = net.max_events();
    for (i, node) in net.nodes.iter().enumerate() {
        let p = positions.get(i).copied().unwrap_or([W / 2.0, H / 2.0]);
        let style = kind_style(node.kind);
        let r = node_radius(node.events, max_events, MIN_R, MAX_R);
        let path = nth_child(g, i, || {
            let path = svg_element(doc, "path", "net-node");
            attr(&path, "data-node", &i.to_string());
            attr(&path, "role", "link");
            path
        });
        attr(&path, "tabindex", if i == stop { "0" } else { "-1" });
        attr(
            &path,
            "aria-label",
            &net.describe_node(engine, i, NAMED_LINKS),
        );
        attr(&path, "d", &shape_path(style.shape, p[0], p[1], r));
        attr(&path, "fill", style.colour);
    }
    keep_children(g, net.nodes.len());
}

/// Writes `label` (its node's actor's name, where the core placed it) into `text`.
fn write_label(text: &Element, engine: &Engine, net: &Network, label: &NodeLabel) {
    let name = net.nodes.get(label.node).map_or("", |n| {
        engine.dataset().actors[n.actor as usize].name.as_str()
    });
    attr(text, "x", &Fixed(label.x, 1).to_string());
    attr(text, "y", &Fixed(label.baseline, 1).to_string());
    text.set_text_content(Some(name));
}

/// Node `i` drawn again on top with its links and its neighbours ringed; `None`
/// for a node outside `net`.
fn node_highlight(
    doc: &Document,
    net: &Network,
    positions: &[[f64; 2]],
    i: usize,
) -> Option<Element> {
    let node = net.nodes.get(i)?;
    let p = *positions.get(i)?;
    let max_events = net.max_events();
    let g = svg_element(doc, "g", "net-highlight");
    attr(&g, "aria-hidden", "true");
    let links = svg_child(doc, &g, "path", "net-edge-on");
    let mut d = String::new();
    for link in net.links(i) {
        let Some(&q) = positions.get(link.node as usize) else {
            continue;
        };
        segment(&mut d, p, q);
        let other = &net.nodes[link.node as usize];
        let r = node_radius(other.events, max_events, MIN_R, MAX_R);
        attr(
            &svg_child(doc, &g, "path", "net-ring"),
            "d",
            &shape_path("circle", q[0], q[1], r + 3.0),
        );
    }
    attr(&links, "d", &d);
    let r = node_radius(node.events, max_events, MIN_R, MAX_R);
    attr(
        &svg_child(doc, &g, "path", "net-ring net-ring-self"),
        "d",
        &shape_path("circle", p[0], p[1], r + 4.0),
    );
    Some(g)
}

/// Link `k` drawn on top, its two ends ringed; `None` for a link outside `net`.
fn edge_highlight(
    doc: &Document,
    net: &Network,
    positions: &[[f64; 2]],
    k: usize,
) -> Option<Element> {
    let e = net.edges.get(k)?;
    let (p, q) = (*positions.get(e.a as usize)?, *positions.get(e.b as usize)?);
    let max_events = net.max_events();
    let g = svg_element(doc, "g", "net-highlight net-link-on");
    attr(&g, "aria-hidden", "true");
    let mut d = String::new();
    segment(&mut d, p, q);
    attr(&svg_child(doc, &g, "path", "net-edge-on"), "d", &d);
    for (node, c) in [(e.a, p), (e.b, q)] {
        let r = node_radius(net.nodes[node as usize].events, max_events, MIN_R, MAX_R);
        attr(
            &svg_child(doc, &g, "path", "net-ring"),
            "d",
            &shape_path("circle", c[0], c[1], r + 3.0),
        );
    }
    Some(g)
}

/// The link pointed at or chosen: its two actors, the events they share in the
/// view (each a link to the event's page) and the matrix of the two. Written by
/// hand ([`crate::dom::written`]), again for each link shown; no section while
/// none is.
#[component]
fn LinkDetails(network: Memo<Arc<Network>>, edge: Edge) -> impl IntoView {
    let shows = move || {
        let k = edge.shown.get();
        k.is_some_and(|k| network.with(|net| k < net.edges.len()))
    };
    crate::dom::show(shows, move || {
        view! { <LinkSection network=network edge=edge/> }.into_any()
    })
}

/// [`LinkDetails`]'s section, while a link is shown.
#[component]
fn LinkSection(network: Memo<Arc<Network>>, edge: Edge) -> impl IntoView {
    let node = NodeRef::<leptos::html::Section>::new();
    let write = move |doc: &Document, section: &Element, links: &mut Links, engine: &Engine| {
        let Some(k) = edge.shown.get() else {
            return;
        };
        network.with(|net| write_link_details(doc, section, links, engine, net, k));
    };
    let on_click = crate::dom::written(node, write, |_| {});
    view! {
        <section class="matrix-tip network-tip network-link-details" tabindex="-1"
                 aria-label=t(Key::LinkDetails) aria-live="polite" node_ref=node on:click=on_click>
        </section>
    }
}

/// Writes link `k` of `net` into `section`: "A and B share N events", the shared
/// events (the first [`LINK_EVENTS`]) and the matrix of the two.
fn write_link_details(
    doc: &Document,
    section: &Element,
    links: &mut Links,
    engine: &Engine,
    net: &Network,
    k: usize,
) {
    let Some(e) = net.edges.get(k) else {
        return;
    };
    let d = engine.dataset();
    let a = &d.actors[net.nodes[e.a as usize].actor as usize];
    let b = &d.actors[net.nodes[e.b as usize].actor as usize];
    let events = net.shared_events(e.a as usize, e.b as usize);
    let about = i18n::plural(
        Key::LinkAbout,
        events.len(),
        &[("a", &a.name), ("b", &b.name)],
    );
    child_text(doc, section, "p", "", &about);
    let ul = child(doc, section, "ul", "");
    for &ev in events.iter().take(LINK_EVENTS) {
        let event = &d.events[ev as usize];
        let id = event.id.clone();
        let li = child(doc, &ul, "li", "");
        let link = links.add(doc, &li, "", move |v| {
            v.open = Some(Open::Event(id.clone()))
        });
        link.set_text_content(Some(&event.name));
    }
    let more = events.len().saturating_sub(LINK_EVENTS);
    if more > 0 {
        let words = tf(Key::AndMoreShort, &[("n", &i18n::num(more))]);
        child_text(doc, section, "p", "", &words);
    }
    let (ida, idb) = (a.id.clone(), b.id.clone());
    let p = child(doc, section, "p", "");
    let link = links.add(doc, &p, "", move |v| *v = matrix_of_pair(v, &ida, &idb));
    link.set_text_content(Some(t(Key::MatrixOfTwo)));
}

/// The shown node: its name, events and strongest links, each with the matrix of
/// the two. Written by hand ([`crate::dom::written`]), again for each node shown.
#[component]
fn NodeDetails(network: Memo<Arc<Network>>, shown: RwSignal<Option<usize>>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Section>::new();
    let write = move |doc: &Document, section: &Element, links: &mut Links, engine: &Engine| {
        let written = shown.get().is_some_and(|i| {
            network.with(|net| write_node_details(doc, section, links, engine, net, i))
        });
        if !written {
            child_text(doc, section, "p", "", t(Key::NodeHint));
        }
    };
    let on_click = crate::dom::written(node, write, |_| {});
    view! {
        <section class="matrix-tip network-tip" aria-label=t(Key::NodeDetails) aria-live="polite"
                 node_ref=node on:click=on_click></section>
    }
}

/// Writes node `i` of `net` into `section`: its actor (a link to its page), its
/// kind and events, and its five strongest links. False for a node outside `net`.
fn write_node_details(
    doc: &Document,
    section: &Element,
    links: &mut Links,
    engine: &Engine,
    net: &Network,
    i: usize,
) -> bool {
    let Some(node) = net.nodes.get(i) else {
        return false;
    };
    let d = engine.dataset();
    let actor = &d.actors[node.actor as usize];
    let p = child(doc, section, "p", "");
    let id = actor.id.clone();
    let link = links.add(doc, &p, "", move |v| v.open = Some(Open::Actor(id.clone())));
    link.set_text_content(Some(&actor.name));
    let kind = [("kind", t(Key::kind(node.kind)))];
    text(
        &p,
        &format!(
            " {}",
            i18n::plural(Key::NodeAbout, node.events as usize, &kind)
        ),
    );
    let ol = child(doc, section, "ol", "");
    for link in net.links(i).take(5) {
        let other = &d.actors[net.nodes[link.node as usize].actor as usize];
        let events = net.shared_events(i, link.node as usize);
        let names = events
            .iter()
            .take(3)
            .map(|&e| d.events[e as usize].name.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let more = events.len().saturating_sub(3);
        let li = child(doc, &ol, "li", "");
        child_text(doc, &li, "strong", "", &other.name);
        let shared = i18n::plural(Key::LinkShared, link.weight as usize, &[("names", &names)]);
        let more = if more > 0 {
            tf(Key::AndMoreShort, &[("n", &i18n::num(more))])
        } else {
            String::new()
        };
        text(&li, &format!(" — {shared}{more} "));
        let (a, b) = (actor.id.clone(), other.id.clone());
        let matrix = links.add(doc, &li, "", move |v| *v = matrix_of_pair(v, &a, &b));
        matrix.set_text_content(Some(t(Key::MatrixOfTwo)));
    }
    true
}

/// The "Strongest links" table: actor, actor, shared events (a button that shows
/// the link's details: the shared events and the matrix of the two), strongest
/// first. Its rows are written by hand ([`crate::dom::written`]) for each
/// network; each button's `aria-pressed` follows the shown link.
#[component]
fn StrongestLinks(network: Memo<Arc<Network>>, edge: Edge) -> impl IntoView {
    let body = NodeRef::<leptos::html::Tbody>::new();
    let write = move |doc: &Document, tbody: &Element, links: &mut Links, engine: &Engine| {
        network.with(|net| write_strongest_links(doc, tbody, links, engine, net));
    };
    // Shows the link's details above the table and moves focus there.
    let choose = move |event: &ev::MouseEvent| {
        let Some(k) = crate::dom::target_in(event, "button[data-edge]")
            .and_then(|b| b.get_attribute("data-edge"))
            .and_then(|k| k.parse().ok())
        else {
            return;
        };
        edge.pin(k);
        request_animation_frame(|| {
            let el = document()
                .query_selector(".network-link-details")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = el {
                let _ = el.focus();
            }
        });
    };
    let on_click = crate::dom::written(body, write, choose);
    // Each button says whether its link is the one shown (after the rows are
    // written: this effect is created after `written`'s).
    dom::effect(move || {
        let shown = edge.shown.get().map(|k| k.to_string());
        network.track();
        let Some(tbody) = body.get() else {
            return;
        };
        let buttons = tbody.query_selector_all("button[data-edge]").ok();
        for i in 0..buttons.as_ref().map_or(0, |b| b.length()) {
            let Some(button) = buttons.as_ref().and_then(|b| b.item(i)) else {
                continue;
            };
            let button: Element = button.unchecked_into();
            let pressed = button.get_attribute("data-edge") == shown;
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    });
    let note = move || {
        network.with(|net| {
            (net.edges.len() > STRONGEST_LINKS_ROWS).then(|| {
                tf(
                    Key::StrongestNote,
                    &[
                        ("rows", &i18n::num(STRONGEST_LINKS_ROWS)),
                        ("n", &i18n::num(net.edges.len())),
                    ],
                )
            })
        })
    };
    view! {
        {crate::dom::para("network-note", None, note)}
        <table class="strongest-links">
            <caption>{t(Key::StrongestLinks)}</caption>
            <thead>
                <tr><th scope="col">{t(Key::ActorColumn)}</th><th scope="col">{t(Key::ActorColumn)}</th><th scope="col">{t(Key::SharedEventsColumn)}</th></tr>
            </thead>
            <tbody node_ref=body on:click=on_click></tbody>
        </table>
    }
}

/// Writes the first [`STRONGEST_LINKS_ROWS`] links of `net` into `tbody`, one row
/// each: the two actors (links to their pages) and the shared events, a button
/// (`data-edge`: the link's index) that shows the link's details.
fn write_strongest_links(
    doc: &Document,
    tbody: &Element,
    links: &mut Links,
    engine: &Engine,
    net: &Network,
) {
    let actors = &engine.dataset().actors;
    for (k, e) in net.edges.iter().take(STRONGEST_LINKS_ROWS).enumerate() {
        let tr = child(doc, tbody, "tr", "");
        let a = &actors[net.nodes[e.a as usize].actor as usize];
        let b = &actors[net.nodes[e.b as usize].actor as usize];
        for actor in [a, b] {
            let id = actor.id.clone();
            let td = child(doc, &tr, "td", "");
            let link = links.add(doc, &td, "", move |v| {
                v.open = Some(Open::Actor(id.clone()))
            });
            link.set_text_content(Some(&actor.name));
        }
        let weight = e.weight as usize;
        let label = i18n::plural(Key::ShowLink, weight, &[("a", &a.name), ("b", &b.name)]);
        let td = child(doc, &tr, "td", "num");
        let button = child_text(doc, &td, "button", "link-button", &i18n::num(weight));
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("aria-label", &label);
        let _ = button.set_attribute("data-edge", &k.to_string());
    }
}
