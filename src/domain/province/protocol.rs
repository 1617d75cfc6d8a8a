//! The messages between the app and its web workers, as types: the [`Job`]s the page posts and the [`Reply`]s a
//! worker posts back.
//!
//! A message is a typed header and, beside it, the JS values that cannot go through serde without being copied
//! (a `Blob`, an `ArrayBuffer`). The header travels as JSON text ([`Job::header`], [`Reply::header`]); the values
//! beside it keep their JS form and large buffers are handed over (transferred), never copied between threads.
//!
//! There are four workers, each a wasm of its own: the tally worker (jobs [`Job::Part`], [`Job::Merge`] and
//! [`Job::Join`]), loaded when the province page opens; the workbook worker ([`Job::Xlsx`]), the sheet worker
//! ([`Job::ReadSheet`]) and the QR worker ([`Job::Qr`]), loaded when a workbook or a QR code is first asked for, or
//! a workbook first picked. A worker first posts [`Reply::Ready`] (messages sent before its handler exists would be
//! lost). Then the page posts jobs, one at a time; a job ends with [`Reply::Result`], [`Reply::Kept`] or
//! [`Reply::Error`], after any number of [`Reply::Progress`], [`Reply::Figures`] and [`Reply::Lines`] on the way.
//!
//! A tally is split over several workers, each given a part of the input (see `parts`); the first keeps its part
//! and then merges the others' into it, so that its own never crosses threads.
use crate::domain::province::parts::ByteRange;
use crate::domain::records::export::Workbook;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use thiserror::Error;

/// A job the page posts to a worker. The page sends a workbook it still holds (`'a`: its borrow, so that a large
/// workbook is written to its header without first being copied); a worker reads an owned one (`Job<'static>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job<'a> {
    /// Tally worker: read byte ranges of the files and check and prepare every record in them. Beside the header
    /// ride the files' names and `Blob`s, in input order (the worker reads its ranges itself, JSON Lines in slices,
    /// so a file of any size streams, and a `Blob` crosses threads without its bytes being copied). The worker
    /// posts [`Reply::Progress`] as it reads, then answers [`Reply::Kept`] or [`Reply::Result`].
    Part {
        /// The ranges to read, in input order (`ByteRange::file` indexes the names and blobs beside the header).
        ranges: Vec<ByteRange>,
        /// Keep the result in the worker for the [`Job::Merge`] that follows on it (answered [`Reply::Kept`]),
        /// rather than answer it as [`Reply::Result`]: the bytes of `parts::encode` over the part's
        /// `parts::RangeResult`s.
        keep: bool,
        /// With `keep`: answer the part's bytes as [`Reply::Result`] all the same (the page keeps every part on
        /// the device, so that the next visit merges them without reading the files again).
        #[serde(default)]
        echo: bool,
    },
    /// Tally worker: merge the kept part and the parts sent, in input order. Beside the header ride the other
    /// workers' parts, each the bytes of a [`Reply::Result`] to [`Job::Part`], their buffers handed over. The
    /// worker posts [`Reply::Figures`] as soon as the figures are known, so that the dashboard shows, then the
    /// enterprise list as [`Reply::Lines`] messages, and answers [`Reply::Result`]: the JSON of the number of lines
    /// it sent, so that the page knows the list arrived whole.
    Merge {
        /// The province's target number of enterprises (the tally's denominator).
        target: u32,
        /// The input file (its index) whose records the figures also follow one by one: what each did to the
        /// tally (a pasted result code, shown as admitted or why it was refused).
        watch: Option<u32>,
        /// The office's own tables to set beside the results (their blobs ride beside the header, in `blobs`):
        /// their join (`domain::province::join`) comes with the figures.
        #[serde(default)]
        sides: Sides,
    },
    /// Tally worker: join the office's tables beside the header (their blobs, as in [`Job::Merge`]) to the tally
    /// this worker merged last, which it keeps when that merge had tables, so that a table picked, corrected or
    /// forgotten does not read the results again. Answered as [`Reply::Result`], the JSON of the join
    /// (`domain::province::join::Joined`); a worker that keeps no tally answers [`Reply::Error`], and the page then
    /// tallies everything.
    Join {
        /// The office's tables now.
        sides: Sides,
    },
    /// Workbook worker: render the workbook as an XLSX file, answered as [`Reply::Result`] (the file's bytes).
    Xlsx {
        /// The workbook.
        book: Cow<'a, Workbook>,
    },
    /// Sheet worker: read the first worksheet of the XLSX file beside the header (a `Blob`, read in the worker)
    /// as CSV text, answered as [`Reply::Result`] (its UTF-8 bytes), for the office's registry and support
    /// register.
    ReadSheet,
    /// QR worker: draw the QR code of a text (a result link), answered as [`Reply::Result`]: the width in modules,
    /// then one byte per module, row by row (1 dark, 0 light). A text too long for a QR code is a
    /// [`Reply::Error`].
    Qr {
        /// The text to encode.
        text: String,
    },
}

/// The office's own tables a [`Job::Merge`] reads beside the results.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sides {
    /// The enterprise registry, if loaded.
    pub registry: Option<SheetJob>,
    /// The support register, if loaded.
    pub support: Option<SheetJob>,
}

/// One table of [`Sides`]: where its file is beside the header, and how its columns map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetJob {
    /// The index of its `Blob` in the job's `blobs`.
    pub blob: u32,
    /// Its columns (`sheet::Mapping::codes`).
    pub mapping: crate::domain::province::sheet::Codes,
}

/// A message a worker posts to the page. Those that carry bytes have them beside the header, their buffer handed
/// over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker's handler is in place: jobs may be posted. Always the first message.
    Ready,
    /// Bytes of a [`Job::Part`] read so far, of all it has to read.
    Progress {
        /// Bytes read.
        done: u64,
        /// Bytes in all.
        total: u64,
    },
    /// A [`Job::Merge`]'s figures, with bytes: the JSON of `{ tally, rejected, watched, joined }` (`joined`: the
    /// office's tables set beside the results, when the job has any), the tally without its
    /// enterprise list (`watched`: what each record of the watched file did). Before any [`Reply::Lines`].
    Figures,
    /// A piece of a [`Job::Merge`]'s enterprise list, in order, with bytes: the JSON of at most a few thousand
    /// lines, so that the page reads each in a short task of its own.
    Lines,
    /// The job's product, with bytes; what they hold is said by each [`Job`]. Ends the job.
    Result,
    /// The [`Job::Part`]'s result is kept in the worker for the merge. Ends the job.
    Kept,
    /// The job failed, and why. Ends the job.
    Error(WorkerError),
}

/// Why a worker could not do a job: typed, so that the page puts it into words in the person's language. The
/// `detail` of some is the underlying library's message, kept for a bug report, never shown alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Error)]
#[serde(rename_all = "snake_case")]
pub enum WorkerError {
    /// The built-in data did not load in the worker (a broken build).
    #[error("the built-in data did not load in the worker")]
    Catalog,
    /// The browser cannot read files inside a worker (no `FileReaderSync`).
    #[error("this browser cannot read files in a worker")]
    NoFileReader,
    /// A message between the page and the worker could not be read or written.
    #[error("{detail}")]
    Protocol {
        /// What went wrong.
        detail: String,
    },
    /// The workbook could not be written.
    #[error("the workbook could not be written: {detail}")]
    Workbook {
        /// The library's message.
        detail: String,
    },
    /// The text is too long for a QR code.
    #[error("the text is too long for a QR code")]
    TooLongForQr,
    /// The file to read is not an XLSX workbook, or a damaged one, or has no worksheet.
    #[error("the workbook could not be read: {detail}")]
    SheetUnreadable {
        /// The reader's message.
        detail: String,
    },
}

impl From<ProtocolError> for WorkerError {
    fn from(e: ProtocolError) -> Self {
        WorkerError::Protocol {
            detail: e.to_string(),
        }
    }
}

/// A message the codec cannot read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProtocolError {
    /// The message has no header: it did not come from this protocol.
    #[error("a message without a header came between the page and a worker; reload the page")]
    NoHeader,
    /// The header is not the JSON of a job or a reply (the page and a worker of different versions, or damage).
    #[error("unreadable message header {header:?} ({reason}); reload the page")]
    Malformed {
        /// The header's start.
        header: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A message that carries bytes came without them.
    #[error("a {header} message came without its bytes; reload the page")]
    NoBytes {
        /// The message's header.
        header: String,
    },
    /// A job posted to a worker that does not do it.
    #[error("the {worker} worker was sent a job it does not do")]
    WrongWorker {
        /// The worker that was sent the job.
        worker: &'static str,
    },
}

/// How much of a malformed header an error quotes.
const QUOTED: usize = 80;

/// The JSON of a header. Jobs and replies hold no map and have no hand-written serializer, so serde_json cannot
/// fail on them.
fn encode<H: Serialize>(header: &H) -> String {
    serde_json::to_string(header)
        .expect("a job or a reply always encodes: no maps, no custom serializers")
}

/// A header read back from its JSON (through `from_str`, as everywhere in the app: `from_slice` would compile the
/// deserializers a second time into its wasm).
fn decode<H: DeserializeOwned>(text: &str) -> Result<H, ProtocolError> {
    serde_json::from_str(text).map_err(|e| ProtocolError::Malformed {
        header: text.chars().take(QUOTED).collect(),
        reason: e.to_string(),
    })
}

impl Job<'_> {
    /// The job as a message header (JSON).
    pub fn header(&self) -> String {
        encode(self)
    }

    /// A job read back from its header.
    ///
    /// # Errors
    /// [`ProtocolError::Malformed`] when `text` is not the header of a job.
    pub fn from_header(text: &str) -> Result<Job<'static>, ProtocolError> {
        decode(text)
    }
}

impl Reply {
    /// The reply as a message header (JSON).
    pub fn header(&self) -> String {
        encode(self)
    }

    /// A reply read back from its header.
    ///
    /// # Errors
    /// [`ProtocolError::Malformed`] when `text` is not the header of a reply.
    pub fn from_header(text: &str) -> Result<Reply, ProtocolError> {
        decode(text)
    }

    /// Whether the reply ends its job ([`Reply::Result`], [`Reply::Kept`], [`Reply::Error`]); the others are
    /// news on the way.
    pub fn ends_job(&self) -> bool {
        matches!(self, Reply::Result | Reply::Kept | Reply::Error(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::export::{Cell, Sheet};

    fn jobs() -> Vec<Job<'static>> {
        vec![
            Job::Part {
                ranges: vec![
                    ByteRange {
                        file: 0,
                        start: 0,
                        end: 4096,
                    },
                    ByteRange {
                        file: 2,
                        start: 17,
                        end: 1 << 40,
                    },
                ],
                keep: true,
                echo: true,
            },
            Job::Part {
                ranges: Vec::new(),
                keep: false,
                echo: false,
            },
            Job::Merge {
                target: 1000,
                watch: Some(3),
                sides: Sides::default(),
            },
            Job::Merge {
                target: 0,
                watch: None,
                sides: Sides {
                    registry: Some(SheetJob {
                        blob: 0,
                        mapping: vec![("tax_code".into(), 2)],
                    }),
                    support: Some(SheetJob {
                        blob: 1,
                        mapping: Vec::new(),
                    }),
                },
            },
            Job::Join {
                sides: Sides {
                    registry: None,
                    support: Some(SheetJob {
                        blob: 0,
                        mapping: vec![("amount".into(), 4)],
                    }),
                },
            },
            Job::ReadSheet,
            Job::Xlsx {
                book: Cow::Owned(Workbook {
                    sheets: vec![Sheet {
                        name: "Tổng hợp \"A\"".into(),
                        columns: vec!["id".into(), "employees".into()],
                        rows: vec![vec![Cell::Text("E-1\n".into()), Cell::Number(12.5)]],
                    }],
                }),
            },
            Job::Xlsx {
                book: Cow::Owned(Workbook::default()),
            },
            Job::Qr {
                text: "https://example.org/#r=AbC_-9 ü".into(),
            },
        ]
    }

    fn replies() -> Vec<Reply> {
        vec![
            Reply::Ready,
            Reply::Progress {
                done: 8 << 20,
                total: 1 << 40,
            },
            Reply::Figures,
            Reply::Lines,
            Reply::Result,
            Reply::Kept,
            Reply::Error(WorkerError::Catalog),
            Reply::Error(WorkerError::Workbook {
                detail: "sheet name \"x\" is too long".into(),
            }),
            Reply::Error(ProtocolError::WrongWorker { worker: "qr" }.into()),
            Reply::Error(WorkerError::TooLongForQr),
        ]
    }

    #[test]
    fn every_job_round_trips_through_its_header() {
        for job in jobs() {
            assert_eq!(Job::from_header(&job.header()), Ok(job.clone()), "{job:?}");
        }
    }

    #[test]
    fn every_reply_round_trips_through_its_header() {
        for reply in replies() {
            assert_eq!(
                Reply::from_header(&reply.header()),
                Ok(reply.clone()),
                "{reply:?}"
            );
        }
    }

    #[test]
    fn a_borrowed_workbook_reads_back_as_an_owned_one() {
        let book = Workbook {
            sheets: vec![Sheet {
                name: "s".into(),
                columns: vec!["a".into()],
                rows: vec![vec![Cell::Number(1.0)]],
            }],
        };
        let job = Job::Xlsx {
            book: Cow::Borrowed(&book),
        };
        match Job::from_header(&job.header()) {
            Ok(Job::Xlsx {
                book: Cow::Owned(read),
            }) => assert_eq!(read, book),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_result_kept_and_error_end_a_job() {
        let ends: Vec<bool> = replies().iter().map(Reply::ends_job).collect();
        assert_eq!(
            ends,
            [
                false, false, false, false, true, true, true, true, true, true
            ]
        );
    }

    #[test]
    fn a_job_is_not_a_reply_nor_a_reply_a_job() {
        for job in jobs() {
            assert!(
                matches!(
                    Reply::from_header(&job.header()),
                    Err(ProtocolError::Malformed { .. })
                ),
                "{job:?}"
            );
        }
        for reply in replies() {
            assert!(
                matches!(
                    Job::from_header(&reply.header()),
                    Err(ProtocolError::Malformed { .. })
                ),
                "{reply:?}"
            );
        }
    }

    #[test]
    fn a_malformed_header_is_refused_with_its_start() {
        let long = format!("{{\"qr\":{{\"text\":\"{}", "x".repeat(500));
        for (text, quoted) in [
            ("", ""),
            ("ready", "ready"),
            ("\"sleep\"", "\"sleep\""),
            ("{\"part\":{\"ranges\":[]}}", "{\"part\":{\"ranges\":[]}}"),
            ("{\"merge\":{\"target\":-1}}", "{\"merge\":{\"target\":-1}}"),
            (long.as_str(), &long[..QUOTED]),
        ] {
            match Job::from_header(text) {
                Err(ProtocolError::Malformed { header, reason }) => {
                    assert_eq!(header, quoted);
                    assert!(!reason.is_empty(), "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(matches!(
            Reply::from_header("{\"progress\":{\"done\":1}}"),
            Err(ProtocolError::Malformed { .. })
        ));
    }

    #[test]
    fn errors_say_what_to_do() {
        let errors = [
            ProtocolError::NoHeader,
            ProtocolError::Malformed {
                header: "x".into(),
                reason: "expected value".into(),
            },
            ProtocolError::NoBytes {
                header: "\"figures\"".into(),
            },
            ProtocolError::WrongWorker { worker: "qr" },
        ];
        for e in errors {
            let text = e.to_string();
            assert!(text.starts_with(char::is_lowercase), "{text}");
        }
    }
}
