//! The facet panel: one fieldset per facet, each value a checkbox with its count.

use std::collections::HashMap;
use std::sync::Arc;

use convene_core::engine::{Facet, FacetValue, Selection};
use convene_core::i18n::Key;
use convene_core::model::{ActorKind, EventStatus, Role};
use convene_core::sort;
use convene_core::view::{ActorMode, ViewState};
use leptos::ev;
use leptos::prelude::*;

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
        Effect::new(move |last_q: Option<String>| {
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
            q
        });
        Shown { selection, at }
    }

    fn with<R>(&self, f: impl FnOnce(&Selection) -> R) -> R {
        self.at.track();
        self.selection.with_untracked(f)
    }
}

/// One facet: a collapsible fieldset of checkboxes with counts.
#[component]
fn FacetGroup(facet: Facet, selection: Shown) -> impl IntoView {
    let open = RwSignal::new(true);
    let show_all = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let values = Memo::new(move |_| {
        selection.with(|s| s.facet(facet).map(|f| f.values.clone()).unwrap_or_default())
    });
    let is_long = move || values.with(|v| v.len() > LONG_FACET);
    // What the filter box and "Show all" leave visible. Selected values always show.
    let visible = move || {
        let needle = filter.with(|f| fold_for_filter(f));
        let all = show_all.get();
        values.with(|values| {
            let mut shown = 0;
            values
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
                .collect::<Vec<_>>()
        })
    };
    let hidden_count = move || values.with(|v| v.len()).saturating_sub(visible().len());
    let name = t(Key::facet(facet));
    let list_id = format!("facet-{}", facet.as_str());
    view! {
        <fieldset class="facet">
            <legend>
                <button
                    type="button"
                    class="facet-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=list_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {name}
                    <span aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                </button>
            </legend>
            <div id=list_id hidden=move || !open.get()>
                {(facet == Facet::Actor).then(|| view! { <ActorModeSwitch/> })}
                <Show when=is_long>
                    <input
                        type="text"
                        class="facet-filter"
                        aria-label=tf(Key::FilterTheList, &[("facet", &name.to_lowercase())])
                        placeholder=tf(Key::FilterPlaceholder, &[("facet", &name.to_lowercase())])
                        prop:value=move || filter.get()
                        on:input=move |e| filter.set(event_target_value(&e))
                    />
                </Show>
                <ValueList facet=facet values=Signal::derive(visible)/>
                <Show when=move || is_long() && (hidden_count() > 0 || show_all.get())>
                    <button type="button" on:click=move |_| show_all.update(|a| *a = !*a)>
                        {move || if show_all.get() { t(Key::ShowFewer).to_owned() } else { tf(Key::ShowAllMore, &[("n", &i18n::num(hidden_count()))]) }}
                    </button>
                </Show>
            </div>
        </fieldset>
    }
}

/// A facet's values as checkboxes: "Morocco 3", each label starting with the
/// name and ending with the count.
///
/// The rows are elements written by hand, keyed by value (issue 18; the event
/// cards are written by hand too): when a click changes the counts, a row whose
/// value stays keeps its element, and only a count or `zero` class that changed
/// is written (and each box's check); rows move only when the order changed. As
/// views, each row was a component with three reactive closures over a map of
/// every value's state, all re-run on every click: by hand, an events-view click
/// at 100k participations spends about 3 ms less in script, and the app is
/// 1.9 KB smaller (BENCHMARKS.md, session 10). One delegated `change` handler
/// reads the value from the checkbox's `value` attribute.
#[component]
fn ValueList(facet: Facet, values: Signal<Vec<FacetValue>>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let list = NodeRef::<leptos::html::Ul>::new();
    let rows = StoredValue::new_local(Vec::<ValueRow>::new());
    Effect::new(move |_| {
        let Some(ul) = list.get() else {
            return;
        };
        values.with(|values| rows.update_value(|rows| write_rows(&ul, rows, facet, values)));
    });
    let on_change = move |event: ev::Event| {
        let Some(input) = changed_checkbox(&event) else {
            return;
        };
        let key = input.value();
        nav.go(HistoryMode::Push, move |v| v.toggle(facet, &key));
    };
    view! { <ul class="facet-values" node_ref=list on:change=on_change></ul> }
}

/// The checkbox a `change` event came from, if it came from one.
fn changed_checkbox(event: &ev::Event) -> Option<web_sys::HtmlInputElement> {
    use leptos::wasm_bindgen::JsCast;
    event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
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

/// The actor facet's mode: events with any of the selected actors, or all of them.
#[component]
fn ActorModeSwitch() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let radio = move |mode: ActorMode| {
        view! {
            <label>
                <input
                    type="radio"
                    name="actor-mode"
                    prop:checked=move || nav.view.with(|v| v.actor_mode == mode)
                    on:change=move |_| nav.go(HistoryMode::Push, |v| v.actor_mode = mode)
                />
                {t(Key::mode(mode))}
            </label>
        }
    };
    view! {
        <div class="mode" role="radiogroup" aria-label=t(Key::ActorsMustMatch)>
            {radio(ActorMode::Any)}
            {radio(ActorMode::All)}
        </div>
    }
}

/// The year facet: a from–to range, with the number of events per year.
#[component]
fn YearRange(selection: Shown) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let domain = move || selection.with(|s| s.year_domain);
    let set_bound = move |is_from: bool, event: ev::Event| {
        let text = event_target_value(&event);
        let year = text.trim().parse::<i32>().ok();
        nav.go(HistoryMode::Push, move |v| {
            if is_from {
                v.year_from = year;
            } else {
                v.year_to = year;
            }
        });
    };
    let years = Memo::new(move |_| {
        selection.with(|s| {
            s.facet(Facet::Year)
                .map(|f| f.values.clone())
                .unwrap_or_default()
        })
    });
    // One input per end of the range; the placeholder shows the dataset's own bound.
    let bound_input = move |label: Key, is_from: bool| {
        let bound = move |v: &ViewState| if is_from { v.year_from } else { v.year_to };
        view! {
            <label>
                {t(label)} " "
                <input
                    type="number"
                    inputmode="numeric"
                    min=move || domain().map(|d| d.0)
                    max=move || domain().map(|d| d.1)
                    placeholder=move || domain().map(|d| if is_from { d.0 } else { d.1 }.to_string())
                    prop:value=move || nav.view.with(|v| bound(v).map(|y| y.to_string()).unwrap_or_default())
                    on:change=move |e| set_bound(is_from, e)
                />
            </label>
        }
    };
    view! {
        <fieldset class="facet">
            <legend>{t(Key::FacetYear)}</legend>
            <div class="years">
                {bound_input(Key::YearFrom, true)}
                {bound_input(Key::YearTo, false)}
            </div>
            <ValueList facet=Facet::Year values=Signal::derive(move || years.get())/>
        </fieldset>
    }
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
