//! The real `csportal` binary as a child process on a free loopback port, for
//! the process tests and the start-up benchmark.
// Each of the two uses only part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Variables of the developer's shell that would leak into the child.
const INHERITED_SETTINGS: [&str; 6] = [
    "DATABASE_URL",
    "CSPORTAL_KEYS_DIR",
    "CSPORTAL_BIND",
    "CSPORTAL_STATIC_DIR",
    "CSPORTAL_JWT_SECRET",
    "CSPORTAL_WORKERS",
];

/// `csportal <args>` with its data in `data_dir`, listening on a free port.
pub fn csportal(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_csportal"));
    for name in INHERITED_SETTINGS {
        command.env_remove(name);
    }
    command
        .current_dir(data_dir)
        .env("CSPORTAL_DATA_DIR", data_dir)
        .env("CSPORTAL_BIND", "127.0.0.1:0")
        .env("CSPORTAL_WORKERS", "2")
        .env("CSPORTAL_LOG", "info")
        .env("CSPORTAL_LOG_FORMAT", "json");
    command
}

pub struct ServerProcess {
    child: Child,
    pub base_url: String,
    output: Arc<Mutex<String>>,
}

impl ServerProcess {
    /// Starts `command serve` and waits until it prints the address it listens on.
    pub fn start(command: Command) -> Self {
        Self::start_with(command, &["serve"])
    }

    /// Starts `command <args>` (a `serve`) and waits until it listens.
    pub fn start_with(mut command: Command, args: &[&str]) -> Self {
        let mut child = command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("csportal starts");
        let output = Arc::new(Mutex::new(String::new()));
        let (found, address) = mpsc::channel();
        collect(child.stdout.take().expect("stdout"), &output, Some(found));
        collect(child.stderr.take().expect("stderr"), &output, None);
        let base_url = match address.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "csportal did not listen within 60 s:\n{}",
                    output.lock().expect("output")
                )
            }
        };
        Self {
            child,
            base_url,
            output,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Everything the server printed so far (both streams).
    pub fn output(&self) -> String {
        self.output.lock().expect("output").clone()
    }

    /// Sends SIGTERM and waits for the exit (at most `patience`).
    pub fn terminate(&mut self, patience: Duration) -> Option<ExitStatus> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + patience;
        while Instant::now() < deadline {
            if let Some(exit) = self.child.try_wait().expect("wait") {
                // Let the reader threads take the last lines.
                thread::sleep(Duration::from_millis(50));
                return Some(exit);
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Resident memory of the process in KiB, from /proc.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Copies a stream into `output`; sends the base URL once the start line appears.
fn collect(
    stream: impl Read + Send + 'static,
    output: &Arc<Mutex<String>>,
    mut found: Option<mpsc::Sender<String>>,
) {
    let output = Arc::clone(output);
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(tx) = &found {
                if let Some(url) = base_url_in(&line) {
                    let _ = tx.send(url);
                    found = None;
                }
            }
            let mut all = output.lock().expect("output");
            all.push_str(&line);
            all.push('\n');
        }
    });
}

/// "csportal is running at http://127.0.0.1:41234/ (...)" -> "http://127.0.0.1:41234".
fn base_url_in(line: &str) -> Option<String> {
    let rest = line.split("csportal is running at ").nth(1)?;
    let url = rest.split_whitespace().next()?;
    Some(url.trim_end_matches('/').to_owned())
}
