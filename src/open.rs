//! The "Open data" dialog (issue 13): a local file (picker or drag-and-drop),
//! a link, or pasted text; the column mapping preview; the "Problems" list;
//! "Download as convene/1". Every rule (encodings, CSV, mapping, dates,
//! problems, allowed links) is in `convene_core::import`; this only renders.
//! Reading, parsing, validation and import run in a Web Worker
//! ([`crate::open_worker`]) with a progress bar and a Cancel button.

use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::import::mapping::{preview, Field};
use convene_core::import::{self, Input, Opened, Options, Sheet};
use convene_core::Dataset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{self, attr, child, child_text, text, Slot};
use crate::i18n::{t, tf};
use crate::open_worker::{in_page, InPage, Message, OpenWorker, Source, WORKER_FAILED};
use convene_core::i18n::Key;

/// The dataset opened by the user, replacing the app's, with the banner that
/// says where it is from (set by the dialog, read by `App`).
#[derive(Clone, Copy)]
pub struct OpenedData(pub RwSignal<Option<(Arc<Engine>, String)>>);

/// The user's files (never sent anywhere), and the banner that names them.
fn file_sources(files: web_sys::FileList) -> (Vec<Source>, String) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let origin = tf(Key::DataFromFile, &[("names", &names.join(", "))]);
    (files.into_iter().map(Source::File).collect(), origin)
}

/// An import's summary in the page's language, from its counts (the same line
/// whether the worker or the page imported).
///
/// An import that made nothing says first why and what to do (`problem_rows`
/// rows with problems, `mapping` problems of the mapping's): rows to correct or
/// skip, rows to correct (every one has a problem), a file with no data rows to
/// correct, or columns to set; before, "imported: 0" and a disabled "Show the
/// data" were all it said.
fn summary_text(
    counts: [usize; import::SUMMARY_LEN],
    imported: bool,
    problem_rows: usize,
    mapping: usize,
) -> String {
    let shown: Vec<String> = counts.iter().map(|&n| crate::i18n::num(n)).collect();
    let values: Vec<(&str, &str)> = import::SUMMARY_COUNTS
        .iter()
        .zip(&shown)
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let summary = tf(Key::ImportSummary, &values);
    // counts[0]: rows read (`import::SUMMARY_COUNTS`). Skipping is offered
    // only when it would leave rows to import.
    let read = counts[0];
    let stopped = match (imported, mapping, problem_rows) {
        (true, ..) | (false, 0, 0) => return summary,
        (false, 0, rows) if rows >= read => t(Key::ImportAllSkipped).to_string(),
        (false, 0, rows) => crate::i18n::plural(Key::ImportStoppedRows, rows, &[]),
        _ if read == 0 => t(Key::ImportNoRows).to_string(),
        _ => t(Key::ImportStoppedMapping).to_string(),
    };
    format!("{stopped} {summary}")
}

/// Bytes of the user's files, read in the page: only where no worker can start.
async fn read_files(files: Vec<web_sys::File>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for file in files {
        let promise = file.array_buffer();
        if let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(promise).await {
            out.push((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    }
    out
}

/// A byte count as a reader scans it: `5.2 MB`, `830 KB`. Integer arithmetic:
/// `{:.1}` would link Rust's float formatting into the wasm.
fn bytes_text(n: f64) -> String {
    let n = n.max(0.0) as u64;
    if n >= 1_000_000 {
        let tenths = (n + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", n.div_ceil(1000))
    }
}

/// How many more problems the "Problems" list shows at a time.
const PROBLEMS_PAGE: usize = 500;

/// The dialog's state.
#[derive(Clone, Copy)]
struct State {
    sheets: RwSignal<Vec<Sheet>>,
    message: RwSignal<Option<String>>,
    problems: RwSignal<Vec<String>>,
    /// How many of `problems` the list shows: a page at a time, as building
    /// 16,000 items at once held the page for half a second (a trial's sheet).
    problems_shown: RwSignal<usize>,
    summary: RwSignal<Option<String>>,
    skip: RwSignal<bool>,
    imported: RwSignal<Option<Dataset>>,
    /// Where the data came from, for the banner.
    origin: RwSignal<String>,
    /// While the worker reads: bytes read, bytes in all, rows parsed.
    busy: RwSignal<Option<(f64, f64, u32)>>,
    /// The bytes the worker read, in all: the bar shows them whole while it
    /// imports (it said "1 KB of 1 KB read" there).
    bytes_read: StoredValue<f64>,
    /// Data rows of each whole sheet (the page holds only their first rows).
    totals: RwSignal<Vec<usize>>,
    /// The worker reading the data, then holding the sheets until "Import".
    worker: StoredValue<Option<OpenWorker>, LocalStorage>,
}

impl State {
    /// The mapping or "Skip rows with problems" changed: the last import's
    /// dataset, summary and problems were for the old settings. "Show the data"
    /// showed that dataset and the summary described it (a trial, session 24);
    /// now both wait for the next Import.
    fn stale(&self) {
        if self.imported.with_untracked(Option::is_some)
            || self.summary.with_untracked(Option::is_some)
        {
            self.imported.set(None);
            self.summary.set(None);
            self.set_problems(Vec::new());
        }
    }

    fn set_problems(&self, problems: Vec<String>) {
        self.problems_shown.set(PROBLEMS_PAGE);
        self.problems.set(problems);
    }

    fn clear(&self) {
        self.sheets.set(Vec::new());
        self.message.set(None);
        self.set_problems(Vec::new());
        self.summary.set(None);
        self.imported.set(None);
        self.totals.set(Vec::new());
    }

    /// Ends the worker (after the current message: a closure must not drop
    /// itself while it runs).
    fn stop_worker(&self) {
        let worker = self.worker;
        spawn_local(async move { worker.set_value(None) });
    }

    /// Opens the sources in a worker, with the progress bar; in the page when
    /// no worker can start.
    fn open_sources(&self, sources: Vec<Source>, origin: String) {
        self.worker.set_value(None);
        self.clear();
        self.origin.set(origin.clone());
        let total: f64 = sources
            .iter()
            .map(|s| match s {
                Source::File(f) => f.size(),
                Source::Bytes(_, b) => b.len() as f64,
            })
            .sum();
        let state = *self;
        if let (false, Some(page)) = (OpenWorker::available(), in_page()) {
            spawn_local(async move {
                let mut files = Vec::new();
                let mut on_disk = Vec::new();
                for s in sources {
                    match s {
                        Source::File(f) => on_disk.push(f),
                        Source::Bytes(n, b) => files.push((n, b)),
                    }
                }
                files.extend(read_files(on_disk).await);
                state.open(page, files, origin);
            });
            return;
        }
        self.busy.set(Some((0.0, total, 0)));
        let worker = OpenWorker::open(sources, move |m| state.on_message(m));
        if worker.is_none() {
            self.busy.set(None);
            self.message.set(Some(WORKER_FAILED.into()));
        }
        self.worker.set_value(worker);
    }

    /// What the worker says.
    fn on_message(&self, message: Message) {
        match message {
            Message::Progress { read, total, rows } => {
                self.bytes_read.set_value(total);
                self.busy.set(Some((read, total, rows)));
            }
            Message::Dataset(result) => {
                self.busy.set(None);
                self.stop_worker();
                match result {
                    Ok(d) => self.dataset_read(d),
                    Err(e) => self.message.set(Some(e)),
                }
            }
            Message::Sheets(heads) => {
                self.busy.set(None);
                self.totals.set(heads.iter().map(|h| h.total).collect());
                self.sheets.set(heads.iter().map(|h| h.sheet()).collect());
            }
            Message::Imported(dataset, report) => {
                self.busy.set(None);
                self.summary.set(Some(summary_text(
                    report.counts,
                    matches!(dataset, Some(Ok(_))),
                    report.problem_rows,
                    report.mapping_problems,
                )));
                self.set_problems(report.problems);
                match dataset {
                    Some(Ok(d)) => self.imported.set(Some(d)),
                    Some(Err(e)) => self.message.set(Some(e)),
                    None => self.imported.set(None),
                }
            }
            Message::Error(e) => {
                self.busy.set(None);
                self.stop_worker();
                self.message.set(Some(e));
            }
        }
    }

    /// A convene/1 file was read: it is ready to show, and the dialog says
    /// what it holds (a spreadsheet says so in its import summary).
    fn dataset_read(&self, d: Dataset) {
        let n = crate::i18n::num;
        self.summary.set(Some(tf(
            Key::DatasetRead,
            &[
                ("events", &n(d.events.len())),
                ("actors", &n(d.actors.len())),
                ("participations", &n(d.participations.len())),
            ],
        )));
        self.imported.set(Some(d));
    }

    /// Cancel: the worker is terminated, nothing is loaded, and the dialog
    /// says so.
    fn cancel(&self) {
        self.worker.set_value(None);
        self.busy.set(None);
        self.clear();
        self.message.set(Some(t(Key::ReadingCancelled).to_string()));
    }

    /// Opens the inputs in the page: JSON loads at once; spreadsheets show
    /// their mapping. Where no worker can start ([`in_page`]).
    fn open(&self, page: InPage, files: Vec<(String, Vec<u8>)>, origin: String) {
        self.clear();
        self.origin.set(origin);
        let inputs: Vec<Input> = files
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect();
        match (page.open)(&inputs) {
            Ok(Opened::Dataset(d)) => self.dataset_read(d),
            Ok(Opened::Sheets(s)) => self.sheets.set(s),
            Err(e) => self.message.set(Some(e.to_string())),
        }
    }

    /// Imports the sheets under their current mappings: in the worker that
    /// holds them, else in the page ([`in_page`]).
    fn import(&self) {
        let in_worker = self.worker.with_value(|w| {
            w.as_ref().map(|w| {
                let mappings: Vec<_> = self
                    .sheets
                    .with_untracked(|s| s.iter().map(|s| s.mapping.clone()).collect());
                w.import(&mappings, self.skip.get_untracked());
            })
        });
        if in_worker.is_some() {
            let rows: usize = self.totals.get_untracked().iter().sum();
            self.imported.set(None);
            let bytes = self.bytes_read.get_value();
            self.busy.set(Some((bytes, bytes, rows as u32)));
            return;
        }
        let Some(page) = in_page() else { return };
        let result = self.sheets.with(|s| {
            (page.import)(
                s,
                &Options {
                    skip_problem_rows: self.skip.get_untracked(),
                    title: None,
                },
            )
        });
        let r = &result.report;
        let mut problems = r.mapping_problems.clone();
        problems.extend(r.problems.iter().map(ToString::to_string));
        self.summary.set(Some(summary_text(
            r.summary_counts(),
            result.dataset.is_some(),
            r.problem_rows(),
            r.mapping_problems.len(),
        )));
        self.set_problems(problems);
        self.imported.set(result.dataset);
    }
}

/// The dialog's elements, written by hand once it is mounted (see [`crate::dom`]
/// for why not views), and the places its state is written into.
struct Parts {
    file: HtmlInputElement,
    pasted: HtmlTextAreaElement,
    read_pasted: Element,
    link: HtmlInputElement,
    fetch: Element,
    /// The progress bar, its text and Cancel, while the worker reads.
    busy: Slot,
    message: Slot,
    /// A preview table per sheet, with a `<select>` per column.
    mapping: Slot,
    /// Each sheet's caption and selects, to follow a change of its mapping.
    captions: Vec<Element>,
    selects: Vec<Vec<HtmlSelectElement>>,
    /// "Skip rows with problems" and "Import", once there are sheets.
    import: Slot,
    summary: Slot,
    problems_title: Slot,
    problems: Element,
    /// "Show more problems".
    more: Slot,
    show_data: Element,
    save: Element,
    close: Element,
}

/// Appends a `<button>` saying `label` to `parent`.
fn button(doc: &Document, parent: &Element, class: &str, label: &str) -> Element {
    child_text(doc, parent, "button", class, label)
}

/// Appends `<label>{label} <input type=…></label>` to `parent`, and returns the input.
fn labelled_input(doc: &Document, parent: &Element, label: &str, kind: &str) -> HtmlInputElement {
    let l = child(doc, parent, "label", "");
    text(&l, label);
    text(&l, " ");
    let input = child(doc, &l, "input", "");
    attr(&input, "type", kind);
    input.unchecked_into()
}

/// A preview's caption: the sheet's name, its row count and its kind.
fn caption_text(sheet: &Sheet, rows: usize) -> String {
    crate::i18n::plural(
        Key::PreviewCaption,
        rows,
        &[
            ("name", &sheet.table.name),
            ("kind", sheet.mapping.kind.as_str()),
        ],
    )
}

/// Marks the option of `field` (or "ignored") as `select`'s choice, in its
/// `selected` attributes and its value.
fn choose(select: &HtmlSelectElement, field: Option<Field>) {
    let value = field.map_or("", |f| f.label());
    let options = select.options();
    for i in 0..options.length() {
        if let Some(option) = options.item(i) {
            let chosen = option.get_attribute("value").as_deref() == Some(value);
            let _ = option.toggle_attribute_with_force("selected", chosen);
        }
    }
    select.set_value(value);
}

impl Parts {
    /// Writes the dialog's fixed content into `dialog`: the title, the three ways
    /// in, the places for the state, and the buttons at the foot.
    fn write(doc: &Document, dialog: &Element, link: &str) -> Parts {
        child_text(doc, dialog, "h2", "", t(Key::OpenData)).set_id("open-data-title");
        child_text(doc, dialog, "p", "", t(Key::OpenDataIntro));
        // The three ways in, each a block of its own (inline, a label ran on
        // into the next way's on one line).
        let way = || child(doc, dialog, "div", "way-in");
        let file = labelled_input(doc, &way(), t(Key::ChooseFile), "file");
        let _ = file.toggle_attribute_with_force("multiple", true);
        attr(
            &file,
            "accept",
            ".csv,.tsv,.txt,.json,text/csv,application/json",
        );
        let paste = way();
        let l = child(doc, &paste, "label", "");
        text(&l, t(Key::PasteData));
        let pasted = child(doc, &l, "textarea", "");
        attr(&pasted, "rows", "4");
        let read_pasted = button(doc, &paste, "", t(Key::ReadPasted));
        let fetch_way = way();
        let link_input = labelled_input(doc, &fetch_way, t(Key::LinkToData), "url");
        attr(&link_input, "placeholder", "https://…");
        link_input.set_value(link);
        let fetch = button(doc, &fetch_way, "", t(Key::FetchLink));
        let busy = Slot::new(doc, dialog);
        let message = Slot::new(doc, dialog);
        let mapping = Slot::new(doc, dialog);
        let import = Slot::new(doc, dialog);
        let summary = Slot::new(doc, dialog);
        let problems_title = Slot::new(doc, dialog);
        let problems = child(doc, dialog, "ul", "");
        attr(&problems, "aria-label", t(Key::Problems));
        let more = Slot::new(doc, dialog);
        Parts {
            file,
            pasted: pasted.unchecked_into(),
            read_pasted,
            link: link_input,
            fetch,
            busy,
            message,
            mapping,
            captions: Vec::new(),
            selects: Vec::new(),
            import,
            summary,
            problems_title,
            problems,
            more,
            show_data: button(doc, dialog, "primary", t(Key::ShowTheData)),
            save: button(doc, dialog, "", t(Key::DownloadAsConvene)),
            close: button(doc, dialog, "", t(Key::Close)),
        }
    }

    /// The progress bar and its text (bytes read, rows parsed) with Cancel, or
    /// nothing. Written in place while it shows, so Cancel keeps the focus.
    fn write_busy(&mut self, doc: &Document, busy: Option<(f64, f64, u32)>) {
        let Some((read, total, rows)) = busy else {
            self.busy.clear();
            return;
        };
        if self.busy.nodes.is_empty() {
            let div = self.busy.add(doc, "div", "reading");
            attr(
                &child(doc, &div, "progress", ""),
                "aria-label",
                t(Key::ReadingData),
            );
            attr(
                &child(doc, &div, "p", "reading-text"),
                "aria-live",
                "polite",
            );
            button(doc, &div, "", t(Key::CancelReading));
        }
        let div = &self.busy.nodes[0];
        if let (Some(progress), Some(p)) = (div.first_element_child(), div.children().item(1)) {
            attr(&progress, "max", &(total.max(1.0) as u64).to_string());
            attr(&progress, "value", &(read as u64).to_string());
            // Rows are counted once parsed: "0 rows parsed" while the bytes
            // arrive (or are parsed) would read as an empty file.
            let sizes = [("read", bytes_text(read)), ("total", bytes_text(total))];
            let sizes: Vec<(&str, &str)> = sizes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            p.set_text_content(Some(&match rows {
                0 if read < total => tf(Key::ReadingBytes, &sizes),
                0 => tf(Key::ReadingParsing, &sizes),
                n => crate::i18n::plural(Key::ReadingProgress, n as usize, &sizes),
            }));
        }
    }

    /// A preview table per sheet (its first rows, `totals` rows in all), each
    /// column with the `<select>` of the field it is read as.
    fn write_mapping(&mut self, doc: &Document, sheets: &[Sheet], totals: &[usize]) {
        self.mapping.clear();
        self.captions.clear();
        self.selects.clear();
        for (si, sheet) in sheets.iter().enumerate() {
            let p = preview(&sheet.table, &sheet.mapping, 5);
            let rows = totals.get(si).copied().unwrap_or(sheet.table.len());
            // The table scrolls inside the dialog, not the page: a named,
            // focusable region so keyboard users can scroll it too.
            let scroll = self.mapping.add(doc, "div", "import-preview-scroll");
            attr(&scroll, "role", "region");
            attr(&scroll, "aria-label", t(Key::ImportPreview));
            attr(&scroll, "tabindex", "0");
            let table = child(doc, &scroll, "table", "import-preview");
            self.captions.push(child_text(
                doc,
                &table,
                "caption",
                "",
                &caption_text(sheet, rows),
            ));
            let head = child(doc, &child(doc, &table, "thead", ""), "tr", "");
            attr(
                &child_text(doc, &head, "th", "", t(Key::Row)),
                "scope",
                "col",
            );
            let mut selects = Vec::new();
            for (header, field) in &p.columns {
                let th = child(doc, &head, "th", "");
                attr(&th, "scope", "col");
                text(&th, header);
                let select = child(doc, &th, "select", "");
                attr(
                    &select,
                    "aria-label",
                    &tf(Key::ColumnReadAs, &[("header", header)]),
                );
                attr(
                    &child_text(doc, &select, "option", "", t(Key::IgnoredColumn)),
                    "value",
                    "",
                );
                for f in Field::ALL {
                    attr(
                        &child_text(doc, &select, "option", "", t(Key::field(f))),
                        "value",
                        f.label(),
                    );
                }
                let select: HtmlSelectElement = select.unchecked_into();
                choose(&select, *field);
                selects.push(select);
            }
            self.selects.push(selects);
            let body = child(doc, &table, "tbody", "");
            for (n, cells) in p.rows {
                let tr = child(doc, &body, "tr", "");
                attr(
                    &child_text(doc, &tr, "th", "", &n.to_string()),
                    "scope",
                    "row",
                );
                for cell in cells {
                    child_text(doc, &tr, "td", "", &cell);
                }
            }
        }
    }

    /// "Skip rows with problems" (checked as `skip`) and "Import", or nothing.
    fn write_import(&mut self, doc: &Document, shown: bool, skip: bool) {
        self.import.clear();
        if shown {
            let label = self.import.add(doc, "label", "");
            let check: HtmlInputElement = child(doc, &label, "input", "").unchecked_into();
            attr(&check, "type", "checkbox");
            check.set_checked(skip);
            text(&label, " ");
            text(&label, t(Key::SkipProblems));
            let import = self.import.add(doc, "button", "");
            import.set_text_content(Some(t(Key::Import)));
        }
    }

    /// A `<p>` with `role` holding `text` in `slot`, or nothing.
    fn write_note(doc: &Document, slot: &mut Slot, role: &str, text: Option<&String>) {
        slot.clear();
        if let Some(text) = text {
            let p = slot.add(doc, "p", "");
            attr(&p, "role", role);
            p.set_text_content(Some(text));
        }
    }

    /// The first `shown` of `problems`, their title, and "Show more problems"
    /// while some are not shown. Only the new items are added when `shown`
    /// grew over the same list (`fresh` is false).
    fn write_problems(&mut self, doc: &Document, problems: &[String], shown: usize, fresh: bool) {
        if fresh {
            self.problems.set_text_content(None);
            self.problems_title.clear();
            if !problems.is_empty() {
                let h3 = self.problems_title.add(doc, "h3", "import-problems-title");
                h3.set_text_content(Some(t(Key::Problems)));
            }
        }
        let from = self.problems.child_element_count() as usize;
        for problem in problems.iter().take(shown).skip(from) {
            // Problems are English (README, Languages): `dir=auto` keeps each
            // line's punctuation in place on a right-to-left page.
            attr(
                &child_text(doc, &self.problems, "li", "", problem),
                "dir",
                "auto",
            );
        }
        let left = problems.len().saturating_sub(shown);
        if left == 0 {
            self.more.clear();
            return;
        }
        if self.more.nodes.is_empty() {
            self.more.add(doc, "button", "");
        }
        // Written in place: the button keeps the focus a click gave it.
        self.more.nodes[0].set_text_content(Some(&crate::i18n::plural(
            Key::ShowMoreProblems,
            left.min(PROBLEMS_PAGE),
            &[("left", &crate::i18n::num(left))],
        )));
    }
}

/// The header's "Open data" button and its dialog.
#[component]
pub fn OpenData() -> impl IntoView {
    let opened = use_context::<OpenedData>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let state = State {
        sheets: RwSignal::new(Vec::new()),
        message: RwSignal::new(None),
        problems: RwSignal::new(Vec::new()),
        problems_shown: RwSignal::new(PROBLEMS_PAGE),
        summary: RwSignal::new(None),
        skip: RwSignal::new(false),
        imported: RwSignal::new(None),
        origin: RwSignal::new(String::new()),
        busy: RwSignal::new(None),
        bytes_read: StoredValue::new(0.0),
        totals: RwSignal::new(Vec::new()),
        worker: StoredValue::new_local(None),
    };
    let parts = StoredValue::new_local(None::<Parts>);

    // The dialog is written once mounted; then each place follows its state.
    crate::dom::on_mount(dialog, move |d| {
        // On a page opened with `?data=https://…` (above all, the error page of a
        // link whose spreadsheet had problems), the field holds that link: the
        // dialog reads it again with the preview, mapping and skipping that the
        // error page cannot offer.
        let link = convene_core::view::dataset_param(&crate::history::current_query())
            .filter(|url| convene_core::import::check_data_url(url).is_ok())
            .unwrap_or_default();
        parts.set_value(Some(Parts::write(&document(), d, &link)));
        follow_state(state, parts);
    });
    let show = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    // Drag-and-drop anywhere on the page opens the dialog with the files.
    let drag = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        let Some(files) = ev.data_transfer().and_then(|t| t.files()) else {
            return;
        };
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
        let (sources, origin) = file_sources(files);
        state.open_sources(sources, origin);
    });
    // Listeners outlive a component unless removed: the explorer is re-made
    // when data is opened, and each instance adds its own.
    on_cleanup(move || {
        drag.remove();
        drop.remove();
    });

    // One handler for the dialog's clicks, one for its changes: each finds
    // which of the dialog's parts the event came from.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::dom::target_in(&ev, "button") else {
            return;
        };
        let is = |el: &Element| el.is_same_node(Some(&button));
        let clicked = parts.with_value(|p| {
            let p = p.as_ref()?;
            Some(if is(&p.read_pasted) {
                Click::Paste(p.pasted.value())
            } else if is(&p.fetch) {
                Click::Link(p.link.value())
            } else if p.busy.holds(&button) {
                Click::Cancel
            } else if p.import.holds(&button) {
                Click::Import
            } else if p.more.holds(&button) {
                Click::More
            } else if is(&p.show_data) {
                Click::ShowData
            } else if is(&p.save) {
                Click::Save
            } else if is(&p.close) {
                Click::Close
            } else {
                return None;
            })
        });
        match clicked {
            Some(Click::Paste(text)) => state.open_sources(
                vec![Source::Bytes("pasted data".to_string(), text.into_bytes())],
                t(Key::DataPasted).to_string(),
            ),
            Some(Click::Link(url)) => open_link(state, url),
            Some(Click::Cancel) => state.cancel(),
            Some(Click::Import) => state.import(),
            Some(Click::More) => state.problems_shown.update(|s| *s += PROBLEMS_PAGE),
            Some(Click::ShowData) => {
                if let (Some(d), Some(opened)) = (state.imported.get_untracked(), opened) {
                    opened
                        .0
                        .set(Some((crate::data::engine(d), state.origin.get_untracked())));
                    if let Some(dialog) = dialog.get_untracked() {
                        dialog.close();
                    }
                }
            }
            Some(Click::Save) => {
                if let Some(d) = state.imported.get_untracked() {
                    crate::explorer::download(
                        "data.convene.json",
                        "application/json",
                        &import::to_convene_json(&d),
                    );
                }
            }
            Some(Click::Close) => {
                if let Some(d) = dialog.get_untracked() {
                    d.close();
                }
            }
            None => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        let node: &web_sys::Node = target.unchecked_ref();
        let files = parts.with_value(|p| {
            let p = p.as_ref()?;
            if !p.file.is_same_node(Some(node)) {
                return None;
            }
            // Taken before the input is emptied: its `FileList` is live.
            let files = p.file.files().map(file_sources);
            // Chromium fires no `change` when the same file is chosen again
            // (after fixing it on disk, or after Cancel); an emptied input
            // always does. The `File`s already taken stay readable.
            p.file.set_value("");
            files
        });
        if let Some((sources, origin)) = files {
            state.open_sources(sources, origin);
            return;
        }
        if let Some(check) = target.dyn_ref::<HtmlInputElement>() {
            if check.type_() == "checkbox" {
                state.skip.set(check.checked());
                state.stale();
            }
            return;
        }
        // A column's field: the mapping changes, and that sheet's selects and
        // caption follow it in place (the tables are not written again, so the
        // focus stays on the select). Untracked, so the tables' effect does not
        // run; `import` reads the mappings when it runs.
        parts.with_value(|p| {
            let Some(p) = p.as_ref() else {
                return;
            };
            for (si, selects) in p.selects.iter().enumerate() {
                let Some(ci) = selects.iter().position(|s| s.is_same_node(Some(node))) else {
                    continue;
                };
                let value = selects[ci].value();
                let field = Field::ALL.into_iter().find(|f| f.label() == value);
                state.stale();
                state.sheets.update_untracked(|sheets| {
                    let Some(sheet) = sheets.get_mut(si) else {
                        return;
                    };
                    sheet.mapping.set(ci, field);
                    for (select, field) in selects.iter().zip(&sheet.mapping.columns) {
                        choose(select, *field);
                    }
                    let rows = state
                        .totals
                        .with_untracked(|t| t.get(si).copied())
                        .unwrap_or(sheet.table.len());
                    p.captions[si].set_text_content(Some(&caption_text(sheet, rows)));
                });
            }
        });
    };

    view! {
        <button on:click=show>{t(Key::OpenData)}</button>
        <dialog node_ref=dialog aria-labelledby="open-data-title" class="open-data" on:click=on_click on:change=on_change></dialog>
    }
}

/// Effects that write each of the dialog's places again when its state changes
/// (created once the dialog's parts are written, so their first run writes them).
fn follow_state(state: State, parts: StoredValue<Option<Parts>, LocalStorage>) {
    let follow = move |write: &dyn Fn(&Document, &mut Parts)| crate::dom::follow(parts, write);
    dom::effect(move || {
        let busy = state.busy.get();
        follow(&|doc, p| p.write_busy(doc, busy));
    });
    dom::effect(move || {
        let message = state.message.get();
        follow(&|doc, p| Parts::write_note(doc, &mut p.message, "alert", message.as_ref()));
    });
    dom::effect(move || {
        state.sheets.track();
        state.totals.track();
        let skip = state.skip.get_untracked();
        follow(&|doc, p| {
            state.sheets.with_untracked(|sheets| {
                state
                    .totals
                    .with_untracked(|totals| p.write_mapping(doc, sheets, totals));
                p.write_import(doc, !sheets.is_empty(), skip);
            })
        });
    });
    dom::effect(move || {
        let summary = state.summary.get();
        follow(&|doc, p| Parts::write_note(doc, &mut p.summary, "status", summary.as_ref()));
    });
    dom::effect(move || {
        state.problems.track();
        let shown = state.problems_shown.get();
        // `set_problems` starts every new list at one page; a larger `shown` is
        // "Show more" on the same list.
        let fresh = shown == PROBLEMS_PAGE;
        follow(&|doc, p| {
            state
                .problems
                .with_untracked(|all| p.write_problems(doc, all, shown, fresh))
        });
    });
    dom::effect(move || {
        let none = state.imported.with(Option::is_none);
        follow(&|_, p| {
            let _ = p.show_data.toggle_attribute_with_force("disabled", none);
            let _ = p.save.toggle_attribute_with_force("disabled", none);
        });
    });
}

/// Which of the dialog's buttons a click landed on, with what it needs.
enum Click {
    Paste(String),
    Link(String),
    Cancel,
    Import,
    More,
    ShowData,
    Save,
    Close,
}

/// "Fetch": the link is checked (https, not a private address), fetched, and
/// opened as a file would be; a refusal or a failure is said in the dialog.
fn open_link(state: State, url: String) {
    match import::check_data_url(&url) {
        Err(refusal) => {
            state.clear();
            state
                .message
                .set(Some(convene_core::i18n::link_refusal(t, &refusal)));
        }
        Ok(host) => spawn_local(async move {
            let fetched = async {
                let response = gloo_net::http::Request::get(&url)
                    .send()
                    .await
                    .map_err(|e| crate::data::fetch_failed(&url, &e.to_string()))?;
                if !response.ok() {
                    let status = format!("{} {}", response.status(), response.status_text());
                    return Err(tf(
                        Key::FetchAnswered,
                        &[("url", &url), ("status", status.trim_end())],
                    ));
                }
                response
                    .binary()
                    .await
                    .map_err(|e| tf(Key::ReadFailed, &[("url", &url), ("error", &e.to_string())]))
            }
            .await;
            match fetched {
                Ok(bytes) => {
                    let name = url.rsplit('/').next().unwrap_or("linked data").to_string();
                    state.open_sources(
                        vec![Source::Bytes(name, bytes)],
                        tf(Key::DataFrom, &[("host", &host)]),
                    );
                }
                Err(message) => {
                    state.clear();
                    state.message.set(Some(message));
                }
            }
        }),
    }
}
