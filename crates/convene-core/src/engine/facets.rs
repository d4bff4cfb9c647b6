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
                       counts: &[u32],
                       chosen: &std::collections::BTreeSet<String>| {
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
            country_counts,
            &query.countries,
        );
        let series = strings(
            Facet::Series,
            &self.series,
            None,
            series_counts,
            &query.series,
        );
        let themes = strings(
            Facet::Theme,
            &self.themes,
            None,
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
        let order = order_by_u64_key(actor_counts.len(), |a| {
            u64::from(!actor_counts[a]) << 32 | u64::from(self.actor_name_rank[a])
        });
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
