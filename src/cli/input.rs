//! Where inputs come from: files, the `*.json` files of a directory, or standard input (`-`).

use std::io::Read;
use std::path::{Path, PathBuf};

use budapest_gap::profile::MAX_PROFILE_BYTES;

use super::Failure;

/// One input as the user named it.
#[derive(Debug, Clone)]
pub struct Input {
    /// How diagnostics name it: the path as given, or `<stdin>`.
    pub name: String,
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
}

impl Input {
    /// The path of a file input, for the "never overwrite an input" rule.
    pub fn file(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// Expands the arguments: `-` is standard input (once), a directory is its `*.json` files in
/// name order (not recursing), anything else is a file.
pub fn expand(args: &[PathBuf]) -> Result<Vec<Input>, Failure> {
    let mut out = Vec::new();
    let mut stdin = false;
    for arg in args {
        if arg.as_os_str() == "-" {
            if stdin {
                return Err(Failure::input("standard input (`-`) can be read only once"));
            }
            stdin = true;
            out.push(Input {
                name: "<stdin>".into(),
                path: None,
            });
        } else if arg.is_dir() {
            let entries = std::fs::read_dir(arg)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", arg.display())))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.is_dir())
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Failure::input(format!(
                    "{} is a directory with no .json file",
                    arg.display()
                )));
            }
            out.extend(files.into_iter().map(|p| Input {
                name: p.display().to_string(),
                path: Some(p),
            }));
        } else {
            out.push(Input {
                name: arg.display().to_string(),
                path: Some(arg.clone()),
            });
        }
    }
    Ok(out)
}

/// One input argument (`-` or a file; a directory is refused).
pub fn single(arg: &Path) -> Result<Input, Failure> {
    if arg.as_os_str() == "-" {
        return Ok(Input {
            name: "<stdin>".into(),
            path: None,
        });
    }
    if arg.is_dir() {
        return Err(Failure::input(format!(
            "{} is a directory; name one profile file",
            arg.display()
        )));
    }
    Ok(Input {
        name: arg.display().to_string(),
        path: Some(arg.to_path_buf()),
    })
}

/// Reads an input's bytes, at most one byte more than `limit` (so that an oversized input is
/// recognised without reading all of it).
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let cap = limit as u64 + 1;
    let result = match &input.path {
        None => std::io::stdin().lock().take(cap).read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p).and_then(|f| f.take(cap).read_to_end(&mut bytes)),
    };
    result.map_err(|e| format!("cannot read {}: {e}", input.name))?;
    Ok(bytes)
}

/// Reads a profile input (limited to [`MAX_PROFILE_BYTES`]).
pub fn read_profile(input: &Input) -> Result<Vec<u8>, String> {
    read(input, MAX_PROFILE_BYTES)
}
