//! A minimal HTTP/1.1 client over one keep-alive TCP connection: enough for the load
//! generator and the bench's set-up calls, with no HTTP library to compile.

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("not JSON ({e})"))
    }
}

/// One request as bytes. `body` is JSON when present.
pub fn request(
    method: &str,
    path: &str,
    host: &str,
    cookie: Option<&str>,
    body: Option<&str>,
) -> Vec<u8> {
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n");
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
    } else {
        head.push_str("\r\n");
    }
    head.into_bytes()
}

/// A GET with extra headers (such as `Accept-Encoding`), as a browser would send it for
/// a file.
pub fn get(path: &str, host: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// A kept-alive connection.
pub struct Connection {
    stream: BufReader<TcpStream>,
}

impl Connection {
    pub fn open(addr: &str) -> io::Result<Connection> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: BufReader::new(stream),
        })
    }

    pub fn send(&mut self, request: &[u8]) -> io::Result<Response> {
        self.stream.get_mut().write_all(request)?;
        read_response(&mut self.stream)
    }
}

/// One request on a fresh connection.
pub fn once(addr: &str, request: &[u8]) -> Result<Response, String> {
    Connection::open(addr)
        .and_then(|mut c| c.send(request))
        .map_err(|e| format!("request to {addr} failed: {e}"))
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Reads one response: status line, headers, and a body framed by Content-Length or
/// chunked encoding.
pub fn read_response(reader: &mut impl BufRead) -> io::Result<Response> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("bad status line {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed
            .split_once(':')
            .ok_or_else(|| invalid(format!("bad header {trimmed:?}")))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if response
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| invalid(format!("bad chunk size {line:?}")))?;
            if size == 0 {
                line.clear();
                reader.read_line(&mut line)?;
                break;
            }
            let start = response.body.len();
            response.body.resize(start + size, 0);
            reader.read_exact(&mut response.body[start..])?;
            line.clear();
            reader.read_line(&mut line)?;
        }
    } else if let Some(length) = response.header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| invalid(format!("bad content-length {length:?}")))?;
        response.body.resize(length, 0);
        reader.read_exact(&mut response.body)?;
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_response_with_content_length_then_the_next_one() {
        let bytes = b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\nSet-Cookie: a=b; Path=/\r\n\r\nhiHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        let mut reader = &bytes[..];
        let first = read_response(&mut reader).unwrap();
        assert_eq!(first.status, 201);
        assert_eq!(first.body, b"hi");
        assert_eq!(first.header("set-cookie"), Some("a=b; Path=/"));
        assert_eq!(read_response(&mut reader).unwrap().status, 200);
    }

    #[test]
    fn reads_a_chunked_response() {
        let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let response = read_response(&mut &bytes[..]).unwrap();
        assert_eq!(response.body, b"abcde");
    }

    #[test]
    fn a_get_carries_the_headers_it_is_given() {
        let bytes = get("/a.wasm", "h:1", &[("Accept-Encoding", "br")]);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "GET /a.wasm HTTP/1.1\r\nHost: h:1\r\nAccept-Encoding: br\r\n\r\n"
        );
    }

    #[test]
    fn a_request_with_a_body_says_how_long_it_is() {
        let bytes = request("POST", "/x", "h:1", Some("c=1"), Some("{}"));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("POST /x HTTP/1.1\r\nHost: h:1\r\n"));
        assert!(text.contains("Cookie: c=1\r\n"));
        assert!(text.ends_with("Content-Length: 2\r\n\r\n{}"));
    }
}
