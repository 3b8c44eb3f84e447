//! The templates a brief is rendered with: those built into citebrief (the workspace's
//! `templates/` folder at build time), each replaced by the file of the same name in a template
//! folder of the user's, when there is one and it holds that file.
//!
//! So a brief renders anywhere, with no `templates/` folder at all (`cargo install` then
//! `citebrief new x && citebrief build briefs/x` in an empty folder), and a user who wants
//! other wording edits only the files that say it: a folder with just `wording.yaml` changes
//! the labels and keeps every other template built in.

use std::path::{Path, PathBuf};

use citebrief_store::fsio;

use crate::RenderError;

/// The built-in templates, by name relative to the template folder.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "brief.md.j2",
        include_str!("../../../templates/brief.md.j2"),
    ),
    ("brief.typ", include_str!("../../../templates/brief.typ")),
    (
        "wording.yaml",
        include_str!("../../../templates/wording.yaml"),
    ),
    (
        "statements.j2",
        include_str!("../../../templates/statements.j2"),
    ),
    (
        "sections/title.md.j2",
        include_str!("../../../templates/sections/title.md.j2"),
    ),
    (
        "sections/bottom_line.md.j2",
        include_str!("../../../templates/sections/bottom_line.md.j2"),
    ),
    (
        "sections/by_actor.md.j2",
        include_str!("../../../templates/sections/by_actor.md.j2"),
    ),
    (
        "sections/matrix.md.j2",
        include_str!("../../../templates/sections/matrix.md.j2"),
    ),
    (
        "sections/ruled_out.md.j2",
        include_str!("../../../templates/sections/ruled_out.md.j2"),
    ),
    (
        "sections/caveats.md.j2",
        include_str!("../../../templates/sections/caveats.md.j2"),
    ),
    (
        "sections/discrepancies.md.j2",
        include_str!("../../../templates/sections/discrepancies.md.j2"),
    ),
    (
        "sections/sources.md.j2",
        include_str!("../../../templates/sections/sources.md.j2"),
    ),
    (
        "sections/footnotes.md.j2",
        include_str!("../../../templates/sections/footnotes.md.j2"),
    ),
    (
        "sections/macros.md.j2",
        include_str!("../../../templates/sections/macros.md.j2"),
    ),
    (
        "html/brief.html.j2",
        include_str!("../../../templates/html/brief.html.j2"),
    ),
    (
        "html/macros.html.j2",
        include_str!("../../../templates/html/macros.html.j2"),
    ),
    (
        "html/source.html.j2",
        include_str!("../../../templates/html/source.html.j2"),
    ),
    (
        "html/style.css",
        include_str!("../../../templates/html/style.css"),
    ),
];

/// Where the templates of a brief come from: the built-in ones, and a folder whose files
/// replace them one by one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    folder: Option<PathBuf>,
}

impl Templates {
    /// A minijinja environment that loads these templates (the user's files, else the
    /// built-in ones), with strict undefined values and block trimming: what the sentence
    /// templates and the brief's templates share. Each adds its escaping and helpers.
    pub(crate) fn environment(&self) -> minijinja::Environment<'static> {
        let mut env = minijinja::Environment::new();
        let loader = self.clone();
        env.set_loader(move |name| {
            loader.load(name).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
            })
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_debug(true);
        env
    }

    /// Only the built-in templates.
    pub fn builtin() -> Templates {
        Templates { folder: None }
    }

    /// The templates of `folder`, and the built-in ones for the names it does not hold.
    pub fn with_folder(folder: impl Into<PathBuf>) -> Templates {
        Templates {
            folder: Some(folder.into()),
        }
    }

    /// The user's template folder, if any.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// Where the template `name` is read from: its file in the folder, or the built-in one
    /// (named `built-in templates/NAME` in messages).
    pub fn path_of(&self, name: &str) -> PathBuf {
        match &self.folder {
            Some(f) if f.join(name).exists() || builtin(name).is_none() => f.join(name),
            _ => Path::new("built-in templates").join(name),
        }
    }

    /// The text of the template `name` (`sections/title.md.j2`): the folder's file, else the
    /// built-in one; `None` when neither exists. A name is never a path out of the folder
    /// (`..`, an absolute path), and a file is never read through a link, never a FIFO or
    /// device, never larger than [`fsio::limits::TEMPLATE`].
    pub fn load(&self, name: &str) -> Result<Option<String>, RenderError> {
        if name
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == ".." || p.contains('\\'))
        {
            return Ok(None);
        }
        if let Some(dir) = &self.folder {
            let mut path = dir.to_path_buf();
            for part in name.split('/') {
                path.push(part);
                fsio::check_not_link(&path).map_err(|e| RenderError::io(&path, e))?;
            }
            match fsio::read_string_limited(&path, fsio::limits::TEMPLATE) {
                Ok(text) => return Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(RenderError::io(&path, e)),
            }
        }
        Ok(builtin(name).map(str::to_string))
    }
}

impl From<&Path> for Templates {
    fn from(folder: &Path) -> Templates {
        Templates::with_folder(folder)
    }
}

impl From<PathBuf> for Templates {
    fn from(folder: PathBuf) -> Templates {
        Templates::with_folder(folder)
    }
}

impl From<&PathBuf> for Templates {
    fn from(folder: &PathBuf) -> Templates {
        Templates::with_folder(folder.as_path())
    }
}

impl From<&Templates> for Templates {
    fn from(t: &Templates) -> Templates {
        t.clone()
    }
}

/// The built-in template `name`.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the workspace's `templates/` folder but its README is built in, and
    /// nothing else: a template added there and not here would silently not ship.
    #[test]
    fn every_workspace_template_is_built_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut found = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let name = p
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    if name != "README.md" {
                        found.push(name.replace('\\', "/"));
                    }
                }
            }
        }
        found.sort();
        let mut built: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        built.sort();
        assert_eq!(found, built);
        for (name, text) in BUILTIN {
            assert_eq!(
                std::fs::read_to_string(root.join(name)).unwrap(),
                *text,
                "{name}"
            );
        }
    }

    #[test]
    fn a_folder_replaces_the_files_it_holds_and_only_those() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sections")).unwrap();
        std::fs::write(dir.path().join("sections/title.md.j2"), "# Mine\n").unwrap();
        let t = Templates::with_folder(dir.path());
        assert_eq!(
            t.load("sections/title.md.j2").unwrap().as_deref(),
            Some("# Mine\n")
        );
        assert_eq!(
            t.load("brief.md.j2").unwrap().as_deref(),
            builtin("brief.md.j2")
        );
        assert_eq!(t.load("nothing.j2").unwrap(), None);
        assert_eq!(t.load("../brief.md.j2").unwrap(), None);
        assert_eq!(
            t.path_of("brief.md.j2"),
            Path::new("built-in templates/brief.md.j2")
        );
        assert_eq!(
            t.path_of("sections/title.md.j2"),
            dir.path().join("sections/title.md.j2")
        );
        assert_eq!(
            Templates::builtin().load("brief.typ").unwrap().as_deref(),
            builtin("brief.typ")
        );
    }
}
