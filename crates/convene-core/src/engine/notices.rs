//! What a view names that the dataset does not hold, as notices for the app.
//!
//! The URL codec ([`crate::view`]) decodes a view without a dataset; this pass
//! compares it with one. It lived on `ViewState`, which made the codec depend on
//! the engine (issue 12).

use crate::view::{Notice, Open, ViewState};

use super::Engine;

impl Engine {
    /// The selected values and the open item of `view` that this engine's dataset
    /// does not hold
    /// (`actor=zzz`), as notices for the app to show. The filters stay applied.
    pub fn unknown_values(&self, view: &ViewState) -> Vec<Notice> {
        let mut out = Vec::new();
        let d = self.dataset();
        let missing = "not in this dataset";
        for c in &view.countries {
            if !d
                .events
                .iter()
                .any(|e| e.country.as_deref() == Some(c.as_str()))
            {
                out.push(Notice::new("country", c, missing));
            }
        }
        for s in &view.series {
            if !d
                .events
                .iter()
                .any(|e| e.series.as_deref() == Some(s.as_str()))
            {
                out.push(Notice::new("series", s, missing));
            }
        }
        for t in &view.themes {
            if !d.events.iter().any(|e| e.themes.iter().any(|x| x == t)) {
                out.push(Notice::new("theme", t, missing));
            }
        }
        for a in &view.actors {
            if self.actor_index(a).is_none() {
                out.push(Notice::new("actor", a, missing));
            }
        }
        match &view.open {
            Some(Open::Event(id)) if self.event_index(id).is_none() => {
                out.push(Notice::new("open", &format!("event:{id}"), missing))
            }
            Some(Open::Actor(id)) if self.actor_index(id).is_none() => {
                out.push(Notice::new("open", &format!("actor:{id}"), missing))
            }
            Some(Open::Source(id)) if self.source_index(id).is_none() => {
                out.push(Notice::new("open", &format!("source:{id}"), missing))
            }
            _ => {}
        }
        out
    }
}
