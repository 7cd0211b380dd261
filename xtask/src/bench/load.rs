//! A small closed-loop load generator: N kept-alive connections, each sending its next
//! request as soon as the answer arrives, for a fixed time. One thread per connection.

use super::http::Connection;
use std::time::{Duration, Instant};

pub struct Measured {
    pub requests: u64,
    pub elapsed: Duration,
    /// Answers that were not 2xx, by status.
    pub not_2xx: Vec<(u16, u64)>,
    /// Connections that failed (refused, reset) before the time was up.
    pub broken: u64,
    /// Every answer's latency, sorted.
    pub latencies: Vec<Duration>,
}

impl Measured {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    pub fn not_2xx_total(&self) -> u64 {
        self.not_2xx.iter().map(|(_, n)| n).sum()
    }
}

/// The nearest-rank percentile (`p` from 0 to 100) of sorted values.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs `connections` connections against `addr` for `duration`. `request(c, n)` makes
/// connection `c`'s `n`th request.
pub fn run(
    addr: &str,
    connections: usize,
    duration: Duration,
    request: &(dyn Fn(usize, u64) -> Vec<u8> + Sync),
) -> Measured {
    let started = Instant::now();
    let deadline = started + duration;
    let results: Vec<(Vec<Duration>, Vec<u16>, bool)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..connections)
            .map(|c| {
                scope.spawn(move || {
                    let mut latencies = Vec::new();
                    let mut bad = Vec::new();
                    let Ok(mut connection) = Connection::open(addr) else {
                        return (latencies, bad, true);
                    };
                    let mut n = 0;
                    while Instant::now() < deadline {
                        let bytes = request(c, n);
                        n += 1;
                        let sent = Instant::now();
                        match connection.send(&bytes) {
                            Ok(response) => {
                                latencies.push(sent.elapsed());
                                if !(200..300).contains(&response.status) {
                                    bad.push(response.status);
                                }
                            }
                            Err(_) => return (latencies, bad, true),
                        }
                    }
                    (latencies, bad, false)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a load thread panicked"))
            .collect()
    });
    let elapsed = started.elapsed();
    let mut latencies = Vec::new();
    let mut not_2xx: Vec<(u16, u64)> = Vec::new();
    let mut broken = 0;
    for (times, bad, failed) in results {
        latencies.extend(times);
        for status in bad {
            match not_2xx.iter_mut().find(|(s, _)| *s == status) {
                Some((_, n)) => *n += 1,
                None => not_2xx.push((status, 1)),
            }
        }
        broken += u64::from(failed);
    }
    latencies.sort_unstable();
    Measured {
        requests: latencies.len() as u64,
        elapsed,
        not_2xx,
        broken,
        latencies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let sorted = ms(&(1..=100).collect::<Vec<_>>());
        assert_eq!(percentile(&sorted, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&sorted, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&sorted, 0.0), Duration::from_millis(1));
        let few = ms(&[3, 7, 9]);
        assert_eq!(percentile(&few, 50.0), Duration::from_millis(7));
        assert_eq!(percentile(&few, 99.0), Duration::from_millis(9));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn a_run_against_a_tiny_server_counts_requests_and_bad_answers() {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut stream = stream;
                    let mut line = String::new();
                    let mut odd = false;
                    while reader.read_line(&mut line).unwrap_or(0) > 0 {
                        if line == "\r\n" {
                            let status = if odd { "404 Not Found" } else { "200 OK" };
                            odd = !odd;
                            let reply = format!("HTTP/1.1 {status}\r\nContent-Length: 2\r\n\r\nok");
                            if stream.write_all(reply.as_bytes()).is_err() {
                                return;
                            }
                        }
                        line.clear();
                    }
                });
            }
        });
        let request = |_: usize, _: u64| b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec();
        // Long enough for a few requests on each connection even on a busy machine (a
        // run of 200 ms once managed fewer than 10 while other builds ran).
        let measured = run(&addr, 2, Duration::from_millis(600), &request);
        assert!(measured.requests >= 8, "{} requests", measured.requests);
        assert_eq!(measured.broken, 0);
        let bad = measured.not_2xx_total();
        assert!(bad >= measured.requests / 2 - 2 && bad <= measured.requests / 2 + 2);
        assert_eq!(measured.not_2xx[0].0, 404);
    }
}
