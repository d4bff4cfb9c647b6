//! Opening data off the main thread (issue 13): both halves of the Web Worker
//! that reads, parses, validates and imports big files while the page stays
//! responsive, with a progress bar and a Cancel button.
//!
//! - In the worker (`public/open-worker.js` runs the worker's own wasm module,
//!   src/bin/convene-open.rs, which holds the importer so that the page's
//!   module does not): the exports [`convene_open`] and [`convene_import`]
//!   (re-exported by that binary, so the linker keeps them) call
//!   `convene_core::import` and hand results back as bytes: a dataset as
//!   `load::handoff` bytes (which the page reads with [`dataset_from_worker`]
//!   without parsing or validating again: the worker did both), sheets as their
//!   first rows only (the preview; the whole tables stay in the worker until
//!   "Import").
//! - In the page: [`OpenWorker`] starts the worker and turns its messages into
//!   calls; dropping or cancelling it terminates it. [`open_in_worker`] runs
//!   one linked file to a dataset that way, for a `?data=` spreadsheet.
//!
//! Indexing (`Engine::new`) stays on the main thread: the engine holds `Arc`s
//! and closures the page's components read, and moving it is a larger change.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use convene_core::import::mapping::{Field, Mapping, SheetKind};
use convene_core::import::table::Table;
use convene_core::import::{self, Input, Opened, Options, Sheet};
use convene_core::Dataset;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How many data rows of each sheet cross back for the preview.
pub const PREVIEW_ROWS: usize = 5;

thread_local! {
    /// The sheets read in this worker, whole, until "Import".
    static SHEETS: RefCell<Vec<Sheet>> = const { RefCell::new(Vec::new()) };
}

/// A sheet as it crosses from the worker: its first rows and its mapping.
/// Crosses as a plain JS object (structured clone), not through serde, whose
/// derives would add to the app's wasm for nothing.
pub struct SheetHead {
    name: String,
    delimiter: u8,
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
    /// Data rows in the whole table.
    pub total: usize,
    blank: usize,
    kind: String,
    columns: Vec<Option<String>>,
}

impl SheetHead {
    fn of(sheet: &Sheet) -> SheetHead {
        let t = &sheet.table;
        let rows = (0..t.len().min(PREVIEW_ROWS))
            .map(|i| {
                let r = t.row(i);
                (
                    r.number,
                    (0..r.len()).map(|c| r.get(c).to_string()).collect(),
                )
            })
            .collect();
        SheetHead {
            name: t.name.clone(),
            delimiter: t.delimiter,
            headers: t.headers.clone(),
            rows,
            total: t.len(),
            blank: sheet.blank_rows,
            kind: sheet.mapping.kind.as_str().to_string(),
            columns: labels(&sheet.mapping),
        }
    }

    fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        set(&o, "name", &JsValue::from_str(&self.name));
        set(&o, "delimiter", &JsValue::from(self.delimiter));
        set(&o, "headers", &strings(&self.headers));
        let rows = js_sys::Array::new();
        for (n, cells) in &self.rows {
            rows.push(&js_sys::Array::of2(
                &JsValue::from(*n as u32),
                &strings(cells),
            ));
        }
        set(&o, "rows", &rows);
        set(&o, "total", &JsValue::from(self.total as u32));
        set(&o, "blank", &JsValue::from(self.blank as u32));
        set(&o, "kind", &JsValue::from_str(&self.kind));
        set(&o, "columns", &optional_strings(&self.columns));
        o.into()
    }

    fn from_js(v: &JsValue) -> SheetHead {
        let number = |v: JsValue| v.as_f64().unwrap_or(0.0) as usize;
        SheetHead {
            name: get(v, "name").as_string().unwrap_or_default(),
            delimiter: get(v, "delimiter").as_f64().unwrap_or(44.0) as u8,
            headers: read_strings(&get(v, "headers")),
            rows: js_sys::Array::from(&get(v, "rows"))
                .iter()
                .map(|r| {
                    let r = js_sys::Array::from(&r);
                    (number(r.get(0)), read_strings(&r.get(1)))
                })
                .collect(),
            total: number(get(v, "total")),
            blank: number(get(v, "blank")),
            kind: get(v, "kind").as_string().unwrap_or_default(),
            columns: read_optional_strings(&get(v, "columns")),
        }
    }

    /// The preview sheet the dialog shows and edits (its table holds the
    /// first rows only; [`SheetHead::total`] counts them all).
    pub fn sheet(&self) -> Sheet {
        Sheet {
            table: Table::from_rows(&self.name, self.delimiter, self.headers.clone(), &self.rows),
            mapping: self.mapping(),
            blank_rows: self.blank,
        }
    }

    /// The mapping the worker guessed for this sheet.
    fn mapping(&self) -> Mapping {
        let kind = [
            SheetKind::Participations,
            SheetKind::Events,
            SheetKind::Actors,
        ]
        .into_iter()
        .find(|k| k.as_str() == self.kind)
        .unwrap_or(SheetKind::Participations);
        Mapping {
            kind,
            columns: fields(&self.columns),
        }
    }
}

/// A mapping's columns by field label (`None`: ignored).
pub fn labels(mapping: &Mapping) -> Vec<Option<String>> {
    mapping
        .columns
        .iter()
        .map(|f| f.map(|f| f.label().to_string()))
        .collect()
}

fn fields(labels: &[Option<String>]) -> Vec<Option<Field>> {
    labels
        .iter()
        .map(|l| {
            l.as_deref()
                .and_then(|l| Field::ALL.into_iter().find(|f| f.label() == l))
        })
        .collect()
}

/// An import's report as it crosses from the worker.
#[derive(Default)]
pub struct ReportView {
    /// Problems: the mapping's, then every row's, located.
    pub problems: Vec<String>,
    /// How many of [`ReportView::problems`] come first from the mapping (a
    /// sheet that cannot be read as its columns are set: no row is to blame).
    pub mapping_problems: usize,
    /// How many rows the row problems are in ([`import::Report::problem_rows`]).
    pub problem_rows: usize,
    /// The summary's counts ([`convene_core::import::Report::summary_counts`]),
    /// worded by the page in its language.
    pub counts: [usize; import::SUMMARY_LEN],
}

fn strings(v: &[String]) -> js_sys::Array {
    v.iter().map(|s| JsValue::from_str(s)).collect()
}

fn read_strings(v: &JsValue) -> Vec<String> {
    js_sys::Array::from(v)
        .iter()
        .map(|s| s.as_string().unwrap_or_default())
        .collect()
}

fn optional_strings(v: &[Option<String>]) -> js_sys::Array {
    v.iter()
        .map(|s| s.as_deref().map_or(JsValue::NULL, JsValue::from_str))
        .collect()
}

fn read_optional_strings(v: &JsValue) -> Vec<Option<String>> {
    js_sys::Array::from(v)
        .iter()
        .map(|s| s.as_string())
        .collect()
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// Worker: reads the files (`names[i]`, `bytes[i]`: `Uint8Array`s) with
/// `import::open`. Returns `{kind: "dataset", data: Uint8Array, rows}` (the
/// loaded dataset as `load::handoff` bytes; rows = participations) or
/// `{kind: "sheets", sheets:
/// [SheetHead as an object], rows}`; throws the located message the dialog
/// shows. Calls `progress(rows)` once parsed.
pub fn convene_open(
    names: js_sys::Array,
    bytes: js_sys::Array,
    progress: &js_sys::Function,
) -> Result<JsValue, JsValue> {
    let names: Vec<String> = names
        .iter()
        .map(|n| n.as_string().unwrap_or_default())
        .collect();
    let bytes: Vec<Vec<u8>> = bytes
        .iter()
        .map(|b| b.unchecked_into::<js_sys::Uint8Array>().to_vec())
        .collect();
    let inputs: Vec<Input> = names
        .iter()
        .zip(&bytes)
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let out = js_sys::Object::new();
    match import::open(&inputs).map_err(|e| JsValue::from_str(&e.to_string()))? {
        Opened::Dataset(d) => {
            let rows = d.participations.len();
            let _ = progress.call1(&JsValue::NULL, &JsValue::from(rows as u32));
            // The model itself goes back, as hand-off bytes: the page reads
            // them without parsing (the file's own JSON made the page parse it
            // again: 1.1-1.7 s of main thread at 1M participations).
            set(&out, "kind", &JsValue::from_str("dataset"));
            set(&out, "data", &handoff_bytes(&d));
            set(&out, "rows", &JsValue::from(rows as u32));
            // Not dropped: the page terminates this worker as soon as the bytes
            // arrive (open.rs, `Message::Dataset`), and its memory goes with it.
            // Freeing every string first took 140-210 ms at 1M participations.
            std::mem::forget(d);
        }
        Opened::Sheets(sheets) => {
            let rows: usize = sheets.iter().map(|s| s.table.len()).sum();
            let _ = progress.call1(&JsValue::NULL, &JsValue::from(rows as u32));
            let heads: js_sys::Array = sheets.iter().map(|s| SheetHead::of(s).to_js()).collect();
            SHEETS.with(|s| *s.borrow_mut() = sheets);
            set(&out, "kind", &JsValue::from_str("sheets"));
            set(&out, "sheets", &heads);
            set(&out, "rows", &JsValue::from(rows as u32));
        }
    }
    Ok(out.into())
}

/// Worker: imports the sheets [`convene_open`] read, under `mappings` (per
/// sheet, per column, a field label or null) and with problem rows skipped or
/// not. Returns `{data: Uint8Array | null, problems: [string], mappingProblems,
/// problemRows, counts}`
/// (`data`: the dataset as `load::handoff` bytes).
pub fn convene_import(mappings: js_sys::Array, skip: bool) -> Result<JsValue, JsValue> {
    let mappings: Vec<Vec<Option<String>>> =
        mappings.iter().map(|m| read_optional_strings(&m)).collect();
    let result = SHEETS.with(|s| {
        let mut sheets = s.borrow_mut();
        for (sheet, labels) in sheets.iter_mut().zip(&mappings) {
            sheet.mapping.columns = fields(labels);
            sheet
                .mapping
                .columns
                .resize(sheet.table.headers.len(), None);
            sheet.mapping.settle_kind();
        }
        import::import(
            &sheets,
            &Options {
                skip_problem_rows: skip,
                title: None,
            },
        )
    });
    let r = &result.report;
    let mut problems = r.mapping_problems.clone();
    problems.extend(r.problems.iter().map(ToString::to_string));
    let counts: js_sys::Array = r
        .summary_counts()
        .iter()
        .map(|&n| JsValue::from_f64(n as f64))
        .collect();
    let out = js_sys::Object::new();
    let data = match &result.dataset {
        Some(d) => handoff_bytes(d),
        None => JsValue::NULL,
    };
    set(&out, "data", &data);
    set(&out, "problems", &strings(&problems));
    set(
        &out,
        "mappingProblems",
        &JsValue::from_f64(r.mapping_problems.len() as f64),
    );
    set(
        &out,
        "problemRows",
        &JsValue::from_f64(r.problem_rows() as f64),
    );
    set(&out, "counts", &counts);
    Ok(out.into())
}

/// Worker: `d` as `load::handoff` bytes, in a `Uint8Array` the worker
/// script transfers to the page (moved, not copied).
fn handoff_bytes(d: &Dataset) -> JsValue {
    js_sys::Uint8Array::from(convene_core::load::handoff::encode(d).as_slice()).into()
}

/// Page: the dataset the worker sent, as `load::handoff` bytes. Reading them
/// is a copy of each string, no parsing and no checks (the worker's loader or
/// import ran them): at 1M participations this is what stays on the main
/// thread of opening a file, with `Engine::new`. An error here means the
/// bytes were damaged on the way, a bug: the message says so.
pub fn dataset_from_worker(bytes: &[u8]) -> Result<Dataset, String> {
    convene_core::load::handoff::decode(bytes).map_err(|e| e.to_string())
}

/// Page: what a file to open is, for the worker: a `File` (read there, in
/// chunks, so the bar moves) or bytes already in the page (pasted, fetched).
pub enum Source {
    /// A file the user chose or dropped.
    File(web_sys::File),
    /// Bytes with a name ("pasted data", the link's last segment).
    Bytes(String, Vec<u8>),
}

/// Page: what the worker says.
pub enum Message {
    /// `read` of `total` bytes read, `rows` rows parsed so far.
    Progress {
        /// Bytes read.
        read: f64,
        /// Bytes in all.
        total: f64,
        /// Rows (or participations) parsed.
        rows: u32,
    },
    /// A convene/1 document, loaded and validated, or an import's dataset.
    Dataset(Result<Dataset, String>),
    /// Spreadsheets: the preview sheets.
    Sheets(Vec<SheetHead>),
    /// An import: the dataset (when there is one) and the report.
    Imported(Option<Result<Dataset, String>>, ReportView),
    /// A located error, as the dialog shows it.
    Error(String),
}

/// Page: a running worker (terminated when dropped).
pub struct OpenWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for OpenWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The absolute URL of `relative` against the page.
fn absolute(document: &web_sys::Document, relative: &str) -> Option<String> {
    let base = document.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(relative, &base)
        .ok()
        .map(|u| u.href())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

impl OpenWorker {
    /// Whether the page can start a worker: it was started by boot.js, whose
    /// tag names the page's module (not under a test harness): the worker asks
    /// for its own module under that name.
    pub fn available() -> bool {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("script[data-convene-js]").ok().flatten())
            .is_some()
    }

    /// Starts a worker on `sources`; `on_message` receives what it says. `None`
    /// when the page cannot start one (no boot.js tag: a test harness), and
    /// the caller then opens the data on the main thread where [`in_page`]
    /// allows it.
    pub fn open(
        sources: Vec<Source>,
        on_message: impl Fn(Message) + 'static,
    ) -> Option<OpenWorker> {
        let document = web_sys::window()?.document()?;
        let tag = document.query_selector("script[data-convene-js]").ok()??;
        // The page's own module's hashed name: the worker's module has a fixed
        // name (Trunk does not hash a worker's), so the worker asks for it under
        // this version, and a browser never pairs a page with a cached worker
        // module of another build.
        let version = tag.get_attribute("data-convene-wasm")?;
        let script = absolute(&document, "open-worker.js")?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&script, &options).ok()?;
        let on_message = std::rc::Rc::new(on_message);
        let handler = on_message.clone();
        let on_message_closure =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let kind = get(&data, "type").as_string().unwrap_or_default();
                let bytes = |v: JsValue| js_sys::Uint8Array::new(&v).to_vec();
                let message = match kind.as_str() {
                    "progress" => Message::Progress {
                        read: get(&data, "read").as_f64().unwrap_or(0.0),
                        total: get(&data, "total").as_f64().unwrap_or(0.0),
                        rows: get(&data, "rows").as_f64().unwrap_or(0.0) as u32,
                    },
                    "opened" if get(&data, "kind").as_string().as_deref() == Some("dataset") => {
                        Message::Dataset(dataset_from_worker(&bytes(get(&data, "data"))))
                    }
                    "opened" => Message::Sheets(
                        js_sys::Array::from(&get(&data, "sheets"))
                            .iter()
                            .map(|h| SheetHead::from_js(&h))
                            .collect(),
                    ),
                    "imported" => {
                        let bytes_sent = get(&data, "data");
                        let dataset = (!bytes_sent.is_null() && !bytes_sent.is_undefined())
                            .then(|| dataset_from_worker(&bytes(bytes_sent)));
                        let report = ReportView {
                            problems: read_strings(&get(&data, "problems")),
                            mapping_problems: get(&data, "mappingProblems").as_f64().unwrap_or(0.0)
                                as usize,
                            problem_rows: get(&data, "problemRows").as_f64().unwrap_or(0.0)
                                as usize,
                            counts: {
                                let list = js_sys::Array::from(&get(&data, "counts"));
                                std::array::from_fn(|i| {
                                    list.get(i as u32).as_f64().unwrap_or(0.0) as usize
                                })
                            },
                        };
                        Message::Imported(dataset, report)
                    }
                    _ => Message::Error(
                        get(&data, "message")
                            .as_string()
                            .unwrap_or_else(|| "the worker failed".into()),
                    ),
                };
                handler(message);
            });
        worker.set_onmessage(Some(on_message_closure.as_ref().unchecked_ref()));
        let handler = on_message.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let text = get(&e, "message").as_string().unwrap_or_default();
            handler(Message::Error(format!(
                "The data could not be read: {}",
                if text.is_empty() {
                    "the reading worker failed to start".into()
                } else {
                    text
                }
            )));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let files = js_sys::Array::new();
        let transfer = js_sys::Array::new();
        for source in sources {
            let f = js_sys::Object::new();
            match source {
                Source::File(file) => {
                    set(&f, "name", &JsValue::from_str(&file.name()));
                    set(&f, "file", &file);
                }
                Source::Bytes(name, bytes) => {
                    let array = js_sys::Uint8Array::from(bytes.as_slice());
                    set(&f, "name", &JsValue::from_str(&name));
                    set(&f, "bytes", &array.buffer());
                    transfer.push(&array.buffer());
                }
            }
            files.push(&f);
        }
        let message = js_sys::Object::new();
        set(&message, "type", &JsValue::from_str("open"));
        set(&message, "version", &JsValue::from_str(&version));
        set(&message, "files", &files);
        worker
            .post_message_with_transfer(&message, &transfer)
            .ok()?;
        Some(OpenWorker {
            worker,
            _on_message: on_message_closure,
            _on_error: on_error,
        })
    }

    /// Asks the worker to import its sheets under `mappings` (one per sheet).
    pub fn import(&self, mappings: &[Mapping], skip: bool) {
        let labels: js_sys::Array = mappings
            .iter()
            .map(|m| JsValue::from(optional_strings(&labels(m))))
            .collect();
        let message = js_sys::Object::new();
        set(&message, "type", &JsValue::from_str("import"));
        set(&message, "mappings", &labels);
        set(&message, "skip", &JsValue::from_bool(skip));
        let _ = self.worker.post_message(&message);
    }
}

/// Page: opening and importing on the page's own thread, for a page that
/// cannot start the worker (the wasm-bindgen tests mount the app without
/// boot.js). Off until [`open_in_page`] installs it: the shipped page never
/// does, so the importer's code is not in the page's wasm but in the worker's
/// (src/bin/convene-open.rs; issue 18).
#[derive(Clone, Copy)]
pub struct InPage {
    /// `convene_core::import::open`.
    pub open: fn(&[Input]) -> Result<Opened, import::OpenError>,
    /// `convene_core::import::import`.
    pub import: fn(&[Sheet], &Options) -> import::Import,
}

thread_local! {
    static IN_PAGE: Cell<Option<InPage>> = const { Cell::new(None) };
}

/// Lets this page open data on its own thread where no worker can start.
pub fn open_in_page() {
    IN_PAGE.with(|c| {
        c.set(Some(InPage {
            open: import::open,
            import: import::import,
        }))
    });
}

/// The page's own opener, when [`open_in_page`] installed it.
pub fn in_page() -> Option<InPage> {
    IN_PAGE.with(Cell::get)
}

/// Page: why opening a linked file in the worker gave no dataset.
pub enum LinkFailure {
    /// The import's problems (the mapping's, then each row's, located), how
    /// many of them are the mapping's, and whether every row has one (skipping
    /// rows would leave nothing).
    Problems(Vec<String>, usize, bool),
    /// A located error: the bytes are no table (their encoding, say), or the
    /// worker failed.
    Error(String),
}

/// Page: opens `bytes` (named `name`: a link) in a worker and, for
/// spreadsheets, imports them under the mapping it guesses, with no row
/// skipped: the dataset (a convene/1 document, or the spreadsheet imported
/// under its guessed mapping). Resolves once the worker has answered; the
/// worker is ended then.
pub async fn open_in_worker(name: String, bytes: Vec<u8>) -> Result<Dataset, LinkFailure> {
    let outcome: Rc<RefCell<Option<Result<Dataset, LinkFailure>>>> = Rc::default();
    let worker: Rc<RefCell<Option<OpenWorker>>> = Rc::default();
    let mut source = Some(Source::Bytes(name, bytes));
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        let (outcome, handle) = (outcome.clone(), worker.clone());
        let end = move |o: Result<Dataset, LinkFailure>| {
            *outcome.borrow_mut() = Some(o);
            let _ = resolve.call0(&JsValue::NULL);
        };
        let failed = end.clone();
        let started = OpenWorker::open(source.take().into_iter().collect(), move |m| match m {
            Message::Progress { .. } => {}
            Message::Sheets(heads) => {
                let mappings: Vec<Mapping> = heads.iter().map(SheetHead::mapping).collect();
                if let Some(w) = handle.borrow().as_ref() {
                    w.import(&mappings, false);
                }
            }
            Message::Dataset(Ok(d)) | Message::Imported(Some(Ok(d)), _) => end(Ok(d)),
            Message::Imported(None, report) => {
                let every_row = report.problem_rows >= report.counts[0];
                end(Err(LinkFailure::Problems(
                    report.problems,
                    report.mapping_problems,
                    every_row,
                )))
            }
            Message::Dataset(Err(e)) | Message::Imported(Some(Err(e)), _) | Message::Error(e) => {
                end(Err(LinkFailure::Error(e)))
            }
        });
        match started {
            Some(w) => *worker.borrow_mut() = Some(w),
            None => failed(Err(LinkFailure::Error(WORKER_FAILED.into()))),
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(answered).await;
    // Terminates the worker, and ends the cycle between it and its handler.
    worker.borrow_mut().take();
    let answer = outcome.borrow_mut().take();
    answer.unwrap_or_else(|| Err(LinkFailure::Error(WORKER_FAILED.into())))
}

/// What the page says when no worker could be started to read data.
pub const WORKER_FAILED: &str = "The data could not be read: the reading worker failed to start";
