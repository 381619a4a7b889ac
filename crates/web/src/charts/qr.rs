//! The join QR code, generated in the binary as SVG (no outside service).

use qrcode::QrCode;
use qrcode::render::svg;

use super::svg::esc;

/// An inline SVG QR code for `url`, labelled for screen readers.
pub fn svg(url: &str, label: &str) -> String {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return String::new();
    };
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline: drop the XML declaration and name the image.
    let start = image.find("<svg").unwrap_or(0);
    image[start..].replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{}" class="qr" "#, esc(label)),
        1,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn qr_is_inline_svg_with_a_label() {
        let s = super::svg("http://127.0.0.1:8080/j/ABCDEFGH", "QR-Code <Teilnahme>");
        assert!(s.starts_with("<svg role=\"img\" aria-label=\"QR-Code &lt;Teilnahme&gt;\""));
        assert!(s.contains("<path") || s.contains("<rect"));
        assert!(!s.contains("<?xml"));
    }
}
