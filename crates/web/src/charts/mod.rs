//! Charts as inline SVG, each drawn next to a table with the same numbers: pure string
//! building from numbers, with text escaped and a title and description for screen readers.

pub mod balken;
pub mod gantt;
pub mod organigramm;
pub mod qr;
pub mod raster;
pub mod streu;
pub mod svg;
