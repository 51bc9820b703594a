//! What the stages call on and never the reverse: theme loading, image
//! files, code highlighting, HTML sanitizing and escaping, and the
//! Chromium client `pdf` drives.

pub mod devtools;
pub mod escape;
pub mod highlight;
pub mod images;
pub mod sanitize;
pub mod theme;
