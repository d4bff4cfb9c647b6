//! Facet lists: every value of every facet with its count, in display order,
//! from the counts the query pass gathered.

use super::*;

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
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
        // Interned values plus selected values the dataset lacks; count desc, label.
        let strings = |facet: Facet,
                       interner: &Interner,
                       labels: Option<&[Arc<str>]>,
                       ranks: &[u32],
                       counts: &[u32],
                       chosen: &std::collections::BTreeSet<String>| {
            if chosen.iter().all(|key| interner.get(key).is_some()) {
                // Every listed value is interned: sort on (count, label rank).
                let order = order_by_u64_key(interner.values.len(), |i| {
                    u64::from(!counts[i]) << 32 | u64::from(ranks[i])
                });
                return FacetCounts {
                    facet,
                    values: order
                        .iter()
                        .map(|&i| {
                            let i = i as usize;
                            let key = interner.values[i].clone();
                            FacetValue {
                                label: labels.map_or_else(|| key.clone(), |l| l[i].clone()),
                                count: counts[i],
                                selected: !chosen.is_empty() && chosen.contains(&*key),
                                key,
                            }
                        })
                        .collect(),
                };
            }
            let mut values: Vec<(FacetValue, String)> = interner
                .values
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let label = labels.map_or_else(|| key.clone(), |l| l[i].clone());
                    let fold = fold_key(&label);
                    (
                        FacetValue {
                            key: key.clone(),
                            label,
                            count: counts[i],
                            selected: chosen.contains(&**key),
                        },
                        fold,
                    )
                })
                .collect();
            for key in chosen {
                if interner.get(key).is_none() {
                    let key: Arc<str> = Arc::from(key.as_str());
                    values.push((
                        FacetValue {
                            key: key.clone(),
                            label: key.clone(),
                            count: 0,
                            selected: true,
                        },
                        fold_key(&key),
                    ));
                }
            }
            sort_by_cmp(&mut values, &|(a, fa), (b, fb)| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| fa.cmp(fb))
                    .then_with(|| a.key.cmp(&b.key))
            });
            FacetCounts {
                facet,
                values: values.into_iter().map(|(v, _)| v).collect(),
            }
        };
        let countries = strings(
            Facet::Country,
            &self.countries,
            Some(&self.country_labels),
            &self.fast.value_ranks[0],
            country_counts,
            &query.countries,
        );
        let series = strings(
            Facet::Series,
            &self.series,
            None,
            &self.fast.value_ranks[1],
            series_counts,
            &query.series,
        );
        let themes = strings(
            Facet::Theme,
            &self.themes,
            None,
            &self.fast.value_ranks[2],
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
        // Actors: sorted by (count desc, name rank) on integers, then materialised.
        let order = order_by_count_desc(actor_counts, &self.fast.actor_by_name);
        let mut actor_values: Vec<FacetValue> = order
            .iter()
            .map(|&a| {
                let a = a as usize;
                let key = self.actor_keys[a].clone();
                FacetValue {
                    selected: !query.actors.is_empty() && query.actors.contains(&*key),
                    key,
                    label: self.actor_labels[a].clone(),
                    count: actor_counts[a],
                }
            })
            .collect();
        let mut unknown: Vec<FacetValue> = query
            .actors
            .iter()
            .filter(|id| !self.actor_ids.contains_key(*id))
            .map(|id| {
                let key: Arc<str> = Arc::from(id.as_str());
                FacetValue {
                    label: key.clone(),
                    key,
                    count: 0,
                    selected: true,
                }
            })
            .collect();
        if !unknown.is_empty() {
            // Zero-count unknown ids go among the zero counts, by label.
            let first_zero = actor_values
                .iter()
                .position(|v| v.count == 0)
                .unwrap_or(actor_values.len());
            let zeros: Vec<FacetValue> = actor_values.split_off(first_zero);
            let mut zeros: Vec<(FacetValue, String)> = zeros
                .into_iter()
                .chain(unknown.drain(..))
                .map(|v| {
                    let fold = fold_key(&v.label);
                    (v, fold)
                })
                .collect();
            sort_by_cmp(&mut zeros, &|(a, fa), (b, fb)| {
                fa.cmp(fb).then_with(|| a.key.cmp(&b.key))
            });
            actor_values.extend(zeros.into_iter().map(|(v, _)| v));
        }
        let actors = FacetCounts {
            facet: Facet::Actor,
            values: actor_values,
        };
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
