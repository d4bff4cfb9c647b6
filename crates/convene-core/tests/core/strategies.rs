//! proptest strategies for queries and views.
