//! The repeat visit: `tests/bench/repeat-visit.mjs` (Playwright in Debian's Chromium)
//! opens My Journey twice as the demo young person, through a counting proxy, and says
//! what each visit fetched over the network once the service worker was ready.

use crate::{project_root, tools, Result};
use std::process::Command;

#[derive(Debug, PartialEq)]
pub struct Visit {
    pub label: String,
    /// wasm, js and css files that reached the server (the service worker not counted).
    pub app_files_from_network: u64,
    pub app_files: Vec<String>,
    /// App files the page got from its service worker.
    pub from_service_worker: u64,
    /// Every request that reached the server, as "METHOD PATH STATUS".
    pub network: Vec<String>,
}

/// Reads the script's last line of output.
pub fn parse(output: &str) -> Result<Vec<Visit>> {
    let line = output
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .ok_or_else(|| format!("the repeat-visit script printed no result: {output:?}"))?;
    let json: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("the repeat-visit result: {e}"))?;
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    json["visits"]
        .as_array()
        .ok_or("the repeat-visit result has no visits")?
        .iter()
        .map(|v| {
            Ok(Visit {
                label: v["visit"].as_str().unwrap_or_default().to_owned(),
                app_files_from_network: v["app_files_from_network"]
                    .as_u64()
                    .ok_or("a visit without app_files_from_network")?,
                app_files: strings(&v["app_files"]),
                from_service_worker: v["from_service_worker"].as_u64().unwrap_or(0),
                network: strings(&v["network"]),
            })
        })
        .collect()
}

/// Runs the script against the server at `addr`.
pub fn run(addr: &str) -> Result<Vec<Visit>> {
    let script = project_root().join("tests/bench/repeat-visit.mjs");
    let output = Command::new("node")
        .arg(&script)
        .env("BASE_URL", format!("http://{addr}"))
        .env("CHROMIUM", tools::CHROMIUM)
        .env("PATH", tools::path_with_node_bin())
        .current_dir(project_root())
        .output()
        .map_err(|e| format!("could not run node {}: {e}", script.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}):\n{stdout}{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse(&stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_visit() {
        let output = "some log line\n{\"visits\":[\
            {\"visit\":\"first\",\"app_files_from_network\":3,\"app_files\":[\"/a.js 200\"],\"from_service_worker\":0,\"network\":[\"GET / 200\"]},\
            {\"visit\":\"repeat\",\"app_files_from_network\":0,\"app_files\":[],\"from_service_worker\":3,\"network\":[\"GET / 200\",\"GET /api/v1/me 200\"]}]}\n";
        let visits = parse(output).unwrap();
        assert_eq!(visits.len(), 2);
        assert_eq!(visits[0].app_files_from_network, 3);
        assert_eq!(visits[0].app_files, ["/a.js 200"]);
        assert_eq!(visits[1].label, "repeat");
        assert_eq!(visits[1].app_files_from_network, 0);
        assert_eq!(visits[1].from_service_worker, 3);
        assert_eq!(visits[1].network, ["GET / 200", "GET /api/v1/me 200"]);
        assert!(parse("nothing").is_err());
    }
}
