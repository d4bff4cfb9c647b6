//! The facet panel: one fieldset per facet, each value a checkbox with its count.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use convene_core::engine::{Facet, FacetValue, Selection};
use convene_core::i18n::Key;
use convene_core::model::{ActorKind, EventStatus, Role};
use convene_core::sort;
use convene_core::view::ActorMode;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use crate::dom::{self, attr, child, child_text, text, Slot};
use crate::history::HistoryMode;
use crate::i18n::{self as i18n, t, tf};
use crate::nav::Nav;

/// Facets with more values than this get a filter box and show the top values only.
const LONG_FACET: usize = 12;
/// How many values a long facet lists before "Show all".
const SHOWN_OF_LONG: usize = 30;

/// Every facet, in the core's order.
#[component]
pub fn Facets(selection: Memo<Selection>) -> impl IntoView {
    let selection = Shown::new(selection);
    view! {
        <YearRange selection=selection/>
        {Facet::ALL
            .into_iter()
            .filter(|facet| *facet != Facet::Year)
            .map(|facet| view! { <FacetGroup facet=facet selection=selection/> })
            .collect_view()}
    }
}

/// The selection as the facet panel shows it. A change of the search text
/// reaches the panel in a task after the frame that shows the new results has
/// painted; any other change (a facet click, Back, texts arriving) at once.
/// While typing, the results are what a person reads: with the panel hidden, a
/// keystroke at 100k participations took 31 ms to its frame instead of 46
/// (median; its counts' layout and paint are a third of the frame: BENCHMARKS.md,
/// session 12). Keys typed before the panel's task runs share one update.
#[derive(Clone, Copy)]
struct Shown {
    selection: Memo<Selection>,
    /// Bumped when the panel is to read `selection` again (a `u32` signal, as
    /// `Texts::version`: a `Trigger` cost 630 B more of wasm).
    at: RwSignal<u32>,
}

impl Shown {
    fn new(selection: Memo<Selection>) -> Shown {
        let nav = expect_context::<Nav>();
        let at = RwSignal::new(0);
        let pending = StoredValue::new(false);
        let mut last_q: Option<String> = None;
        dom::effect(move || {
            selection.track();
            let q = nav.view.with_untracked(|v| v.q.clone());
            // The first run (no last text): the panel was built from this selection.
            if let Some(last) = &last_q {
                if *last == q {
                    at.update(|n| *n += 1);
                } else if !pending.get_value() {
                    pending.set_value(true);
                    let later = move || {
                        pending.set_value(false);
                        at.update(|n| *n += 1);
                    };
                    set_timeout(later, std::time::Duration::ZERO);
                }
            }
            last_q = Some(q);
        });
        Shown { selection, at }
    }

    fn with<R>(&self, f: impl FnOnce(&Selection) -> R) -> R {
        self.at.track();
        self.selection.with_untracked(f)
    }
}

/// One facet: a collapsible fieldset of checkboxes with counts; a long one
/// (more than [`LONG_FACET`] values) with a filter box and "Show all".
///
/// Written by hand into its `<fieldset>` (see [`crate::dom`] for why), with the
/// HTML the view had: each part follows its own signals, and the toggle, the
/// filter box and "Show all" stay in place so the focus stays on them.
#[component]
fn FacetGroup(facet: Facet, selection: Shown) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let open = RwSignal::new(true);
    let show_all = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let values = dom::memo(move || {
        selection.with(|s| s.facet(facet).map(|f| f.values.clone()).unwrap_or_default())
    });
    let is_long = dom::memo(move || values.with(|v| v.len() > LONG_FACET));
    // What the filter box and "Show all" leave visible (selected values always
    // show), and how many values that match the filter "Show all" would add (not
    // the ones the filter leaves out: filtering "moroc" said "Show all (69
    // more)", and showing all added nothing).
    let visible = dom::memo(move || {
        let needle = filter.with(|f| fold_for_filter(f));
        let all = show_all.get();
        values.with(|values| {
            let mut shown = 0;
            let visible = values
                .iter()
                .filter(|v| {
                    needle.is_empty()
                        || fold_for_filter(&v.label).contains(&needle)
                        || *v.key == *needle
                })
                .filter(|v| {
                    shown += 1;
                    all || v.selected || shown <= SHOWN_OF_LONG || values.len() <= LONG_FACET
                })
                .cloned()
                .collect::<Vec<_>>();
            let hidden = shown.saturating_sub(visible.len());
            (visible, hidden)
        })
    });
    let name = t(Key::facet(facet));
    let node = NodeRef::<leptos::html::Fieldset>::new();
    let parts = StoredValue::new_local(None::<GroupParts>);
    dom::on_mount(node, move |fieldset| {
        let doc = document();
        let legend = child(&doc, fieldset, "legend", "");
        let toggle = child(&doc, &legend, "button", "facet-toggle");
        attr(&toggle, "type", "button");
        let list_id = format!("facet-{}", facet.as_str());
        attr(&toggle, "aria-controls", &list_id);
        text(&toggle, name);
        let arrow = child(&doc, &toggle, "span", "");
        attr(&arrow, "aria-hidden", "true");
        let body = child(&doc, fieldset, "div", "");
        body.set_id(&list_id);
        if facet == Facet::Actor {
            mode_switch(&doc, &body);
        }
        let filter_box = Slot::new(&doc, &body);
        let ul = child(&doc, &body, "ul", "facet-values");
        parts.set_value(Some(GroupParts {
            toggle,
            arrow,
            body: body.clone(),
            filter_box,
            more: Slot::new(&doc, &body),
        }));
        follow_values(
            ul,
            facet,
            Signal::derive(move || visible.with(|v| v.0.clone())),
        );
        let follow = move |write: &dyn Fn(&Document, &mut GroupParts)| dom::follow(parts, write);
        dom::effect(move || {
            let open = open.get();
            follow(&|_, p| {
                attr(
                    &p.toggle,
                    "aria-expanded",
                    if open { "true" } else { "false" },
                );
                p.arrow.set_text_content(Some(if open { "▾" } else { "▸" }));
                let _ = p.body.toggle_attribute_with_force("hidden", !open);
            });
        });
        dom::effect(move || {
            let long = is_long.get();
            follow(&|doc, p| {
                if !long {
                    p.filter_box.clear();
                } else if p.filter_box.nodes.is_empty() {
                    let input = p.filter_box.add(doc, "input", "facet-filter");
                    attr(&input, "type", "text");
                    let lower = i18n::lowered(name);
                    attr(
                        &input,
                        "aria-label",
                        &tf(Key::FilterTheList, &[("facet", &lower)]),
                    );
                    attr(
                        &input,
                        "placeholder",
                        &tf(Key::FilterPlaceholder, &[("facet", &lower)]),
                    );
                    input
                        .unchecked_ref::<HtmlInputElement>()
                        .set_value(&filter.get_untracked());
                }
            });
        });
        dom::effect(move || {
            let hidden = visible.with(|v| v.1);
            let label = (is_long.get() && (hidden > 0 || show_all.get())).then(|| {
                if show_all.get() {
                    t(Key::ShowFewer).to_owned()
                } else {
                    tf(Key::ShowAllMore, &[("n", &i18n::num(hidden))])
                }
            });
            follow(&|doc, p| {
                if let Some(button) = p.more.button(doc, label.as_deref(), "") {
                    attr(&button, "type", "button");
                }
            });
        });
        // The actor facet's mode follows the view.
        if facet == Facet::Actor {
            let body = body.clone();
            dom::effect(move || {
                let mode = nav.view.with(|v| v.actor_mode);
                let radios = radios(&body);
                for (radio, m) in radios.iter().zip([ActorMode::Any, ActorMode::All]) {
                    radio.set_checked(m == mode);
                }
            });
        }
    });
    let on_click = move |event: ev::MouseEvent| {
        let Some(button) = dom::target_in(&event, "button") else {
            return;
        };
        parts.with_value(|p| {
            let Some(p) = p else {
                return;
            };
            if button.is_same_node(Some(&p.toggle)) {
                open.update(|o| *o = !*o);
            } else if p.more.holds(&button) {
                show_all.update(|a| *a = !*a);
            }
        });
    };
    let on_input = move |event: ev::Event| {
        if let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.type_() == "text")
        {
            filter.set(input.value());
        }
    };
    let on_change = move |event: ev::Event| {
        let Some(input) = changed_input(&event) else {
            return;
        };
        // The filter box's own `change` (when it loses focus) is not a value.
        let kind = input.type_();
        if kind == "radio" {
            // The second radio is "All".
            let all = parts.with_value(|p| {
                p.as_ref()
                    .is_some_and(|p| radios(&p.body).get(1).is_some_and(|r| *r == input))
            });
            let mode = if all { ActorMode::All } else { ActorMode::Any };
            nav.go(HistoryMode::Push, |v| v.actor_mode = mode);
        } else if kind == "checkbox" {
            toggle_value(nav, facet, &input);
        }
    };
    view! {
        <fieldset class="facet" node_ref=node on:click=on_click on:input=on_input
            on:change=on_change></fieldset>
    }
}

/// A facet group's parts that follow its state.
struct GroupParts {
    /// The legend's button that folds the group, and its arrow.
    toggle: Element,
    arrow: Element,
    /// What the toggle hides: the mode, the filter box, the values, "Show all".
    body: Element,
    filter_box: Slot,
    /// "Show all (N more)" or "Show fewer", on a long facet.
    more: Slot,
}

/// The actor facet's mode, written into `parent`: events with any of the
/// selected actors, or with all of them (two radios, checked by the caller).
fn mode_switch(doc: &Document, parent: &Element) {
    let group = child(doc, parent, "div", "mode");
    attr(&group, "role", "radiogroup");
    attr(&group, "aria-label", t(Key::ActorsMustMatch));
    for mode in [ActorMode::Any, ActorMode::All] {
        let label = child(doc, &group, "label", "");
        let input = child(doc, &label, "input", "");
        attr(&input, "type", "radio");
        attr(&input, "name", "actor-mode");
        text(&label, t(Key::mode(mode)));
    }
}

/// The mode's two radios in `body` (Any, All).
fn radios(body: &Element) -> Vec<HtmlInputElement> {
    let Ok(list) = body.query_selector_all("input[type=radio]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Toggles the value of a facet's checkbox (its `value` is the key) in the view.
fn toggle_value(nav: Nav, facet: Facet, input: &HtmlInputElement) {
    let key = input.value();
    nav.go(HistoryMode::Push, move |v| v.toggle(facet, &key));
}

/// A facet's values as checkboxes: "Morocco 3", each label starting with the
/// name and ending with the count, written into `ul` whenever `values` change.
///
/// The rows are elements written by hand, keyed by value (issue 18; the event
/// cards are written by hand too): when a click changes the counts, a row whose
/// value stays keeps its element, and only a count or `zero` class that changed
/// is written (and each box's check); rows move only when the order changed. As
/// views, each row was a component with three reactive closures over a map of
/// every value's state, all re-run on every click: by hand, an events-view click
/// at 100k participations spends about 3 ms less in script, and the app is
/// 1.9 KB smaller (BENCHMARKS.md, session 10). The group's delegated `change`
/// handler reads the value from the checkbox's `value` attribute.
fn follow_values(ul: Element, facet: Facet, values: Signal<Vec<FacetValue>>) {
    let rows = StoredValue::new_local(Vec::<ValueRow>::new());
    dom::effect(move || {
        values.with(|values| rows.update_value(|rows| write_rows(&ul, rows, facet, values)));
    });
}

/// The input a `change` event came from, if it came from one.
fn changed_input(event: &ev::Event) -> Option<HtmlInputElement> {
    event.target()?.dyn_into::<HtmlInputElement>().ok()
}

/// One value's row: its elements and what they show.
struct ValueRow {
    li: web_sys::Element,
    label: web_sys::Element,
    input: web_sys::HtmlInputElement,
    /// The text node inside `<span class=count>`.
    count: web_sys::Node,
    key: Arc<str>,
    /// The count its label shows (None: not written yet).
    count_shown: Option<u32>,
}

/// Makes `ul` list `values` in order, one row per value: rows of values still
/// listed are kept (only what changed is written, and a row moves only when the
/// order changed), new values get new rows, the others go.
///
/// Keyed by value, not by position: the box a keyboard user just checked keeps
/// focus on that value even when the order around it changes.
fn write_rows(
    ul: &web_sys::Element,
    rows: &mut Vec<ValueRow>,
    facet: Facet,
    values: &[FacetValue],
) {
    let doc = document();
    // Each kept row with its old position, for the fewest moves below.
    let mut old: HashMap<Arc<str>, (u32, ValueRow)> = rows
        .drain(..)
        .enumerate()
        .map(|(i, row)| (row.key.clone(), (i as u32, row)))
        .collect();
    let mut was_at = Vec::with_capacity(values.len());
    for value in values {
        let (at, mut row) = match old.remove(&value.key) {
            Some((at, row)) => (Some(at), row),
            None => (None, new_row(&doc, facet, value)),
        };
        if row.count_shown != Some(value.count) {
            // The text node's data, not the span's textContent: a new text node
            // would be a new layout object, styled and shaped anew.
            row.count
                .set_node_value(Some(&i18n::num(value.count as usize)));
            let _ = row
                .label
                .class_list()
                .toggle_with_force("zero", value.count == 0);
            row.count_shown = Some(value.count);
        }
        // Always: the click itself flipped the box before the view answered.
        row.input.set_checked(value.selected);
        was_at.push(at);
        rows.push(row);
    }
    for (_, row) in old.into_values() {
        row.li.remove();
    }
    // In order, moving the fewest rows: the rows of a longest run still in their old
    // order stay, each other row goes before the row after it (last to first, so
    // that row is already in place). Moving every row out of place from the top
    // moved 43 rows per click at 100k participations when counts reordered.
    let kept = sort::kept_in_place(&was_at);
    let mut after: Option<web_sys::Node> = None;
    for (row, kept) in rows.iter().zip(kept).rev() {
        let node: &web_sys::Node = &row.li;
        if !kept {
            let _ = ul.insert_before(node, after.as_ref());
        }
        after = Some(node.clone());
    }
}

/// A new row for `value`: `<li><label><input type=checkbox value=KEY>
/// <span class=value>NAME</span><span class=count></span></label></li>`
/// (its count and check are written by the caller).
fn new_row(doc: &web_sys::Document, facet: Facet, value: &FacetValue) -> ValueRow {
    use leptos::wasm_bindgen::JsCast;
    let make = |tag: &str| doc.create_element(tag).expect("a document makes elements");
    let li = make("li");
    let label = make("label");
    let input: web_sys::HtmlInputElement = make("input").unchecked_into();
    input.set_type("checkbox");
    input.set_value(&value.key);
    let name = make("span");
    name.set_class_name("value");
    let text = translated_value(facet, &value.key).unwrap_or_else(|| value.label.to_string());
    name.set_text_content(Some(&text));
    let count_span = make("span");
    count_span.set_class_name("count");
    let count: web_sys::Node = doc.create_text_node("").into();
    let _ = count_span.append_child(&count);
    let _ = label.append_child(&input);
    let _ = label.append_child(&name);
    let _ = label.append_child(&count_span);
    let _ = li.append_child(&label);
    ValueRow {
        li,
        label,
        input,
        count,
        key: value.key.clone(),
        count_shown: None,
    }
}

/// The year facet: a from–to range, with the number of events per year.
/// Written by hand into its `<fieldset>`, as [`FacetGroup`].
#[component]
fn YearRange(selection: Shown) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let years = dom::memo(move || {
        selection.with(|s| {
            s.facet(Facet::Year)
                .map(|f| f.values.clone())
                .unwrap_or_default()
        })
    });
    let node = NodeRef::<leptos::html::Fieldset>::new();
    // The From and To inputs.
    let bounds = StoredValue::new_local(Vec::<HtmlInputElement>::new());
    dom::on_mount(node, move |fieldset| {
        let doc = document();
        child_text(&doc, fieldset, "legend", "", t(Key::FacetYear));
        let div = child(&doc, fieldset, "div", "years");
        let inputs = [Key::YearFrom, Key::YearTo].map(|key| {
            let label = child(&doc, &div, "label", "");
            text(&label, t(key));
            text(&label, " ");
            let input = child(&doc, &label, "input", "");
            attr(&input, "type", "number");
            attr(&input, "inputmode", "numeric");
            input.unchecked_into::<HtmlInputElement>()
        });
        bounds.set_value(inputs.to_vec());
        follow_values(
            child(&doc, fieldset, "ul", "facet-values"),
            Facet::Year,
            Signal::derive(move || years.get()),
        );
        // The dataset's first and last years bound the inputs; each placeholder
        // shows its own bound.
        dom::effect(move || {
            let domain = selection.with(|s| s.year_domain);
            bounds.with_value(|inputs| {
                for (input, is_from) in inputs.iter().zip([true, false]) {
                    let years =
                        domain.map(|(from, to)| [from, to, if is_from { from } else { to }]);
                    for (i, name) in ["min", "max", "placeholder"].into_iter().enumerate() {
                        match years {
                            Some(years) => attr(input, name, &years[i].to_string()),
                            None => {
                                let _ = input.remove_attribute(name);
                            }
                        }
                    }
                }
            });
        });
        // The inputs show the view's range; written only when it changes, so a
        // year being typed is not reset by another change of the view.
        let range = dom::memo(move || nav.view.with(|v| (v.year_from, v.year_to)));
        dom::effect(move || {
            let (from, to) = range.get();
            bounds.with_value(|inputs| {
                for (input, year) in inputs.iter().zip([from, to]) {
                    let year = year.map(|y| y.to_string()).unwrap_or_default();
                    if input.value() != year {
                        input.set_value(&year);
                    }
                }
            });
        });
    });
    let on_change = move |event: ev::Event| {
        let Some(input) = changed_input(&event) else {
            return;
        };
        if input.type_() == "checkbox" {
            toggle_value(nav, Facet::Year, &input);
            return;
        }
        let is_from = bounds.with_value(|b| b.first().is_some_and(|f| *f == input));
        let year = input.value().trim().parse::<i32>().ok();
        nav.go(HistoryMode::Push, move |v| {
            if is_from {
                v.year_from = year;
            } else {
                v.year_to = year;
            }
        });
    };
    view! { <fieldset class="facet" node_ref=node on:change=on_change></fieldset> }
}

/// Lower case without diacritics, for the filter box inside a facet.
fn fold_for_filter(text: &str) -> String {
    convene_core::search::fold(text)
}

/// A status, kind or role value's name in the page's language, capitalised as
/// the facet lists it ("Host", "Hôte", "مضيف"); `None` for other facets (their
/// values are the data, shown as the sources wrote them) and unknown words.
pub fn translated_value(facet: Facet, key: &str) -> Option<String> {
    let key = match facet {
        Facet::Status => Key::status(EventStatus::parse(key)?),
        Facet::Kind => Key::kind(ActorKind::parse(key)?),
        Facet::Role => Key::role(Role::parse(key)?),
        _ => return None,
    };
    Some(i18n::capitalised(t(key)))
}
