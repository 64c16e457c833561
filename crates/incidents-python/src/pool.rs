//! The thread pool each extractor reads in: sized by the caller, rebuilt after a fork.
//!
//! Rayon's global pool suits one program that owns its machine. A Python
//! process often does not: Ray and Spark start a worker process per core, each
//! of which must read on one thread, while a notebook may want every core.
//! So every extractor runs its batches inside a pool of its own, whose size is
//! the caller's `threads`, else the first of the environment variables
//! `INCIDENTS_NUM_THREADS`, `RAYON_NUM_THREADS` and `OMP_NUM_THREADS` that is
//! set (engines set the last in their workers), else one thread per core.
//!
//! Worker processes are often forked from a parent that had already read
//! something. A forked child inherits the pool's memory but none of its
//! threads, so work sent there would wait forever. The pool therefore remembers
//! the process that built it, and a process that finds someone else's pool
//! builds its own. The size is resolved at that moment, so a worker's own
//! environment decides it.

use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::PyResult;
use rayon::{ThreadPool, ThreadPoolBuilder};

/// The environment variable that sizes the pool when the caller gives no size.
pub const THREADS_VAR: &str = "INCIDENTS_NUM_THREADS";

/// A rayon pool built on first use in each process.
pub struct Pool {
    /// The size asked for; `None` leaves it to the environment.
    threads: Option<usize>,
    built: Mutex<Option<Built>>,
}

/// A pool and the process whose threads it has.
struct Built {
    pid: u32,
    pool: Arc<ThreadPool>,
}

impl Pool {
    /// A pool of `threads` threads, or sized by the environment when `None`.
    ///
    /// Nothing is started until the first [`Pool::install`].
    pub fn new(threads: Option<usize>) -> PyResult<Pool> {
        if threads == Some(0) {
            return Err(PyValueError::new_err(
                "threads must be at least 1, or None to leave it to the environment",
            ));
        }
        Ok(Pool {
            threads,
            built: Mutex::new(None),
        })
    }

    /// The size asked for at construction, `None` when left to the environment.
    pub fn requested(&self) -> Option<usize> {
        self.threads
    }

    /// Runs `work` inside this process's pool, so that rayon's parallel
    /// iterators in it use that pool's threads and no others.
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> PyResult<R> {
        Ok(self.current()?.install(work))
    }

    /// The number of threads of this process's pool (building it if needed).
    pub fn size(&self) -> PyResult<usize> {
        Ok(self.current()?.current_num_threads())
    }

    /// This process's pool, built now if there is none or it came through a fork.
    fn current(&self) -> PyResult<Arc<ThreadPool>> {
        let pid = std::process::id();
        // The lock is only held to compare and clone; a poisoned one still holds
        // a valid pool or none, so its content can be used as it is.
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(existing) = built.as_ref() {
            if existing.pid == pid {
                return Ok(Arc::clone(&existing.pool));
            }
        }
        if let Some(stale) = built.take() {
            // Its threads live in the parent only: dropping it here would signal
            // and wait on threads this process does not have, so it is leaked.
            std::mem::forget(stale);
        }
        let size = resolve(self.threads)?;
        let pool = ThreadPoolBuilder::new()
            .num_threads(size)
            .thread_name(|index| format!("incidents-{index}"))
            .build()
            .map_err(|err| {
                PyRuntimeError::new_err(format!("cannot start the reading threads: {err}"))
            })?;
        let pool = Arc::new(pool);
        *built = Some(Built {
            pid,
            pool: Arc::clone(&pool),
        });
        Ok(pool)
    }
}

/// The pool size: the size asked for, else `INCIDENTS_NUM_THREADS`, else
/// `RAYON_NUM_THREADS`, else `OMP_NUM_THREADS`, else 0 (rayon's choice: one per core).
///
/// `OMP_NUM_THREADS` is the convention by which engines tell a worker process
/// its share of the cores: Ray and Spark set it to the CPUs of a task (1 by
/// default) in their Python workers, so reading it gives one thread per engine
/// worker without any setting. Only our own variable is checked strictly: the
/// others belong to other libraries, which ignore values they cannot read, and
/// so does this.
fn resolve(threads: Option<usize>) -> PyResult<usize> {
    if let Some(n) = threads {
        return Ok(n);
    }
    if let Some(value) = setting(THREADS_VAR) {
        return match value.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(PyValueError::new_err(format!(
                "{THREADS_VAR}={value:?} is not a number of threads (a whole number from 1)"
            ))),
        };
    }
    let lenient = |name: &str| {
        setting(name)
            // OpenMP takes a list, one number per nesting level: the first is ours.
            .and_then(|value| value.split(',').next()?.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
    };
    Ok(lenient("RAYON_NUM_THREADS")
        .or_else(|| lenient("OMP_NUM_THREADS"))
        .unwrap_or(0))
}

/// An environment variable's value, trimmed; `None` when unset, blank or not Unicode.
fn setting(name: &str) -> Option<String> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}
