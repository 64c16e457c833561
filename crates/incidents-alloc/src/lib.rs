//! The allocator of the `incidents` command line and Python module, and how each
//! sets it.
//!
//! Extraction makes many small, short-lived allocations (mentions, claims, rows)
//! on every rayon thread; mimalloc's per-thread heaps serve them in a fraction
//! of the system allocator's time (docs/benchmarks.md). py-polars uses it too.
//! Each program declares it itself, since a `#[global_allocator]` belongs to
//! the final artifact:
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: incidents_alloc::MiMalloc = incidents_alloc::MiMalloc;
//!
//! incidents_alloc::no_huge_page_advice();
//! let rows: Vec<String> = (0..3).map(|i| i.to_string()).collect();
//! assert_eq!(rows.len(), 3);
//! ```
//!
//! Two of mimalloc's defaults cost this work:
//!
//! - It keeps what it frees for a second before returning it to the system, in
//!   case it is wanted again. Over a large folder the command line's freed
//!   batches then held a third of its peak resident memory, which issue 5
//!   bounds ([`return_memory_at_once`]).
//! - It advises Linux to back the memory it maps with transparent huge pages.
//!   A huge page stays resident whole while any small part of it is in use, and
//!   its first touch clears two megabytes at once. In a Python process that
//!   extracts a corpus and hands the tables to polars, the kernel's page
//!   clearing was the largest single cost of the first call (about 0.5 s of
//!   1.8 s on the 20 MB bench corpus), and it grew faster than the input
//!   ([`no_huge_page_advice`], [`no_huge_pages_in_process`]).

pub use mimalloc::MiMalloc;

/// The numbers of mimalloc's options in the `mi_option_t` of the v3
/// `mimalloc.h` that libmimalloc-sys builds; the `mimalloc` crate names none.
/// The tests check each against its default.
mod option {
    use std::ffi::c_int;

    /// `mi_option_purge_delay`: milliseconds before freed memory is returned.
    pub const PURGE_DELAY: c_int = 15;
    /// `mi_option_allow_thp`: whether new mappings are advised as huge pages.
    pub const ALLOW_THP: c_int = 43;
}

// The allocator's own C interface, linked in by libmimalloc-sys; the `mimalloc`
// crate exposes no safe form of it.
#[allow(unsafe_code)]
mod ffi {
    use std::ffi::{c_int, c_long};

    extern "C" {
        pub fn mi_option_set(option: c_int, value: c_long);
        #[cfg(test)]
        pub fn mi_option_get(option: c_int) -> c_long;
    }
}

#[allow(unsafe_code)]
fn set(option: std::ffi::c_int, value: std::ffi::c_long) {
    // SAFETY: mi_option_set stores a value in mimalloc's option table, which is
    // read with atomic loads; any thread may call it at any time.
    unsafe { ffi::mi_option_set(option, value) }
}

#[cfg(test)]
#[allow(unsafe_code)]
fn get(option: std::ffi::c_int) -> std::ffi::c_long {
    // SAFETY: mi_option_get reads mimalloc's option table; always sound.
    unsafe { ffi::mi_option_get(option) }
}

/// Makes mimalloc return freed memory to the system at once rather than after
/// a delay. For the command line, first thing in `main`.
///
/// ```
/// incidents_alloc::return_memory_at_once();
/// ```
pub fn return_memory_at_once() {
    set(option::PURGE_DELAY, 0);
}

/// Stops mimalloc advising huge pages for the memory it maps from now on,
/// unless the environment sets `MIMALLOC_ALLOW_THP` (the user decides).
///
/// mimalloc read its options when the library loaded; only the advice it gives
/// on each new mapping reads this one again, so no setting of the process
/// changes: in a Python process, polars and Python keep theirs. For the Python
/// module, when it is imported.
///
/// ```
/// incidents_alloc::no_huge_page_advice();
/// ```
pub fn no_huge_page_advice() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        set(option::ALLOW_THP, 0);
    }
}

/// Turns transparent huge pages off for the whole process, for memory touched
/// from now on, as `MIMALLOC_ALLOW_THP=0` does when set before the process
/// loads (mimalloc reads it then, before `main` could set it). Only for a
/// program that owns its process: the command line. Does nothing off Linux or
/// on a kernel without the call.
///
/// ```
/// incidents_alloc::no_huge_pages_in_process();
/// ```
pub fn no_huge_pages_in_process() {
    no_huge_page_advice();
    #[cfg(target_os = "linux")]
    prctl_thp_disable();
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn prctl_thp_disable() {
    let (disable, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
    // SAFETY: PR_SET_THP_DISABLE takes integers only and touches no memory of
    // the process; on failure (an old kernel) nothing changes, which is harmless.
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, disable, unused, unused, unused) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Another option under a number (a mimalloc upgrade renumbering them) would
    /// show another default. One test, so that no other test of this binary
    /// sets an option before the defaults are read.
    #[test]
    fn the_option_numbers_are_those_of_mimalloc_and_setting_them_holds() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(option::PURGE_DELAY), 1000, "default purge delay");
            return_memory_at_once();
            assert_eq!(get(option::PURGE_DELAY), 0);
        }
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            assert_eq!(get(option::ALLOW_THP), 1, "default allow_thp");
            no_huge_page_advice();
            assert_eq!(get(option::ALLOW_THP), 0);
        }
    }
}
