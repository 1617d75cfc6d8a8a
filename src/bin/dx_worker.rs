//! The tally worker: the province tally off the main thread, in a wasm module loaded when the province page opens
//! (workbooks have their own worker, `dx_xlsx.rs`).
//!
//! It does the jobs `Part` and `Merge` of `dx_check::domain::province::protocol`, which describes them: several
//! workers each read and prepare a part of one tally (see `domain::parts`), and the first also merges them, posting
//! the figures first and then the enterprise list in pieces. Bytes are handed over (transferred), never copied
//! between threads.

/// Enterprise lines a `Reply::Lines` message holds: the page reads 5,000 in about 10 ms.
#[cfg(target_arch = "wasm32")]
const LINES_PER_MESSAGE: usize = 5_000;

#[cfg(target_arch = "wasm32")]
mod worker {
    use super::LINES_PER_MESSAGE;
    use dx_check::domain::assessment::questionnaire::Questionnaire;
    use dx_check::domain::catalog::Catalog;
    use dx_check::domain::province::join::{Joined, join_texts};
    use dx_check::domain::province::parts::{
        ByteRange, RangeResult, Unreadable, decode, encode, merge_with_facts, range_result,
        read_range,
    };
    use dx_check::domain::province::protocol::{
        Job, ProtocolError, Reply, SheetJob, Sides, WorkerError,
    };
    use dx_check::domain::province::registry::Vsic;
    use dx_check::domain::province::support::Assessed;
    use dx_check::domain::province::tally::{EnterpriseLine, Lines, TallyContext};
    use dx_check::worker_msg::Incoming;
    use dx_check::worker_rt::{Answer, Scope, blob_bytes, post, serve};
    use std::collections::BTreeMap;
    use wasm_bindgen::JsCast;

    /// How much of a JSON Lines file is read at a time.
    const SLICE: u64 = 8 * 1024 * 1024;

    /// Appends bytes `start..end` of a blob to `out`, copied once, straight into place.
    fn read(
        reader: &web_sys::FileReaderSync,
        blob: &web_sys::Blob,
        start: u64,
        end: u64,
        out: &mut Vec<u8>,
    ) -> bool {
        let Some(buf) = blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .ok()
            .and_then(|part| reader.read_as_array_buffer(&part).ok())
        else {
            return false;
        };
        let arr = js_sys::Uint8Array::new(&buf);
        let old = out.len();
        out.resize(old + arr.length() as usize, 0);
        arr.copy_to(&mut out[old..]);
        true
    }

    /// A reply that could not be written.
    fn protocol(e: serde_json::Error) -> WorkerError {
        WorkerError::Protocol {
            detail: e.to_string(),
        }
    }

    /// The built-in data and its questionnaires, parsed once per worker and kept for its life.
    fn catalog() -> Result<(&'static Catalog, &'static [&'static Questionnaire]), WorkerError> {
        type Built = (&'static Catalog, &'static [&'static Questionnaire]);
        thread_local! {
            static CATALOG: std::cell::OnceCell<Built> = const { std::cell::OnceCell::new() };
        }
        CATALOG.with(|c| {
            if let Some(c) = c.get() {
                return Ok(*c);
            }
            let built: &'static Catalog = Box::leak(Box::new(
                Catalog::builtin().map_err(|_| WorkerError::Catalog)?,
            ));
            let qs: &'static [&'static Questionnaire] =
                Box::leak(built.questionnaire_refs().into());
            Ok(*c.get_or_init(|| (built, qs)))
        })
    }

    fn context(target: u32) -> Result<TallyContext<'static>, WorkerError> {
        let (catalog, qs) = catalog()?;
        Ok(TallyContext {
            questionnaires: qs,
            sizes: &catalog.size_rules,
            programmes: &catalog.programmes,
            target,
        })
    }

    thread_local! {
        /// The first part's ranges, kept here for the merge that follows on the same worker.
        static KEPT: std::cell::RefCell<Vec<RangeResult>> = const { std::cell::RefCell::new(Vec::new()) };
        /// The enterprise list and each enterprise's assessments from the last merge, kept for the joins that
        /// follow on it (`Job::Join`): the first table picked is joined to the results without reading them again.
        static JOINABLE: std::cell::RefCell<Option<Joinable>> = const { std::cell::RefCell::new(None) };
    }

    /// What a join reads from a tally: the enterprise list, and each enterprise's assessments.
    type Joinable = (Vec<EnterpriseLine>, Facts);

    /// Each enterprise's assessments: worked out with the tally when it had the office's tables, or, when it had
    /// none, at the first join (so that a tally of the results alone takes no longer for them).
    enum Facts {
        Known(BTreeMap<String, Assessed>),
        Later(Lines),
    }

    impl Facts {
        fn known(&mut self) -> Result<&BTreeMap<String, Assessed>, WorkerError> {
            if let Facts::Later(lines) = self {
                let assessed = lines.assessed(&context(0)?);
                // Freeing the summaries one by one would only cost time: the worker ends with the page.
                std::mem::forget(std::mem::replace(self, Facts::Known(assessed)));
            }
            match self {
                Facts::Known(a) => Ok(a),
                Facts::Later(_) => Err(WorkerError::Protocol {
                    detail: "the assessments could not be worked out".into(),
                }),
            }
        }
    }

    /// The office's tables beside the job, joined to the list and the assessments.
    fn join_sides(
        job: &Incoming<Job<'static>>,
        list: &[EnterpriseLine],
        assessed: &BTreeMap<String, Assessed>,
        sides: &Sides,
    ) -> Result<Joined, WorkerError> {
        let (catalog, _) = catalog()?;
        let vsic = vsic()?;
        let registry = sides.registry.as_ref().map(|s| (sheet_text(job, s), s));
        let support = sides.support.as_ref().map(|s| (sheet_text(job, s), s));
        Ok(join_texts(
            list,
            assessed,
            registry.as_ref().map(|(t, s)| (t.as_deref(), &s.mapping)),
            support.as_ref().map(|(t, s)| (t.as_deref(), &s.mapping)),
            &catalog.programmes.programmes,
            vsic,
        ))
    }

    /// Joins the tables beside the job to the tally kept from the last merge: the JSON of the join.
    fn rejoin(job: &Incoming<Job<'static>>, sides: &Sides) -> Result<Answer, WorkerError> {
        JOINABLE.with(|j| {
            let mut j = j.borrow_mut();
            let (list, facts) = j.as_mut().ok_or_else(|| WorkerError::Protocol {
                detail: "no tally kept to join the tables to".into(),
            })?;
            let joined = join_sides(job, list, facts.known()?, sides)?;
            serde_json::to_vec(&joined)
                .map(Answer::Bytes)
                .map_err(protocol)
        })
    }

    /// Reads and prepares the ranges of one part, its files' names and blobs beside the job, posting the bytes
    /// read as it goes. With `keep`, the result stays here for the merge job (and with `echo` its encoding is
    /// answered too); else its encoding is answered.
    fn part(
        job: &Incoming<Job<'static>>,
        ranges: &[ByteRange],
        (keep, echo): (bool, bool),
        scope: &Scope,
    ) -> Result<Answer, WorkerError> {
        let ctx = context(0)?;
        let (names, blobs) = (job.names(), job.blobs());
        let reader = web_sys::FileReaderSync::new().map_err(|_| WorkerError::NoFileReader)?;
        let total: u64 = ranges.iter().map(|r| r.end - r.start).sum();
        let mut done = 0u64;
        let mut results = Vec::with_capacity(ranges.len());
        for &range in ranges {
            let index = u32::try_from(range.file).unwrap_or(u32::MAX);
            let name = names.get(index).as_string().unwrap_or_default();
            let blob = blobs.get(index).dyn_into::<web_sys::Blob>().ok();
            let size = blob.as_ref().map_or(0, |b| b.size() as u64);
            let mut read_bytes = |a: u64, b: u64, out: &mut Vec<u8>| {
                blob.as_ref()
                    .is_some_and(|blob| read(&reader, blob, a, b, out))
            };
            let mut progress = |n: u64| {
                let done = done + n;
                post(scope, &Reply::Progress { done, total }, None);
            };
            let r = match blob {
                Some(_) => read_range(
                    &ctx,
                    &name,
                    size,
                    range,
                    SLICE,
                    &mut read_bytes,
                    &mut progress,
                ),
                None => range_result(&name, range.file, Err(Unreadable), Vec::new()),
            };
            results.push(r);
            done += range.end - range.start;
        }
        if keep {
            let echoed = echo.then(|| encode(&results));
            KEPT.with(|k| *k.borrow_mut() = results);
            return Ok(echoed.map_or(Answer::Kept, Answer::Bytes));
        }
        let bytes = encode(&results);
        // The worker ends after this job: freeing every record one by one would only cost time.
        std::mem::forget(results);
        Ok(Answer::Bytes(bytes))
    }

    /// The text of a table beside the job (`None` when it cannot be read as UTF-8 text).
    fn sheet_text(job: &Incoming<Job<'static>>, sheet: &SheetJob) -> Option<String> {
        let bytes = blob_bytes(job, sheet.blob).ok().flatten()?;
        String::from_utf8(bytes).ok()
    }

    /// The built-in VSIC table, parsed once per worker (a join may follow each table the office picks).
    fn vsic() -> Result<&'static Vsic, WorkerError> {
        thread_local! {
            static VSIC: std::cell::OnceCell<&'static Vsic> = const { std::cell::OnceCell::new() };
        }
        VSIC.with(|v| {
            if let Some(v) = v.get() {
                return Ok(*v);
            }
            let built: &'static Vsic =
                Box::leak(Box::new(Vsic::builtin().map_err(|_| WorkerError::Catalog)?));
            Ok(*v.get_or_init(|| built))
        })
    }

    /// Merges the kept part and the parts beside the job (encoded), in order: posts `Reply::Figures`, the JSON of
    /// `{ tally, rejected, watched, joined }` without the enterprise list, as soon as the figures are known, then
    /// the list in `Reply::Lines` messages, and answers how many lines it sent.
    fn merge(
        job: &Incoming<Job<'static>>,
        target: u32,
        watch: Option<u32>,
        sides: &Sides,
        scope: &Scope,
    ) -> Result<Answer, WorkerError> {
        let ctx = context(target)?;
        let mut ranges = KEPT.with(|k| std::mem::take(&mut *k.borrow_mut()));
        for p in job.parts().iter() {
            let bytes = js_sys::Uint8Array::new(&p).to_vec();
            let more = decode(&bytes).map_err(|detail| WorkerError::Protocol { detail })?;
            ranges.extend(more);
        }
        let watch = watch.map(|w| w as usize);
        let joining = sides.registry.is_some() || sides.support.is_some();
        let (merged, assessed) = merge_with_facts(&ctx, ranges, watch, joining);
        let (tally, lines, rejected) = (merged.tally, merged.lines, merged.rejected);
        // With the office's tables, the whole list is built first: the join reads it too. Without them, it is
        // built part by part as it is sent, and kept for a join that may follow.
        let mut list: Vec<EnterpriseLine> = if joining {
            (0..lines.len()).filter_map(|k| lines.line(k)).collect()
        } else {
            Vec::with_capacity(lines.len())
        };
        let joined = match &assessed {
            Some(assessed) => Some(join_sides(job, &list, assessed, sides)?),
            None => None,
        };
        let figures = serde_json::to_vec(&serde_json::json!({
            "tally": &tally, "rejected": &rejected, "watched": &merged.watched, "joined": &joined
        }))
        .map_err(protocol)?;
        post(scope, &Reply::Figures, Some(&figures));
        let mut sent = 0usize;
        for start in (0..lines.len()).step_by(LINES_PER_MESSAGE) {
            let end = lines.len().min(start + LINES_PER_MESSAGE);
            if !joining {
                list.extend((start..end).filter_map(|k| lines.line(k)));
            }
            let part = list.get(start..end).unwrap_or_default();
            sent += part.len();
            let json = serde_json::to_vec(part).map_err(protocol)?;
            post(scope, &Reply::Lines, Some(&json));
        }
        // The list and the assessments stay for the joins that may follow (the page lets the worker go with the
        // next tally; freeing every record one by one would only cost time).
        let facts = match assessed {
            Some(assessed) => {
                std::mem::forget(lines);
                Facts::Known(assessed)
            }
            None => Facts::Later(lines),
        };
        JOINABLE.with(|j| {
            if let Some(old) = j.borrow_mut().replace((list, facts)) {
                std::mem::forget(old);
            }
        });
        serde_json::to_vec(&sent)
            .map(Answer::Bytes)
            .map_err(protocol)
    }

    /// Installs the message handler and says it is ready.
    pub fn start() {
        // The built-in data, read now rather than when the first job comes (a worker started ahead of a tally does it
        // while the person picks files); a failure is reported by that job.
        // A failure here is not lost: the first job calls it again and answers it.
        let _ = catalog();
        serve(|job, scope| match &job.header {
            Job::Part { ranges, keep, echo } => part(job, ranges, (*keep, *echo), scope),
            Job::Merge {
                target,
                watch,
                sides,
            } => merge(job, *target, *watch, sides, scope),
            Job::Join { sides } => rejoin(job, sides),
            Job::Xlsx { .. } | Job::ReadSheet | Job::Qr { .. } => {
                Err(ProtocolError::WrongWorker { worker: "tally" }.into())
            }
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
