//! The facet panel: one fieldset per facet, each value a checkbox with its count.

use convene_core::engine::{Facet, FacetValue, Selection};
use convene_core::view::ActorMode;
use leptos::ev;
use leptos::prelude::*;

use crate::explorer::Nav;
use crate::history::HistoryMode;

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
                        || v.key == needle
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
    let name = facet.label();
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
                        aria-label=format!("Filter the {} list", name.to_lowercase())
                        placeholder=format!("Filter {}…", name.to_lowercase())
                        prop:value=move || filter.get()
                        on:input=move |e| filter.set(event_target_value(&e))
                    />
                </Show>
                <ul class="facet-values">
                    <For
                        each=visible
                        key=|v: &FacetValue| (v.key.clone(), v.count, v.selected, v.label.clone())
                        let:value
                    >
                        <FacetCheckbox facet=facet value=value nav=nav/>
                    </For>
                </ul>
                <Show when=move || is_long() && (hidden_count() > 0 || show_all.get())>
                    <button type="button" on:click=move |_| show_all.update(|a| *a = !*a)>
                        {move || if show_all.get() { "Show fewer".to_owned() } else { format!("Show all ({} more)", hidden_count()) }}
                    </button>
                </Show>
            </div>
        </fieldset>
    }
}

/// One value: "Morocco 3". The label starts with the name and shows the count.
#[component]
fn FacetCheckbox(facet: Facet, value: FacetValue, nav: Nav) -> impl IntoView {
    let key = value.key.clone();
    let toggle = move |_: ev::Event| {
        let key = key.clone();
        nav.go(HistoryMode::Push, move |v| v.toggle(facet, &key));
    };
    view! {
        <li>
            <label class:zero=value.count == 0>
                <input type="checkbox" prop:checked=value.selected on:change=toggle/>
                <span class="value">{value.label}</span>
                <span class="count">{value.count}</span>
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
                {mode.label()}
            </label>
        }
    };
    view! {
        <div class="mode" role="radiogroup" aria-label="Actors must match">
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
    let years = move || {
        selection.with(|s| {
            s.facet(Facet::Year)
                .map(|f| f.values.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="facet">
            <legend>"Year"</legend>
            <div class="years">
                <label>
                    "From "
                    <input
                        type="number"
                        inputmode="numeric"
                        min=move || domain().map(|d| d.0)
                        max=move || domain().map(|d| d.1)
                        placeholder=move || domain().map(|d| d.0.to_string())
                        prop:value=move || nav.view.with(|v| v.year_from.map(|y| y.to_string()).unwrap_or_default())
                        on:change=move |e| set_bound(true, e)
                    />
                </label>
                <label>
                    "To "
                    <input
                        type="number"
                        inputmode="numeric"
                        min=move || domain().map(|d| d.0)
                        max=move || domain().map(|d| d.1)
                        placeholder=move || domain().map(|d| d.1.to_string())
                        prop:value=move || nav.view.with(|v| v.year_to.map(|y| y.to_string()).unwrap_or_default())
                        on:change=move |e| set_bound(false, e)
                    />
                </label>
            </div>
            <ul class="facet-values">
                <For each=years key=|v: &FacetValue| (v.key.clone(), v.count, v.selected) let:value>
                    <FacetCheckbox facet=Facet::Year value=value nav=nav/>
                </For>
            </ul>
        </fieldset>
    }
}

/// Lower case without diacritics, for the filter box inside a facet.
fn fold_for_filter(text: &str) -> String {
    convene_core::search::fold(text)
}
