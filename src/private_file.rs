//! Files only the agent may read: directories created 0700 and files created 0600 (the mode
//! set when they are created, never loosened afterwards), replaced atomically, and refused
//! when someone else can read them. On Windows the per-user profile directories already
//! carry owner-only ACLs, so the checks are Unix-only.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PrivateFileError {
    #[error("cannot create {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// The file can be read by other users of this machine.
    #[error(
        "{path} can be read by other users of this machine (mode {mode:o}); care will not use it"
    )]
    Shared { path: String, mode: u32 },
}

impl PrivateFileError {
    /// What to do about it, for hints.
    pub fn fix(&self) -> Option<String> {
        match self {
            PrivateFileError::Shared { path, .. } => Some(format!(
                "make it yours alone with `chmod 600 '{path}'` (and `chmod 700` its folder), or delete it and sign in again"
            )),
            _ => None,
        }
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Creates `dir` and its missing parents, each level care creates 0700 (a folder that
/// exists keeps its mode). The empty path of a bare file name's parent is the current folder.
pub fn create_dir(dir: &Path) -> Result<(), PrivateFileError> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|source| PrivateFileError::Create {
        path: shown(dir),
        source,
    })
}

/// The folder `path` is in (the current folder for a bare file name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn options() -> OpenOptions {
    #[cfg_attr(not(unix), allow(unused_mut))] // only Unix sets the mode
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

/// Refuses a file that other users can read or write.
pub fn check_not_shared(path: &Path) -> Result<(), PrivateFileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(PrivateFileError::Shared {
                    path: shown(path),
                    mode,
                });
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Reads a private file; `None` when it does not exist.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>, PrivateFileError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            check_not_shared(path)?;
            Ok(Some(bytes))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(PrivateFileError::Read {
            path: shown(path),
            source,
        }),
    }
}

/// Replaces `path` with `bytes` atomically: a 0600 temporary file in the same 0700
/// directory, synced, then renamed over the old one.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), PrivateFileError> {
    let dir = folder(path);
    create_dir(dir)?;
    // a name nobody can guess, created new: in a folder others can write to, a file or link
    // planted under the name never receives the bytes
    let mut salt = [0u8; 8];
    rand::fill(&mut salt);
    let tmp: PathBuf = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id(),
        salt.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ));
    let write = |source| PrivateFileError::Write {
        path: shown(path),
        source,
    };
    let result = (|| {
        let mut f = options().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(write)
}

/// Opens `path` for appending, creating it 0600 (its directory 0700) when missing.
pub fn append(path: &Path) -> Result<File, PrivateFileError> {
    create_dir(folder(path))?;
    let f = options()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|source| PrivateFileError::Write {
            path: shown(path),
            source,
        })?;
    check_not_shared(path)?;
    Ok(f)
}

/// Creates a new file 0600 that must not exist yet (never overwrites).
pub fn create_new(path: &Path) -> Result<File, PrivateFileError> {
    create_dir(folder(path))?;
    options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| PrivateFileError::Create {
            path: shown(path),
            source,
        })
}

/// Deletes a file; a missing one is fine.
pub fn remove(path: &Path) -> Result<bool, PrivateFileError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(PrivateFileError::Write {
            path: shown(path),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_private_and_replaced_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/secret.json");
        replace(&path, b"one").unwrap();
        replace(&path, b"two").unwrap();
        assert_eq!(read(&path).unwrap().unwrap(), b"two");
        assert!(read(&dir.path().join("missing")).unwrap().is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            // every level care made, not only the last
            assert_eq!(mode(path.parent().unwrap()), 0o700);
            assert_eq!(mode(&dir.path().join("a")), 0o700);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = read(&path).unwrap_err();
            assert!(matches!(e, PrivateFileError::Shared { mode: 0o644, .. }));
            assert!(e.fix().unwrap().contains("chmod 600"));
        }
        assert!(create_new(&path).is_err(), "never overwrites");
    }

    #[test]
    fn a_bare_file_name_is_in_the_current_folder() {
        assert_eq!(folder(Path::new("codes.csv")), Path::new("."));
        assert_eq!(folder(Path::new("out/codes.csv")), Path::new("out"));
        create_dir(Path::new("")).unwrap();
    }
}
