//! Reading input files of the command line: bounded in size, and catalogue folders.

use anyhow::Context;

/// Reads a text file of at most `max` bytes. The limit is checked while reading (a pipe
/// or a growing file has no trustworthy size), so a huge file never fills the memory.
pub(crate) fn lesen_begrenzt(file: &std::path::Path, max: usize) -> anyhow::Result<String> {
    use std::io::Read;
    let f =
        std::fs::File::open(file).with_context(|| format!("{} kann nicht gelesen werden", file.display()))?;
    let mut bytes = Vec::new();
    f.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{} kann nicht gelesen werden", file.display()))?;
    if bytes.len() > max {
        anyhow::bail!(
            "{} ist größer als {} MiB und wird nicht eingelesen.",
            file.display(),
            max / (1024 * 1024)
        );
    }
    String::from_utf8(bytes).with_context(|| format!("{} ist keine UTF-8-Textdatei", file.display()))
}

pub(crate) fn read_dir_files(dir: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    fn walk(
        root: &std::path::Path,
        d: &std::path::Path,
        out: &mut Vec<(String, String)>,
    ) -> anyhow::Result<()> {
        for e in std::fs::read_dir(d).with_context(|| format!("{} kann nicht gelesen werden", d.display()))? {
            let p = e?.path();
            if p.is_dir() {
                walk(root, &p, out)?;
            } else if p.extension().is_some_and(|x| x == "toml") {
                let rel = p
                    .strip_prefix(root)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p)?));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}
