//! The safe Markdown subset of the free chapters (`werkstatt_core::strategie::markdown`)
//! as HTML for pages: the strategy's preview and the legal pages. Every text is escaped;
//! only the subset's own constructs become markup.

/// `text` as HTML blocks (paragraphs and lists).
pub fn html(text: &str) -> String {
    use werkstatt_core::strategie::{Block, Inline};
    let esc = crate::charts::svg::esc;
    let inline = |xs: &[Inline]| -> String {
        xs.iter()
            .map(|i| match i {
                Inline::Text { text } => esc(text),
                Inline::Fett { text } => format!("<strong>{}</strong>", esc(text)),
                Inline::Kursiv { text } => format!("<em>{}</em>", esc(text)),
                Inline::Fussnote { text } => format!(" ({})", esc(text)),
                Inline::Link { text, ziel } => {
                    format!("<a href=\"{}\" rel=\"noopener\">{}</a>", esc(ziel), esc(text))
                }
            })
            .collect()
    };
    werkstatt_core::strategie::markdown::bloecke(text)
        .iter()
        .map(|b| match b {
            Block::Absatz { inhalt } => format!("<p>{}</p>", inline(inhalt)),
            Block::Liste { nummeriert, punkte } => {
                let tag = if *nummeriert { "ol" } else { "ul" };
                let li: String = punkte.iter().map(|p| format!("<li>{}</li>", inline(p))).collect();
                format!("<{tag}>{li}</{tag}>")
            }
            Block::Tabelle(_) | Block::Grafik(_) => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn markup_of_the_subset_and_nothing_else() {
        let h = html("**Betreiber**\n\n- eins\n- <script>zwei</script>\n\n[Seite](https://example.org)");
        assert!(
            h.starts_with("<p><strong>Betreiber</strong></p><ul><li>eins</li>"),
            "{h}"
        );
        assert!(h.contains("&lt;script&gt;") && !h.contains("<script>"), "{h}");
        assert!(
            h.contains("<a href=\"https://example.org\" rel=\"noopener\">Seite</a>"),
            "{h}"
        );
    }
}
