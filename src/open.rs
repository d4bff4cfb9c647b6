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

use crate::i18n::{t, tf};
use crate::open_worker::{Message, OpenWorker, Source};
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
fn summary_text(counts: [usize; import::SUMMARY_LEN]) -> String {
    let shown: Vec<String> = counts.iter().map(|&n| crate::i18n::num(n)).collect();
    let values: Vec<(&str, &str)> = import::SUMMARY_COUNTS
        .iter()
        .zip(&shown)
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    tf(Key::ImportSummary, &values)
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
        if !OpenWorker::available() {
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
                state.open(files, origin);
            });
            return;
        }
        self.busy.set(Some((0.0, total, 0)));
        let worker = OpenWorker::open(sources, move |m| state.on_message(m));
        if worker.is_none() {
            self.busy.set(None);
            self.message.set(Some(
                "The data could not be read: the reading worker failed to start".into(),
            ));
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
                self.set_problems(report.problems);
                self.summary.set(Some(summary_text(report.counts)));
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
    /// their mapping. Where no worker can start.
    fn open(&self, files: Vec<(String, Vec<u8>)>, origin: String) {
        self.clear();
        self.origin.set(origin);
        let inputs: Vec<Input> = files
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect();
        match import::open(&inputs) {
            Ok(Opened::Dataset(d)) => self.dataset_read(d),
            Ok(Opened::Sheets(s)) => self.sheets.set(s),
            Err(e) => self.message.set(Some(e.to_string())),
        }
    }

    /// Imports the sheets under their current mappings: in the worker that
    /// holds them, else in the page.
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
        let result = self.sheets.with(|s| {
            import::import(
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
        self.set_problems(problems);
        self.summary.set(Some(summary_text(r.summary_counts())));
        self.imported.set(result.dataset);
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
    let pasted = RwSignal::new(String::new());
    // On a page opened with `?data=https://…` (above all, the error page of a
    // link whose spreadsheet had problems), the field holds that link: the
    // dialog reads it again with the preview, mapping and skipping that the
    // error page cannot offer.
    let link = RwSignal::new(
        convene_core::view::dataset_param(&crate::history::current_query())
            .filter(|url| convene_core::import::check_data_url(url).is_ok())
            .unwrap_or_default(),
    );

    let show = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            let (sources, origin) = file_sources(files);
            state.open_sources(sources, origin);
        }
        // Chromium fires no `change` when the same file is chosen again (after
        // fixing it on disk, or after Cancel); an emptied input always does.
        // The `File`s already taken stay readable.
        input.set_value("");
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
    let on_paste = move |_| {
        let text = pasted.get_untracked();
        state.open_sources(
            vec![Source::Bytes("pasted data".to_string(), text.into_bytes())],
            t(Key::DataPasted).to_string(),
        );
    };
    let on_link = move |_| {
        let url = link.get_untracked();
        match import::check_data_url(&url) {
            Err(refusal) => {
                state.clear();
                state.message.set(Some(convene_core::i18n::link_refusal(
                    crate::i18n::lang(),
                    &refusal,
                )));
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
                    response.binary().await.map_err(|e| {
                        tf(Key::ReadFailed, &[("url", &url), ("error", &e.to_string())])
                    })
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
    };
    let show_data = move |_| {
        if let (Some(d), Some(opened)) = (state.imported.get_untracked(), opened) {
            opened
                .0
                .set(Some((crate::data::engine(d), state.origin.get_untracked())));
            if let Some(dialog) = dialog.get_untracked() {
                dialog.close();
            }
        }
    };
    let save = move |_| {
        if let Some(d) = state.imported.get_untracked() {
            crate::explorer::download(
                "data.convene.json",
                "application/json",
                &import::to_convene_json(&d),
            );
        }
    };

    let mapping_view = move || {
        state
            .sheets
            .get()
            .into_iter()
            .enumerate()
            .map(|(si, sheet)| {
                let p = preview(&sheet.table, &sheet.mapping, 5);
                let row_count = state.totals.with(|t| t.get(si).copied()).unwrap_or(sheet.table.len());
                let head = p
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(ci, (header, field))| {
                        let current = field.map_or("", |f| f.label());
                        let options = Field::ALL
                            .iter()
                            .map(|f| view! { <option value=f.label() selected={current == f.label()}>{t(Key::field(*f))}</option> })
                            .collect_view();
                        let change = move |ev: leptos::ev::Event| {
                            let select: web_sys::HtmlSelectElement = event_target(&ev);
                            let value = select.value();
                            let field = Field::ALL.into_iter().find(|f| f.label() == value);
                            state.sheets.update(|s| s[si].mapping.set(ci, field));
                        };
                        view! {
                            <th scope="col">
                                {header.clone()}
                                <select aria-label=tf(Key::ColumnReadAs, &[("header", header)]) on:change=change>
                                    <option value="" selected={current.is_empty()}>{t(Key::IgnoredColumn)}</option>
                                    {options}
                                </select>
                            </th>
                        }
                    })
                    .collect_view();
                let rows = p
                    .rows
                    .into_iter()
                    .map(|(n, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{n}</th>
                                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view();
                // The table scrolls inside the dialog, not the page: a named,
                // focusable region so keyboard users can scroll it too.
                view! {
                    <div class="import-preview-scroll" role="region" aria-label=t(Key::ImportPreview) tabindex="0">
                    <table class="import-preview">
                        <caption>{tf(Key::PreviewCaption, &[("name", &sheet.table.name), ("n", &crate::i18n::num(row_count)), ("kind", sheet.mapping.kind.as_str())])}</caption>
                        <thead><tr><th scope="col">{t(Key::Row)}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <button on:click=show>{t(Key::OpenData)}</button>
        <dialog node_ref=dialog aria-labelledby="open-data-title" class="open-data">
            <h2 id="open-data-title">{t(Key::OpenData)}</h2>
            <p>{t(Key::OpenDataIntro)}</p>
            <label>{t(Key::ChooseFile)} " " <input type="file" multiple accept=".csv,.tsv,.txt,.json,text/csv,application/json" on:change=on_files/></label>
            <label>{t(Key::PasteData)} <textarea rows="4" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea></label>
            <button on:click=on_paste>{t(Key::ReadPasted)}</button>
            <label>{t(Key::LinkToData)} " " <input type="url" placeholder="https://…" prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev))/></label>
            <button on:click=on_link>{t(Key::FetchLink)}</button>
            {move || state.busy.get().map(|(read, total, rows)| view! {
                <div class="reading">
                    <progress aria-label=t(Key::ReadingData) max=(total.max(1.0) as u64).to_string() value=(read as u64).to_string()></progress>
                    <p class="reading-text" aria-live="polite">{crate::i18n::plural(Key::ReadingProgress, rows as usize, &[("read", &bytes_text(read)), ("total", &bytes_text(total))])}</p>
                    <button on:click=move |_| state.cancel()>{t(Key::CancelReading)}</button>
                </div>
            })}
            {move || state.message.get().map(|m| view! { <p role="alert">{m}</p> })}
            {mapping_view}
            <Show when=move || !state.sheets.with(Vec::is_empty)>
                <label><input type="checkbox" prop:checked=move || state.skip.get() on:change=move |ev| state.skip.set(event_target_checked(&ev))/> " " {t(Key::SkipProblems)}</label>
                <button on:click=move |_| state.import()>{t(Key::Import)}</button>
            </Show>
            {move || state.summary.get().map(|s| view! { <p role="status">{s}</p> })}
            <Show when=move || !state.problems.with(Vec::is_empty)>
                <h3 class="import-problems-title">{t(Key::Problems)}</h3>
            </Show>
            <ul aria-label=t(Key::Problems)>
                // Problems are English (README, Languages): `dir=auto` keeps each
                // line's punctuation in place on a right-to-left page.
                {move || state.problems.with(|all| all.iter().take(state.problems_shown.get()).map(|p| view! { <li dir="auto">{p.clone()}</li> }).collect_view())}
            </ul>
            {move || {
                let left = state.problems.with(Vec::len).saturating_sub(state.problems_shown.get());
                (left > 0).then(|| {
                    let n = left.min(PROBLEMS_PAGE);
                    view! { <button on:click=move |_| state.problems_shown.update(|s| *s += PROBLEMS_PAGE)>{crate::i18n::plural(Key::ShowMoreProblems, n, &[("left", &crate::i18n::num(left))])}</button> }
                })
            }}
            <button class="primary" on:click=show_data disabled=move || state.imported.with(Option::is_none)>{t(Key::ShowTheData)}</button>
            <button on:click=save disabled=move || state.imported.with(Option::is_none)>{t(Key::DownloadAsConvene)}</button>
            <button on:click=close>{t(Key::Close)}</button>
        </dialog>
    }
}
