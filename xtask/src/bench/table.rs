//! A table printed as aligned plain text, and the same as Markdown for the report.

pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Lines under the table: what is counted, how it was measured.
    pub notes: Vec<String>,
}

impl Table {
    pub fn new(title: &str, headers: &[&str]) -> Table {
        Table {
            title: title.to_owned(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn widths(&self) -> Vec<usize> {
        (0..self.headers.len())
            .map(|i| {
                std::iter::once(&self.headers)
                    .chain(&self.rows)
                    .map(|row| row.get(i).map_or(0, |c| c.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// The first column left-aligned, the others (figures) right-aligned.
    pub fn text(&self) -> String {
        let widths = self.widths();
        let line = |cells: &[String]| {
            let parts: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let cell = cells.get(i).map_or("", String::as_str);
                    if i == 0 {
                        format!("{cell:<w$}")
                    } else {
                        format!("{cell:>w$}")
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_owned()
        };
        let mut out = format!("{}\n\n{}\n", self.title, line(&self.headers));
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        out.push_str(&rule.join("  "));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        for note in &self.notes {
            out.push_str(&format!("  {note}\n"));
        }
        out
    }

    pub fn markdown(&self) -> String {
        let cells = |row: &[String]| {
            let padded: Vec<String> = (0..self.headers.len())
                .map(|i| row.get(i).map_or("", String::as_str).replace('|', "\\|"))
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let mut out = format!("### {}\n\n{}", self.title, cells(&self.headers));
        let rule: Vec<&str> = (0..self.headers.len())
            .map(|i| if i == 0 { "---" } else { "---:" })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            out.push_str(&cells(row));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                out.push_str(&format!("- {note}\n"));
            }
        }
        out
    }
}

/// Bytes as KB (1 KB = 1024 bytes), one decimal.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut table = Table::new("Sizes", &["file", "raw", "brotli"]);
        table.row(vec!["app.wasm".into(), "1.0 KB".into(), "512".into()]);
        table.row(vec!["a|b.css".into(), "12.5 KB".into(), "3".into()]);
        table.note("Counted: wasm, js, css.");
        table
    }

    #[test]
    fn plain_text_aligns_figures_to_the_right() {
        assert_eq!(
            sample().text(),
            "Sizes\n\n\
             file          raw  brotli\n\
             --------  -------  ------\n\
             app.wasm   1.0 KB     512\n\
             a|b.css   12.5 KB       3\n  \
             Counted: wasm, js, css.\n"
        );
    }

    #[test]
    fn markdown_escapes_bars_and_right_aligns_figures() {
        assert_eq!(
            sample().markdown(),
            "### Sizes\n\n\
             | file | raw | brotli |\n\
             | --- | ---: | ---: |\n\
             | app.wasm | 1.0 KB | 512 |\n\
             | a\\|b.css | 12.5 KB | 3 |\n\
             \n- Counted: wasm, js, css.\n"
        );
    }

    #[test]
    fn kilobytes_are_1024_bytes() {
        assert_eq!(kb(122_880), "120.0 KB");
        assert_eq!(kb(1_536), "1.5 KB");
    }
}
