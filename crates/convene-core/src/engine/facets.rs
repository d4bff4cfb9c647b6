//! Facet lists: every value of every facet with its count, in display order,
//! from the counts the query pass gathered.

use super::*;

/// A vocabulary word capitalised for its facet value's label (`host` -> `Host`).
/// The words are the model's enum names (`EventStatus`, `ActorKind`, `Role`),
/// ASCII by construction (tested below), where ASCII upper case is Unicode's:
/// `char::to_uppercase` would ship its 12 KB case table in the app's wasm for
/// these three facets (issue 18). A word that starts with another letter is
/// returned as it is.
fn capitalise(word: &str) -> String {
    let mut out = word.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Positions `0..counts.len()` by count descending, ties in the order of
/// `tie_order` (a permutation of the positions): a counting sort, linear in the
/// positions plus the largest count (at most the number of events). Sorting
/// 10,000 actors with a comparison sort was a tenth of a facet toggle at 1M.
fn order_by_count_desc(counts: &[u32], tie_order: &[u32]) -> Vec<u32> {
    let max = counts.iter().copied().max().unwrap_or(0) as usize;
    // Bucket `max - count`: 0 holds the largest count.
    let mut start = vec![0u32; max + 2];
    for &c in counts {
        start[max - c as usize + 1] += 1;
    }
    for b in 0..=max {
        start[b + 1] += start[b];
    }
    let mut out = vec![0u32; counts.len()];
    for &i in tie_order {
        let bucket = &mut start[max - counts[i as usize] as usize];
        out[*bucket as usize] = i;
        *bucket += 1;
    }
    out
}

/// A selected value the dataset lacks: listed with count 0, its key as label.
fn unknown_value(key: &str) -> FacetValue {
    let key: Arc<str> = Arc::from(key);
    FacetValue {
        label: key.clone(),
        key,
        count: 0,
        selected: true,
    }
}

/// Places `unknown` values (count 0) among the zero counts at the end of `values`
/// (sorted by count descending), the zeros then ordered by folded label, then key.
fn place_unknown(values: &mut Vec<FacetValue>, unknown: Vec<FacetValue>) {
    if unknown.is_empty() {
        return;
    }
    let first_zero = values
        .iter()
        .position(|v| v.count == 0)
        .unwrap_or(values.len());
    let mut zeros: Vec<(FacetValue, String)> = values
        .split_off(first_zero)
        .into_iter()
        .chain(unknown)
        .map(|v| {
            let fold = fold_key(&v.label);
            (v, fold)
        })
        .collect();
    sort_by_cmp(&mut zeros, &|(a, fa), (b, fb)| {
        fa.cmp(fb).then_with(|| a.key.cmp(&b.key))
    });
    values.extend(zeros.into_iter().map(|(v, _)| v));
}

/// One facet's list: the values `keys` (shown as `labels`) by count descending,
/// ties in `by_label` order, then the selected values the dataset lacks (not in
/// `ids`) placed among the zero counts. One copy for the strings facets and the
/// actors.
#[inline(never)]
fn value_list(
    facet: Facet,
    keys: &[Arc<str>],
    labels: &[Arc<str>],
    by_label: &[u32],
    counts: &[u32],
    chosen: &std::collections::BTreeSet<String>,
    ids: &HashMap<String, u32>,
) -> FacetCounts {
    let order = order_by_count_desc(counts, by_label);
    let mut values: Vec<FacetValue> = order
        .iter()
        .map(|&i| {
            let i = i as usize;
            let key = keys[i].clone();
            FacetValue {
                label: labels[i].clone(),
                count: counts[i],
                selected: !chosen.is_empty() && chosen.contains(&*key),
                key,
            }
        })
        .collect();
    place_unknown(
        &mut values,
        chosen
            .iter()
            .filter(|key| id_of(ids, key).is_none())
            .map(|key| unknown_value(key))
            .collect(),
    );
    FacetCounts { facet, values }
}

impl Engine {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn facet_lists(
        &self,
        query: &Query,
        year_counts: &[u32],
        country_counts: &[u32],
        series_counts: &[u32],
        theme_counts: &[u32],
        status_counts: &[u32; 3],
        kind_counts: &[u32; 3],
        actor_counts: &[u32],
        role_counts: &[u32; 7],
    ) -> Vec<FacetCounts> {
        let year_selected = |y: i32| {
            (query.year_from.is_some() || query.year_to.is_some())
                && query.year_from.is_none_or(|f| y >= f)
                && query.year_to.is_none_or(|t| y <= t)
        };
        let years = FacetCounts {
            facet: Facet::Year,
            values: self
                .years
                .iter()
                .zip(year_counts)
                .map(|(y, &count)| {
                    let key: Arc<str> = Arc::from(y.to_string());
                    FacetValue {
                        label: key.clone(),
                        key,
                        count,
                        selected: year_selected(*y),
                    }
                })
                .collect(),
        };
        let strings = |facet: Facet,
                       interner: &Interner,
                       labels: Option<&[Arc<str>]>,
                       by_label: &[u32],
                       counts: &[u32],
                       chosen: &std::collections::BTreeSet<String>| {
            value_list(
                facet,
                &interner.values,
                labels.unwrap_or(&interner.values),
                by_label,
                counts,
                chosen,
                &interner.ids,
            )
        };
        let countries = strings(
            Facet::Country,
            &self.countries,
            Some(&self.country_labels),
            &self.fast.value_orders[0],
            country_counts,
            &query.countries,
        );
        let series = strings(
            Facet::Series,
            &self.series,
            None,
            &self.fast.value_orders[1],
            series_counts,
            &query.series,
        );
        let themes = strings(
            Facet::Theme,
            &self.themes,
            None,
            &self.fast.value_orders[2],
            theme_counts,
            &query.themes,
        );
        let statuses = FacetCounts {
            facet: Facet::Status,
            values: EventStatus::ALL
                .iter()
                .map(|s| FacetValue {
                    key: Arc::from(s.as_str()),
                    label: Arc::from(capitalise(s.as_str())),
                    count: status_counts[*s as usize],
                    selected: query.statuses.contains(s),
                })
                .collect(),
        };
        let kinds = FacetCounts {
            facet: Facet::Kind,
            values: ActorKind::ALL
                .iter()
                .map(|k| FacetValue {
                    key: Arc::from(k.as_str()),
                    label: Arc::from(capitalise(k.as_str())),
                    count: kind_counts[kind_index(*k) as usize],
                    selected: query.kinds.contains(k),
                })
                .collect(),
        };
        let actors = value_list(
            Facet::Actor,
            &self.actor_keys,
            &self.actor_labels,
            &self.fast.actor_by_name,
            actor_counts,
            &query.actors,
            &self.actor_ids,
        );
        let roles = FacetCounts {
            facet: Facet::Role,
            values: Role::ALL
                .iter()
                .map(|r| FacetValue {
                    key: Arc::from(r.as_str()),
                    label: Arc::from(capitalise(r.as_str())),
                    count: role_counts[*r as usize],
                    selected: query.roles.contains(r),
                })
                .collect(),
        };
        vec![
            years, countries, series, themes, statuses, kinds, actors, roles,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::capitalise;
    use crate::model::{ActorKind, EventStatus, Role};

    #[test]
    fn vocabulary_words_capitalise_as_unicode_does() {
        let words = EventStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(ActorKind::ALL.iter().map(|k| k.as_str()))
            .chain(Role::ALL.iter().map(|r| r.as_str()));
        for word in words {
            let mut chars = word.chars();
            let unicode: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            assert!(word.is_ascii(), "{word:?} is not ASCII");
            assert_eq!(capitalise(word), unicode, "{word:?}");
        }
        assert_eq!(capitalise(""), "");
        assert_eq!(capitalise("état"), "état", "left as it is, not broken");
    }
}
