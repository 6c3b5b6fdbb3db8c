//! Where outputs go, and writing them without destroying anything.
//!
//! - `-` is standard output.
//! - Anything that exists and is not a regular file (a device, a FIFO, a terminal, `/dev/stdout`)
//!   is written *into*, never replaced.
//! - A regular file is written whole or not at all: a temporary file beside it, then a rename
//!   (through a symbolic link, at the file the link points to, so the link survives).
//! - An input is never overwritten, and an existing regular file is replaced only when it is an
//!   earlier output of the same kind (see [`Replace`]).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;

/// Prints to standard output; a closed pipe is not an error worth a panic.
pub fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::input(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// What may be replaced when the output path names an existing regular file.
pub enum Replace<'a> {
    /// Nothing: the file must not exist (`draft`, `init`).
    Never,
    /// An earlier output that `recognise` accepts; `what` names it in the refusal.
    Earlier {
        what: &'a str,
        recognise: &'a dyn Fn(&[u8]) -> bool,
    },
}

/// Writes `bytes` to `out`: standard output for `-`, into a non-regular file, or whole into a
/// regular file. Never over one of `inputs`; an existing regular file only as `replace` allows.
pub fn write(
    out: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    replace: Replace<'_>,
) -> Result<(), Failure> {
    if is_stdout(out) {
        return print(bytes);
    }
    if inputs.iter().any(|i| same_file(out, i)) {
        return Err(Failure::input(format!(
            "refusing to write over the input {}; choose another output with -o",
            out.display()
        )));
    }
    match std::fs::metadata(out) {
        Ok(meta) if meta.is_dir() => Err(Failure::input(format!(
            "{} is a directory; give a file name with -o",
            out.display()
        ))),
        Ok(meta) if !meta.is_file() => into_special(out, bytes),
        Ok(_) => {
            // Through a symbolic link, replace the file it points to and keep the link.
            let real = out.canonicalize().map_err(|e| cannot_write(out, &e))?;
            match replace {
                Replace::Never => Err(Failure::input(format!(
                    "{} already exists; not overwriting it (choose another path or remove it first)",
                    out.display()
                ))),
                Replace::Earlier { what, recognise } => {
                    let existing = std::fs::read(&real).map_err(|e| cannot_write(out, &e))?;
                    if !recognise(&existing) {
                        return Err(Failure::input(format!(
                            "{} exists and is not {what}; not overwriting it (choose another path or remove it first)",
                            out.display()
                        )));
                    }
                    atomic_replace(&real, bytes).map_err(|e| cannot_write(out, &e))
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(out).is_ok() {
                return Err(Failure::input(format!(
                    "{} is a symbolic link to nothing; not writing through it",
                    out.display()
                )));
            }
            atomic_new(out, bytes).map_err(|e| cannot_write(out, &e))
        }
        Err(e) => Err(cannot_write(out, &e)),
    }
}

/// Whether `path` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Failure {
    Failure::input(format!("cannot write {}: {e}", path.display()))
}

/// A device, FIFO or terminal: open it for writing (never create, never truncate) and write.
fn into_special(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let result = OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()));
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(cannot_write(path, &e)),
    }
}

/// A new file: temporary file, then a hard link (which, unlike a rename, fails if the target
/// appeared meanwhile), so that it is written whole or not at all and nothing is replaced.
fn atomic_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary(path);
    let result = std::fs::write(&tmp, bytes).and_then(|()| {
        std::fs::hard_link(&tmp, path).or_else(|e| {
            if std::fs::symlink_metadata(path).is_ok() {
                Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the file appeared while writing",
                ))
            } else if e.kind() == std::io::ErrorKind::NotFound {
                Err(e)
            } else {
                // File systems without hard links.
                std::fs::rename(&tmp, path)
            }
        })
    });
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Replaces a regular file whole: temporary file, then a rename.
fn atomic_replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary(path);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether two paths name the same file (hard links and symbolic links included).
fn same_file(a: &Path, b: &Path) -> bool {
    if is_stdout(b) {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino() && a.is_file();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A temporary file beside `path` (same folder, so that the rename is atomic).
fn temporary(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The format an output path's extension asks for, if it has a known one.
pub fn extension(path: &Path) -> Option<String> {
    if is_stdout(path) {
        return None;
    }
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// An earlier JSON output: a JSON object with every one of `keys` at its top level, and not a
/// profile (which has `format` and `assessment`).
pub fn json_with_keys(bytes: &[u8], keys: &[&str]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .is_some_and(|o| {
            keys.iter().all(|k| o.contains_key(*k))
                && !(o.contains_key("format") && o.contains_key("assessment"))
        })
}

/// An earlier text output: its first line is the first line of the new output.
pub fn same_first_line(existing: &[u8], new: &[u8]) -> bool {
    let first = |b: &[u8]| b.split(|&c| c == b'\n').next().map(<[u8]>::to_vec);
    !new.is_empty() && first(existing) == first(new)
}
