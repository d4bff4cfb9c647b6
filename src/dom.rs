//! Elements written by hand: the parts of the page that are written whole and
//! then only read (event cards, the detail pages, the matrix's and the network's
//! details panels), the links in them, and the places ([`Slot`]) the Open data
//! dialog writes its state into.
//!
//! Why not views: every Leptos view is its own monomorphised type, with reactive
//! owners and a closure per link. Written with these helpers, those pages and
//! panels left the app 22 KB brotli smaller (495,356 -> 472,900 B; BENCHMARKS.md,
//! session 13), and the Open data dialog 9 KB more (session 14), with the same HTML.

use std::rc::Rc;
use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::{segments, Key, Segment};
use convene_core::view::ViewState;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::history::HistoryMode;
use crate::i18n::t;
use crate::nav::{is_plain_click, scroll_to_top, Nav};

/// A new `<tag>` with `class` (when not empty).
pub fn element(doc: &Document, tag: &str, class: &str) -> Element {
    let el = doc.create_element(tag).expect("a document makes elements");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el
}

/// A new SVG `<tag>` with `class` (when not empty): made in the SVG namespace, and
/// its class set as an attribute (an SVG element's `className` is not a string).
pub fn svg_element(doc: &Document, tag: &str, class: &str) -> Element {
    let el = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .expect("a document makes SVG elements");
    if !class.is_empty() {
        attr(&el, "class", class);
    }
    el
}

/// Appends an SVG `<tag>` with `class` (when not empty) to `parent`, and returns it.
pub fn svg_child(doc: &Document, parent: &Element, tag: &str, class: &str) -> Element {
    let el = svg_element(doc, tag, class);
    let _ = parent.append_child(&el);
    el
}

/// Appends a `<tag>` with `class` (when not empty) to `parent`, and returns it.
pub fn child(doc: &Document, parent: &Element, tag: &str, class: &str) -> Element {
    let el = element(doc, tag, class);
    let _ = parent.append_child(&el);
    el
}

/// Sets `el`'s attribute `name` to `value`.
pub fn attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// Appends `text` to `parent` as a text node.
pub fn text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// Appends a `<tag>` with `class` holding `text` to `parent`, and returns it.
pub fn child_text(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let el = child(doc, parent, tag, class);
    el.set_text_content(Some(text));
    el
}

/// `parent`'s `k`-th child element, or a new one `make` gives, appended, when it
/// has fewer: lists rewritten in place by position keep their elements, so the
/// focus stays where it was (the toolbar's chips, the network's nodes).
pub fn nth_child(parent: &Element, k: usize, make: impl FnOnce() -> Element) -> Element {
    match parent.children().item(k as u32) {
        Some(el) => el,
        None => {
            let el = make();
            let _ = parent.append_child(&el);
            el
        }
    }
}

/// `el`'s place among its parent's child elements, from 0: which of a row of
/// buttons written by hand a delegated click landed on.
pub fn place(el: &Element) -> usize {
    let mut place = 0;
    let mut before = el.previous_element_sibling();
    while let Some(el) = before {
        place += 1;
        before = el.previous_element_sibling();
    }
    place
}

/// Removes `parent`'s child elements from the `keep`-th on.
pub fn keep_children(parent: &Element, keep: usize) {
    let children = parent.children();
    while let Some(extra) = children.item(keep as u32) {
        extra.remove();
    }
}

/// The element matching `selector` (CSS) that `event` happened in: its target or
/// the target's nearest ancestor that matches (a click on a button's icon is a
/// click on the button); `None` when there is none.
pub fn target_in(event: &web_sys::Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// Runs `write` on the parts of an element written by hand, once they are
/// written (`parts` holds them from the element's mount on).
pub fn follow<P: 'static>(
    parts: StoredValue<Option<P>, LocalStorage>,
    write: &dyn Fn(&Document, &mut P),
) {
    parts.update_value(|p| {
        if let Some(p) = p {
            write(&document(), p);
        }
    });
}

/// A place among an element's children whose elements are written again as a
/// whole, between siblings that stay (the Open data dialog's progress bar,
/// messages and tables): they go before `anchor`, an empty comment that marks
/// where the place is.
pub struct Slot {
    anchor: web_sys::Comment,
    /// The elements the place holds, in order.
    pub nodes: Vec<Element>,
}

impl Slot {
    /// A place at the end of `parent`.
    pub fn new(doc: &Document, parent: &Element) -> Self {
        let anchor = doc.create_comment("");
        let _ = parent.append_child(&anchor);
        Slot {
            anchor,
            nodes: Vec::new(),
        }
    }

    /// Removes what the place holds.
    pub fn clear(&mut self) {
        for node in self.nodes.drain(..) {
            node.remove();
        }
    }

    /// Adds a `<tag>` with `class` at the place's end, and returns it.
    pub fn add(&mut self, doc: &Document, tag: &str, class: &str) -> Element {
        self.put(element(doc, tag, class))
    }

    /// Adds `el` (made by the caller: an SVG element) at the place's end, and
    /// returns it.
    pub fn put(&mut self, el: Element) -> Element {
        let _ = self.anchor.before_with_node_1(&el);
        self.nodes.push(el.clone());
        el
    }

    /// Makes the place hold one `<button>` with `class` saying `label`, or nothing
    /// for `None`. A button that stays keeps its element (and the focus), its
    /// words rewritten. Returns the button when it is new, for the caller's
    /// attributes.
    pub fn button(&mut self, doc: &Document, label: Option<&str>, class: &str) -> Option<Element> {
        let Some(label) = label else {
            self.clear();
            return None;
        };
        if let Some(button) = self.nodes.first() {
            button.set_text_content(Some(label));
            return None;
        }
        let button = self.add(doc, "button", class);
        button.set_text_content(Some(label));
        Some(button)
    }

    /// Whether `node` is in the place.
    pub fn holds(&self, node: &web_sys::Node) -> bool {
        self.nodes.iter().any(|n| n.contains(Some(node)))
    }
}

/// Appends `<label class="{class}">label <select>` to `parent`, its options
/// `(value, words)`, and returns the select (the matrix's row order and
/// grouping, the events' sort).
pub fn write_select(
    doc: &Document,
    parent: &Element,
    class: &str,
    label: &str,
    options: &[(&str, &str)],
) -> Element {
    let label_el = child(doc, parent, "label", class);
    text(&label_el, &format!("{label} "));
    let select = child(doc, &label_el, "select", "");
    for (value, words) in options {
        attr(
            &child_text(doc, &select, "option", "", words),
            "value",
            value,
        );
    }
    select
}

/// Marks the option of `select` whose value is `value` as the selected one: the
/// `selected` attribute, on the options whose mark changes, and the select's
/// value. The attribute alone does not move a choice a person (or a script)
/// has made: Firefox and WebKit then keep showing it, so after Back a select
/// showed the sort Back had undone (the events e2e test "the events' sort ..."
/// pins it; Chromium moved it).
pub fn mark_selected(select: &Element, value: &str) {
    let options = select.children();
    for i in 0..options.length() {
        let Some(option) = options.item(i) else {
            continue;
        };
        let want = option.get_attribute("value").as_deref() == Some(value);
        if option.has_attribute("selected") != want {
            if want {
                attr(&option, "selected", "");
            } else {
                let _ = option.remove_attribute("selected");
            }
        }
    }
    if let Some(select) = select.dyn_ref::<web_sys::HtmlSelectElement>() {
        if select.value() != value {
            select.set_value(value);
        }
    }
}

/// An effect (reruns when what `body` reads changes) whose body is called
/// through one `Box<dyn FnMut()>`: Leptos's `Effect::new` is generic over its
/// closure, and each copy of it costs about 0.5 KB of wasm around the body
/// (owner, subscriber set, scheduling), so the app's effects share one copy
/// (issue 18: size).
pub fn effect(body: impl FnMut() + 'static) {
    effect_boxed(Box::new(body));
}

/// Not inlined: LLVM otherwise copies `Effect::new`'s set-up into every caller
/// of [`effect`], which undid most of the sharing (4.2 KB brotli; issue 18).
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one call of Effect::new (clippy.toml)
fn effect_boxed(mut body: Box<dyn FnMut()>) {
    Effect::new(move |_| body());
}

/// A memo (a derived value, recomputed when what `value` reads changes, whose
/// readers rerun only when it changes) whose function is called through one
/// `Box<dyn Fn>`: `Memo::new` is generic over its closure, so this compiles its
/// set-up once per value type instead of once per memo (issue 18: size).
pub fn memo<T>(value: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    memo_boxed(Box::new(value))
}

/// Not inlined, for the reason [`effect_boxed`] is not.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one call of Memo::new (clippy.toml)
fn memo_boxed<T>(value: Box<dyn Fn() -> T + Send + Sync>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| value())
}

/// Runs `write` on `node`'s element once it is mounted, emptied first. The
/// element can hold content already: when data is opened, the new explorer's
/// views are built over the old one's and take over its elements, so what was
/// written by hand there would otherwise be written twice (every id in the page
/// twice; the bug the open-data test "opening data again writes each part once"
/// pins).
pub fn on_mount<E>(node: NodeRef<E>, write: impl Fn(&Element) + 'static)
where
    E: leptos::html::ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    // Boxed: one copy of this function per element type, not per writer.
    let write: Box<dyn Fn(&Element)> = Box::new(write);
    effect(move || {
        if let Some(el) = node.get() {
            let el: Element = el.unchecked_into();
            el.set_text_content(None);
            write(&el);
        }
    });
}

/// How a link changes the view: applied to the current view, it gives the view
/// the link opens.
pub type Change = Rc<dyn Fn(&mut ViewState)>;

/// Links written by hand that change the view. Each has a real `href` (so it
/// opens in a new tab and can be copied), rewritten by [`Links::refresh`] when
/// the view changes; a plain click on one pushes a history entry, through one
/// delegated handler for all of them ([`Links::clicked`], [`Links::follow`]).
/// Each link carries `data-link`, its index here.
#[derive(Default)]
pub struct Links(Vec<(Element, Change, String)>);

impl Links {
    /// Appends a link (`<a>` with `class`) to `parent` that opens the view `change`
    /// makes of the current one, and returns it (its content is the caller's).
    pub fn add(
        &mut self,
        doc: &Document,
        parent: &Element,
        class: &str,
        change: impl Fn(&mut ViewState) + 'static,
    ) -> Element {
        let link = child(doc, parent, "a", class);
        let _ = link.set_attribute("data-link", &self.0.len().to_string());
        self.0.push((link.clone(), Rc::new(change), String::new()));
        link
    }

    /// Rewrites each link's `href` for the current view (the ones that changed).
    /// Reads `nav.view`, so an effect calling it runs again when the view changes.
    pub fn refresh(&mut self, nav: Nav) {
        for (link, change, href) in &mut self.0 {
            let now = nav.href(|v| change(v));
            if *href != now {
                let _ = link.set_attribute("href", &now);
                *href = now;
            }
        }
    }

    /// The change of the link `event` (a click) landed on, when it is a plain click
    /// on one of these links; modified clicks are left to the browser.
    pub fn clicked(&self, event: &ev::MouseEvent) -> Option<Change> {
        if !is_plain_click(event) {
            return None;
        }
        let link = target_in(event, "a[data-link]")?;
        let index: usize = link.get_attribute("data-link")?.parse().ok()?;
        self.0.get(index).map(|(_, change, _)| change.clone())
    }

    /// Opens the page `change` makes of the current view with a pushed history
    /// entry, at the top, after the caller prevented the link's default.
    pub fn follow(nav: Nav, change: Change) {
        nav.go(HistoryMode::Push, |v| change(v));
        scroll_to_top();
    }
}

/// A detail page written by hand: an `<article>` with `class`, titled by its
/// `#detail-title`, [`written`] by `write`.
pub fn page(
    class: &'static str,
    write: impl Fn(&Document, &Element, &mut Links, &Engine) + 'static,
    other_click: impl Fn(&ev::MouseEvent) + 'static,
) -> AnyView {
    let node = NodeRef::<leptos::html::Article>::new();
    let on_click = written(node, write, other_click);
    view! {
        <article class=class aria-labelledby="detail-title" node_ref=node on:click=on_click></article>
    }
    .into_any()
}

/// Makes `node`'s element content written by hand: `write` fills it (with the
/// document, the element, its links and the engine) once mounted, and again,
/// from empty, whenever a signal it read changes. Its links' addresses follow
/// the view. Returns the element's click handler: a click on one of its links
/// opens that view; any other click goes to `other_click` (its "Cite" buttons).
pub fn written<E>(
    node: NodeRef<E>,
    write: impl Fn(&Document, &Element, &mut Links, &Engine) + 'static,
    other_click: impl Fn(&ev::MouseEvent) + 'static,
) -> impl Fn(ev::MouseEvent) + 'static
where
    E: leptos::html::ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    written_boxed(node, Box::new(write), Box::new(other_click))
}

/// What a page writes by hand: [`written`]'s `write`.
type Write = Box<dyn Fn(&Document, &Element, &mut Links, &Engine)>;

/// [`written`] with its closures boxed and never inlined: once per element type,
/// not once per page (issue 18: size).
#[inline(never)]
fn written_boxed<E>(
    node: NodeRef<E>,
    write: Write,
    other_click: Box<dyn Fn(&ev::MouseEvent)>,
) -> impl Fn(ev::MouseEvent) + 'static
where
    E: leptos::html::ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let links = StoredValue::new_local(Links::default());
    on_mount(node, move |el| {
        let mut fresh = Links::default();
        write(&document(), el, &mut fresh, &engine);
        untrack(|| fresh.refresh(nav));
        links.set_value(fresh);
    });
    // The view changed: the links' addresses follow (the content stays).
    effect(move || links.update_value(|links| links.refresh(nav)));
    move |event: ev::MouseEvent| {
        if let Some(change) = links.with_value(|links| links.clicked(&event)) {
            event.prevent_default();
            Links::follow(nav, change);
        } else {
            other_click(&event);
        }
    }
}

/// Appends `key`'s template to `parent` with each value in a `<bdi>` (so a
/// Latin name or a number inside Arabic text keeps its own direction and leaves
/// its neighbours'), inside a `<tag>` when the value names one:
/// `(name, text, tag or "")`.
pub fn template(doc: &Document, parent: &Element, key: Key, values: &[(&str, &str, &str)]) {
    for segment in segments(t(key)) {
        match segment {
            Segment::Text(words) => text(parent, words),
            Segment::Arg(name) => match values.iter().find(|(n, _, _)| *n == name) {
                Some((_, value, "")) => {
                    child_text(doc, parent, "bdi", "", value);
                }
                Some((_, value, tag)) => {
                    child_text(doc, &child(doc, parent, "bdi", ""), tag, "", value);
                }
                None => text(parent, &format!("{{{name}}}")),
            },
        }
    }
}

/// Shown for an `open=` id the dataset does not hold: `message` (which id), that
/// the link may come from another version of the data, and "← Back to results"
/// (to the view `back` makes of the current one).
pub fn not_found(message: String, back: fn(&mut ViewState)) -> AnyView {
    let node = NodeRef::<leptos::html::Section>::new();
    let write = move |doc: &Document, section: &Element, links: &mut Links, _: &Engine| {
        child_text(doc, section, "h2", "", &message);
        child_text(doc, section, "p", "", t(Key::OtherVersion));
        let p = child(doc, section, "p", "");
        links
            .add(doc, &p, "", back)
            .set_text_content(Some(t(Key::BackToResults)));
    };
    let on_click = written(node, write, |_| {});
    view! { <section class="detail" role="alert" node_ref=node on:click=on_click></section> }
        .into_any()
}

/// A detail page's top: "← Back to results" (to the view `back` makes of the
/// current one; Back works too), then its title, `#detail-title`.
pub fn heading(
    doc: &Document,
    article: &Element,
    links: &mut Links,
    title: &str,
    back: impl Fn(&mut ViewState) + 'static,
) {
    let p = child(doc, article, "p", "");
    links
        .add(doc, &p, "", back)
        .set_text_content(Some(t(Key::BackToResults)));
    child_text(doc, article, "h2", "", title).set_id("detail-title");
}

/// A notices box's content, written by hand into `el`: a `<head_tag>` holding
/// `title` (`strong`, or `summary` in a `<details>`), then a `<ul>` with an
/// `<li>` per item.
pub fn notice_list(doc: &Document, el: &Element, head_tag: &str, title: &str, items: &[String]) {
    child_text(doc, el, head_tag, "", title);
    let list = child(doc, el, "ul", "");
    for item in items {
        child_text(doc, &list, "li", "", item);
    }
}

/// Appends "label: value" to a `<dl>` when `value` is not empty.
pub fn field(doc: &Document, dl: &Element, label: &str, value: &str) {
    if !value.is_empty() {
        child_text(doc, dl, "dt", "", label);
        child_text(doc, dl, "dd", "", value);
    }
}

/// A condition for [`show`], and a view maker, boxed (so [`show_boxed`] is one
/// copy for every use).
/// A `<p class="{class}" role="{role}">` holding `text()` while it gives one,
/// else nothing: the notes and the "nothing matches" lines of the matrix, the
/// network and the banner on whose data shows. Compiled once: each inline
/// `view!` of such a paragraph was its own type (issue 18, size).
pub fn para(
    class: &'static str,
    role: Option<&'static str>,
    text: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> AnyView {
    para_boxed(class, role, Box::new(text))
}

fn para_boxed(
    class: &'static str,
    role: Option<&'static str>,
    text: Box<dyn Fn() -> Option<String> + Send + Sync>,
) -> AnyView {
    (move || text().map(|text| view! { <p class=class role=role>{text}</p> })).into_any()
}

type When = Box<dyn Fn() -> bool + Send + Sync>;
type MakeView = Box<dyn Fn() -> AnyView + Send + Sync>;

/// Leptos's `<Show>`, compiled once: `make`'s view while `when` holds, else
/// `fallback`'s (or nothing). The condition is memoised, so the view is built
/// again only when it flips, as `<Show>` does. Why not `<Show>`: it is generic
/// over its condition and children, so each use compiled its own memo, reactive
/// view, children closure and `Either` of the two branches into the wasm; here
/// only the boxing and the view's `into_any` are per use (issue 18: size).
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    make: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    show_boxed(Box::new(when), Box::new(make), None)
}

/// [`show`] with a view for when `when` does not hold.
pub fn show_or(
    when: impl Fn() -> bool + Send + Sync + 'static,
    make: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    show_boxed(Box::new(when), Box::new(make), Some(Box::new(fallback)))
}

fn show_boxed(when: When, make: MakeView, fallback: Option<MakeView>) -> impl IntoView {
    let when = memo(when);
    move || {
        if when.get() {
            make()
        } else {
            fallback.as_ref().map_or_else(|| ().into_any(), |f| f())
        }
    }
}
