//! Small helpers shared by the charts.

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Opens an accessible SVG: `role="img"` with a title and a description.
pub fn open(width: u32, height: u32, title: &str, desc: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="svg-t" aria-describedby="svg-d" class="chart"><title id="svg-t">{}</title><desc id="svg-d">{}</desc>"#,
        esc(title),
        esc(desc)
    )
}

/// Like [`open`], with the ids of title and description made from `id`, so that several
/// charts on one page keep their ids unique.
pub fn open_id(id: &str, width: u32, height: u32, title: &str, desc: &str) -> String {
    let id = esc(id);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{id}-t" aria-describedby="{id}-d" class="chart" id="{id}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(desc)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
