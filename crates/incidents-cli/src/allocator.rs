//! mimalloc, set to give memory back at once.
//!
//! Extraction makes many small, short-lived allocations (mentions, claims, rows)
//! on every rayon thread; mimalloc's per-thread heaps serve them in a fraction
//! of the system allocator's time (docs/benchmarks.md). But by default it keeps
//! what it frees for a second before returning it to the system, in case it is
//! wanted again, and asks Linux for transparent huge pages, of which a page
//! stays resident whole while any small part of it is in use. Over a large
//! folder the two together held a third of the peak resident memory, which
//! issue 5 bounds; without them the run took no measurably longer.

/// The number of mimalloc's `mi_option_purge_delay` in the `mi_option_t` of the
/// v3 `mimalloc.h` that libmimalloc-sys builds; the `mimalloc` crate names no
/// such constant. `tests::the_option_number_is_the_purge_delay` checks it.
const PURGE_DELAY: std::ffi::c_int = 15;

/// mimalloc's default purge delay in milliseconds, by which the test knows the option.
#[cfg(test)]
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

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

/// Makes mimalloc return freed memory to the system at once rather than after
/// a delay, and in pages of the normal size. Called first thing in `main`, before
/// the allocations that matter.
#[allow(unsafe_code)]
pub fn return_memory_at_once() {
    // SAFETY: mi_option_set stores a value in mimalloc's option table, which is
    // read with atomic loads; any thread may call it at any time.
    unsafe { ffi::mi_option_set(PURGE_DELAY, 0) }
    no_huge_pages();
}

/// mimalloc's own switch for huge pages (`MIMALLOC_ALLOW_THP=0`) is read when
/// the process loads, before `main` can set it; the system call it would make
/// is made here instead. It holds for memory the process touches from now on.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn no_huge_pages() {
    let (disable, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
    // SAFETY: PR_SET_THP_DISABLE takes integers only and touches no memory of
    // the process; on failure (an old kernel) nothing changes, which is harmless.
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, disable, unused, unused, unused) };
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(unsafe_code)]
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: mi_option_get reads mimalloc's option table; always sound.
        unsafe { ffi::mi_option_get(PURGE_DELAY) }
    }

    /// Another option under the number (a mimalloc upgrade renumbering them)
    /// would show another default; the tests of this binary never set it.
    #[test]
    fn the_option_number_is_the_purge_delay() {
        assert_eq!(purge_delay(), DEFAULT_PURGE_DELAY);
    }
}
