//! The files the panels offer: a scenario's JSON, a program.

use crate::ui::services::browser::download_as;

/// Offers `text` as a file download (as JSON: the browser saves it as it is, whatever the
/// file's name says it holds).
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    download_as(file_name, "application/json", text)
        .map_err(|_| "Your browser would not save the file; copy it instead.".to_owned())
}
