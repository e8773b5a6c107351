#!/usr/bin/env python3
"""A tiny S3-compatible endpoint that VERIFIES AWS Signature Version 4 (s3rver does not), for
the tests of Torpedo's S3 store. Objects live in memory. Prints "listening on 127.0.0.1:PORT".

  sigv4_server.py ACCESS_KEY SECRET_KEY [REGION]
"""
import hashlib
import hmac
import http.server
import sys
import urllib.parse

ACCESS, SECRET = sys.argv[1], sys.argv[2]
REGION = sys.argv[3] if len(sys.argv) > 3 else "us-east-1"
objects = {}


def sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", content_type="application/xml"):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", content_type)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def verified(self, body):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("AWS4-HMAC-SHA256 "):
            return "missing AWS4-HMAC-SHA256 authorization"
        parts = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        access, date, region, service, terminator = parts["Credential"].split("/")
        if access != ACCESS:
            return "unknown access key"
        if region != REGION or service != "s3" or terminator != "aws4_request":
            return "bad credential scope"
        signed = parts["SignedHeaders"].split(";")
        payload = self.headers.get("x-amz-content-sha256", "")
        if "x-amz-content-sha256" not in signed:
            return "x-amz-content-sha256 is not signed"
        if payload != hashlib.sha256(body).hexdigest():
            return "x-amz-content-sha256 does not match the body"
        url = urllib.parse.urlsplit(self.path)
        query = "&".join(sorted(url.query.split("&"))) if url.query else ""
        canonical_headers = "".join(f"{h}:{' '.join(self.headers.get(h, '').split())}\n" for h in signed)
        canonical = "\n".join([self.command, url.path, query, canonical_headers, ";".join(signed), payload])
        amz_date = self.headers.get("x-amz-date", "")
        scope = f"{date}/{region}/s3/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = sign(sign(sign(sign(("AWS4" + SECRET).encode(), date), region), "s3"), "aws4_request")
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, parts["Signature"]):
            return "SignatureDoesNotMatch"
        return None

    def handle_any(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        problem = self.verified(body)
        if problem:
            return self.reply(403, f"<Error><Code>SignatureDoesNotMatch</Code><Message>{problem}</Message></Error>".encode())
        path = urllib.parse.urlsplit(self.path).path
        if self.command == "PUT":
            objects[path] = body
            return self.reply(200)
        if path not in objects:
            return self.reply(404, b"<Error><Code>NoSuchKey</Code></Error>")
        if self.command == "DELETE":
            del objects[path]
            return self.reply(204)
        return self.reply(200, objects[path], "application/octet-stream")

    do_PUT = do_GET = do_HEAD = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
