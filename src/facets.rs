//! The facet panel: one fieldset per facet, each value a checkbox with its count.

use std::collections::HashMap;
use std::sync::Arc;

use convene_core::engine::{Facet, FacetValue, Selection};
use convene_core::i18n::Key;
use convene_core::model::{ActorKind, EventStatus, Role};
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
    view! {
        <YearRange selection=selection/>
        {Facet::ALL
            .into_iter()
            .filter(|facet| *facet != Facet::Year)
            .map(|facet| view! { <FacetGroup facet=facet selection=selection/> })
            .collect_view()}
    }
}

/// One facet: a collapsible fieldset of checkboxes with counts.
#[component]
fn FacetGroup(facet: Facet, selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let open = RwSignal::new(true);
    let show_all = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let values = Memo::new(move |_| {
        selection.with(|s| s.facet(facet).map(|f| f.values.clone()).unwrap_or_default())
    });
    let states = value_states(values);
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
                <ul class="facet-values">
                    <For each=visible key=|v: &FacetValue| v.key.clone() let:value>
                        <FacetCheckbox facet=facet value=value states=states nav=nav/>
                    </For>
                </ul>
                <Show when=move || is_long() && (hidden_count() > 0 || show_all.get())>
                    <button type="button" on:click=move |_| show_all.update(|a| *a = !*a)>
                        {move || if show_all.get() { t(Key::ShowFewer).to_owned() } else { tf(Key::ShowAllMore, &[("n", &i18n::num(hidden_count()))]) }}
                    </button>
                </Show>
            </div>
        </fieldset>
    }
}

/// Each value's count and whether it is selected, by key: what a checkbox reads.
type ValueStates = Memo<HashMap<Arc<str>, (u32, bool)>>;

fn value_states(values: Memo<Vec<FacetValue>>) -> ValueStates {
    Memo::new(move |_| {
        values.with(|values| {
            values
                .iter()
                .map(|v| (v.key.clone(), (v.count, v.selected)))
                .collect()
        })
    })
}

/// One value: "Morocco 3". The label starts with the name and shows the count.
///
/// Keyed by the value alone: when a click changes the counts, the checkbox stays
/// and only its count and state update (rebuilding every checkbox cost a frame).
#[component]
fn FacetCheckbox(facet: Facet, value: FacetValue, states: ValueStates, nav: Nav) -> impl IntoView {
    let key = value.key.clone();
    let state = {
        let key = key.clone();
        move || states.with(|states| states.get(&key).copied().unwrap_or((0, false)))
    };
    let toggle = move |_: ev::Event| {
        let key = key.clone();
        nav.go(HistoryMode::Push, move |v| v.toggle(facet, &key));
    };
    let (count, checked, zero) = (state.clone(), state.clone(), state);
    let label = translated_value(facet, &value.key).unwrap_or_else(|| value.label.to_string());
    view! {
        <li>
            <label class:zero=move || zero().0 == 0>
                <input type="checkbox" prop:checked=move || checked().1 on:change=toggle/>
                <span class="value">{label}</span>
                <span class="count">{move || i18n::num(count().0 as usize)}</span>
            </label>
        </li>
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
fn YearRange(selection: Memo<Selection>) -> impl IntoView {
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
    let year_states = value_states(years);
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
            <ul class="facet-values">
                <For each=move || years.get() key=|v: &FacetValue| v.key.clone() let:value>
                    <FacetCheckbox facet=Facet::Year value=value states=year_states nav=nav/>
                </For>
            </ul>
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
