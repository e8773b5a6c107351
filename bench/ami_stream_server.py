#!/usr/bin/env python3
"""A loopback AMI peer for the ami-tail benchmark: greets, accepts any Challenge/Login, then
streams the events of every recording in tests/fixtures/ami (responses removed) until
`--events` events are sent, as fast as the socket takes them, and closes.

  bench/ami_stream_server.py --port 0 --events 2000000   # prints "listening on 127.0.0.1:PORT"
"""
import argparse
import pathlib
import socket
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ami"


def recorded_events():
    blocks = []
    for f in sorted(root.glob("*.ami")):
        data = f.read_bytes()
        data = data[data.index(b"\r\n") + 2:]  # drop the banner
        for block in data.split(b"\r\n\r\n"):
            if block.startswith(b"Event: "):
                blocks.append(block + b"\r\n\r\n")
    return blocks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--events", type=int, default=2_000_000)
    args = ap.parse_args()
    blocks = recorded_events()
    chunk = b"".join(blocks)
    per_chunk = len(blocks)

    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(1)
    print(f"listening on 127.0.0.1:{srv.getsockname()[1]}", flush=True)
    conn, _ = srv.accept()
    conn.sendall(b"Asterisk Call Manager/11.0.0\r\n")
    buf = b""
    while b"Action: Login" not in buf or not buf.endswith(b"\r\n\r\n"):
        data = conn.recv(4096)
        if not data:
            return
        buf += data
        for action in buf.split(b"\r\n\r\n")[:-1]:
            fields = dict(l.split(b": ", 1) for l in action.split(b"\r\n") if b": " in l)
            aid = fields.get(b"ActionID", b"")
            if fields.get(b"Action") == b"Challenge":
                conn.sendall(b"Response: Success\r\nActionID: " + aid + b"\r\nChallenge: 1\r\n\r\n")
            elif fields.get(b"Action") == b"Login":
                conn.sendall(b"Response: Success\r\nActionID: " + aid + b"\r\nMessage: Authentication accepted\r\n\r\n")
        buf = buf.split(b"\r\n\r\n")[-1] if b"Action: Login" not in buf else buf
    sent = 0
    while sent + per_chunk <= args.events:
        conn.sendall(chunk)
        sent += per_chunk
    conn.sendall(b"".join(blocks[: args.events - sent]))
    conn.close()
    print(f"sent {args.events} events", file=sys.stderr)


if __name__ == "__main__":
    main()
