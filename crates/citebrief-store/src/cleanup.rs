//! What an interrupted run must not leave behind: temporary files and folders it is writing,
//! and the process groups of programs it runs (typst).
//!
//! Each is registered while it lives ([`temp_path`], [`process_group`]; dropping the
//! [`Registration`] forgets it). On SIGINT or SIGTERM the binary calls [`interrupt`], which
//! kills every registered process group and removes every registered path, unless the run is
//! in a [`critical`] section (putting a set of outputs in place), which then finishes first.
//! What a SIGKILL leaves, the next build removes (see `citebrief build`).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct State {
    next: u64,
    paths: Vec<(u64, PathBuf)>,
    groups: Vec<(u64, i32)>,
    /// How many critical sections are running.
    critical: usize,
    /// An interrupt arrived during a critical section.
    pending: bool,
    /// The run was interrupted: nothing more is registered.
    interrupted: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    next: 0,
    paths: Vec::new(),
    groups: Vec::new(),
    critical: 0,
    pending: false,
    interrupted: false,
});

fn state() -> MutexGuard<'static, State> {
    // a panic elsewhere while holding the lock leaves the lists as they were: still usable
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Something registered for cleanup; dropped, it is forgotten (the caller has put the file in
/// place, removed it, or waited for the process).
#[must_use]
pub struct Registration(u64);

impl Drop for Registration {
    fn drop(&mut self) {
        let mut s = state();
        s.paths.retain(|(id, _)| *id != self.0);
        s.groups.retain(|(id, _)| *id != self.0);
    }
}

fn register(add: impl FnOnce(&mut State, u64)) -> Registration {
    let mut s = state();
    s.next += 1;
    let id = s.next;
    add(&mut s, id);
    Registration(id)
}

/// Registers a temporary file or folder, removed if the run is interrupted.
pub fn temp_path(path: PathBuf) -> Registration {
    register(|s, id| s.paths.push((id, path)))
}

/// Registers the process group of a child, killed if the run is interrupted.
pub fn process_group(pgid: i32) -> Registration {
    register(|s, id| s.groups.push((id, pgid)))
}

/// Kills the registered process groups and removes the registered paths; returns `true` when
/// the caller should exit now, `false` when a critical section is running (it cleans up and
/// exits when it ends).
pub fn interrupt() -> bool {
    interrupt_in(&mut state())
}

fn interrupt_in(s: &mut State) -> bool {
    if s.critical > 0 {
        s.pending = true;
        return false;
    }
    clean(s);
    true
}

fn clean(s: &mut State) {
    s.interrupted = true;
    for (_, pgid) in s.groups.drain(..) {
        kill_group(pgid);
    }
    for (_, p) in s.paths.drain(..) {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => {
                let _ = std::fs::remove_dir_all(&p);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(&p);
            }
            Err(_) => {}
        }
    }
}

/// Kills a process group (SIGKILL to every process in it).
pub fn kill_group(pgid: i32) {
    #[cfg(unix)]
    if pgid > 0 {
        // SAFETY: kill has no memory-safety preconditions; a negative pid names a group.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = pgid;
}

/// Runs `f` with interrupts held back: a SIGINT or SIGTERM that arrives meanwhile takes effect
/// when `f` returns (the registered paths are removed and the process exits with status 130).
pub fn critical<R>(f: impl FnOnce() -> R) -> R {
    state().critical += 1;
    let r = f();
    let mut s = state();
    s.critical -= 1;
    if s.critical == 0 && s.pending {
        clean(&mut s);
        drop(s);
        eprintln!("error: interrupted");
        std::process::exit(130);
    }
    r
}

/// True once the run has been interrupted.
pub fn interrupted() -> bool {
    state().interrupted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a state of its own: the process's registrations belong to other tests.
    #[test]
    fn registered_paths_are_removed_on_interrupt_but_not_inside_a_critical_section() {
        let dir = tempfile::tempdir().unwrap();
        let removed = dir.path().join("removed.tmp");
        let folder = dir.path().join("folder");
        std::fs::write(&removed, "x").unwrap();
        std::fs::create_dir_all(folder.join("inner")).unwrap();
        std::fs::write(folder.join("inner/f"), "x").unwrap();
        let mut s = State {
            paths: vec![(1, removed.clone()), (2, folder.clone())],
            critical: 1,
            ..State::default()
        };
        assert!(!interrupt_in(&mut s), "held back while critical");
        assert!(s.pending && removed.exists() && folder.exists());
        s.critical = 0;
        assert!(interrupt_in(&mut s));
        assert!(!removed.exists() && !folder.exists());
        assert!(s.interrupted && s.paths.is_empty());
    }

    #[test]
    fn a_dropped_registration_is_forgotten() {
        let path = PathBuf::from("/nonexistent/citebrief-cleanup-test");
        let r = temp_path(path.clone());
        assert!(state().paths.iter().any(|(_, p)| *p == path));
        drop(r);
        assert!(!state().paths.iter().any(|(_, p)| *p == path));
    }
}
