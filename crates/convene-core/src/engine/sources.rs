//! The engine's door to its source library ([`crate::sources`]): texts fetched
//! later, source pages, snippets and quote ranges.

use std::ops::Range;

use crate::search::Snippet;
use crate::sources::{QuoteWarning, SourcePage};

use super::Engine;

impl Engine {
    /// Hands texts fetched for `text_url` sources to the engine: see
    /// [`crate::sources::SourceLibrary::attach`].
    pub fn attach_source_texts(&self, texts: Vec<(usize, String)>) -> Vec<QuoteWarning> {
        self.sources().attach(self.dataset(), texts)
    }

    /// The source page's model: see [`crate::sources::SourceLibrary::page`].
    pub fn source_page(&self, source: usize) -> Option<SourcePage> {
        self.sources().page(self.dataset(), source)
    }

    /// The source snippet of a search result: see [`crate::sources::SourceLibrary::snippet`].
    pub fn source_snippet(&self, event: usize, query: &str) -> Option<(usize, Snippet)> {
        self.sources().snippet(self.search_index(), event, query)
    }

    /// Where a participation's quote sits in its source's text: see
    /// [`crate::sources::SourceLibrary::quote_range`].
    pub fn quote_range(&self, participation: usize) -> Option<Range<usize>> {
        let p = self.dataset().participations.get(participation)?;
        let source = self.source_index(&p.source)?;
        self.sources().quote_range(source, participation)
    }
}
