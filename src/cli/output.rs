//! Writing outputs whole or not at all, never over an input.

use std::io::Write;
use std::path::Path;

use super::Failure;

/// Prints to standard output; a closed pipe is not an error worth a panic.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::input(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that
/// the file is written whole or not at all. Refuses to replace an existing file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::input(format!(
            "{} already exists; not overwriting it (choose another path or remove it first)",
            path.display()
        )));
    }
    let tmp = temporary(path);
    let result = std::fs::write(&tmp, bytes).and_then(|()| {
        // `hard_link` fails if the target exists, unlike `rename`: no race with another writer.
        std::fs::hard_link(&tmp, path).or_else(|_| {
            if path.exists() {
                Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the file appeared while writing",
                ))
            } else {
                std::fs::rename(&tmp, path)
            }
        })
    });
    let _ = std::fs::remove_file(&tmp);
    result.map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))
}

/// Writes `bytes` to `path` whole or not at all (temporary file, then rename), replacing an
/// earlier output but never the `input` it was made from.
pub fn replace(path: &Path, input: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(path, input) {
        return Err(Failure::input(format!(
            "refusing to write over the input {}; choose another output with -o",
            input.display()
        )));
    }
    let tmp = temporary(path);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))
}

/// A temporary file beside `path` (same folder, so that the rename is atomic).
fn temporary(path: &Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}
