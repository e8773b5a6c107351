#!/usr/bin/env python3
"""Contacts at scale: generates a CSV of N rows (realistic Brazilian numbers in mixed formats,
5 % invalid, 2 % duplicates, accented names), starts the release `torpedo` on a scratch data
directory, imports the file through the API as an operator would (multipart upload, then the
job), and measures the time end to end and the daemon's peak RSS. Then it measures searches
over the imported list (name words, phone fragments, sorted pages): p50 and p99 per page.

  bench/contacts_import.py --torpedo build/release/src/torpedo --rows 1000000
  bench/contacts_import.py --db mysql://root@127.0.0.1:3306/bench ...   (MariaDB)
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

FIRST = ["João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Adriana", "Paulo", "Márcia", "Carlos",
         "Aline", "Pedro", "Juliana", "Lucas", "Patrícia", "Gabriel", "Fernanda", "Rafael", "Letícia", "Zé", "Conceição"]
LAST = ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
        "Ribeiro", "Carvalho", "Araújo", "Melo", "Barbosa", "Cardoso", "Nascimento", "Conceição", "Brandão"]
DDD = [11, 12, 13, 19, 21, 22, 24, 27, 31, 34, 41, 43, 47, 48, 51, 53, 61, 62, 65, 67, 71, 75, 81, 85, 91, 92, 98]


def phone(rng, n):
    ddd = rng.choice(DDD)
    if rng.random() < 0.8:
        sub = f"9{8000_0000 + n % 1_000_0000:08d}"[:9]
        body = f"{sub[:5]}-{sub[5:]}"
    else:
        sub = f"{3000_0000 + n % 6_000_0000:08d}"
        body = f"{sub[:4]}-{sub[4:]}"
    digits = f"{ddd}{sub}"
    shape = rng.random()
    if shape < 0.35:
        return f"({ddd}) {body}"
    if shape < 0.6:
        return digits
    if shape < 0.8:
        return f"+55 {ddd} {body}"
    return f"0{ddd} {body.replace('-', ' ')}"


def generate(path, rows, seed=7):
    rng = random.Random(seed)
    earlier = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Nome;Telefone;E-mail;Contrato\r\n")
        for n in range(rows):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            roll = rng.random()
            if roll < 0.05:
                number = f"({rng.choice(DDD)}) {rng.randint(1000, 9999)}-{rng.randint(100, 999)}"  # invalid
            elif roll < 0.07 and earlier:
                number = rng.choice(earlier)  # duplicate
            else:
                number = phone(rng, n)
                if len(earlier) < 10000:
                    earlier.append(number)
            email = f"cliente{n}@exemplo.com.br" if rng.random() < 0.3 else ""
            f.write(f"{name};{number};{email};C-{n}\r\n")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = ""
        self.csrf = ""

    def request(self, method, path, body=None, content_type=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        h = {"Cookie": self.cookie} if self.cookie else {}
        if self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        if content_type:
            h["Content-Type"] = content_type
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        cookie = r.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        conn.close()
        return r.status, data

    def json(self, method, path, payload=None):
        status, data = self.request(method, path, json.dumps(payload) if payload is not None else None,
                                    "application/json" if payload is not None else None)
        return status, json.loads(data) if data else None


def upload(port, client, path, file_path, file_name="contatos.csv", content_type="text/csv", fields=None):
    """Streams a multipart body from disk, as a browser does."""
    boundary = uuid.uuid4().hex
    head = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                   for k, v in (fields or {}).items())
    head = (head + f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + os.path.getsize(file_path) + len(tail)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.putrequest("POST", path)
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(size))
    conn.putheader("Cookie", client.cookie)
    conn.putheader("X-CSRF-Token", client.csrf)
    conn.endheaders()
    conn.send(head)
    with open(file_path, "rb") as f:
        while chunk := f.read(1 << 20):
            conn.send(chunk)
    conn.send(tail)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, json.loads(data)


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torpedo", default="build/release/src/torpedo")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--db", default="", help="TORPEDO_DB (default: SQLite in the scratch directory)")
    ap.add_argument("--searches", type=int, default=300)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="torpedo-bench-contacts-")
    csv_path = os.path.join(work, "contatos.csv")
    t0 = time.perf_counter()
    generate(csv_path, args.rows)
    print(f"generated {args.rows} rows ({os.path.getsize(csv_path) / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")

    port = free_port()
    env = dict(os.environ, TORPEDO_DATA_DIR=os.path.join(work, "data"), TORPEDO_LISTEN=f"127.0.0.1:{port}",
               TORPEDO_ADMIN_EMAIL="bench@torpedo.test", TORPEDO_ADMIN_PASSWORD="bench-password-1",
               TORPEDO_LOG_LEVEL="warn", TORPEDO_MAX_UPLOAD_MB="2048")
    if args.db:
        env["TORPEDO_DB"] = args.db
    daemon = subprocess.Popen([args.torpedo, "serve"], env=env)
    try:
        client = Client(port)
        for _ in range(200):
            try:
                if client.request("GET", "/api/v1/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        status, me = client.json("POST", "/api/v1/auth/login", {"email": "bench@torpedo.test", "password": "bench-password-1"})
        assert status == 200, me
        client.csrf = me["csrfToken"]
        status, lst = client.json("POST", "/api/v1/contact-lists", {"name": "Bench", "customLabels": ["Contrato"]})
        assert status == 201, lst

        t0 = time.perf_counter()
        status, job = upload(port, client, f"/api/v1/contact-lists/{lst['id']}/import", csv_path)
        assert status == 202, job
        uploaded = time.perf_counter() - t0
        while job["status"] in ("queued", "running"):
            time.sleep(0.1)
            job = client.json("GET", f"/api/v1/jobs/{job['id']}")[1]
        elapsed = time.perf_counter() - t0
        r = job["result"]
        assert job["status"] == "completed", job
        assert r["rows"] == r["imported"] + r["updated"] + r["duplicates"] + r["invalid"] + r["foreign"], r
        print(f"import ({'MariaDB' if args.db else 'SQLite'}): {args.rows} rows in {elapsed:.1f} s end to end "
              f"(upload {uploaded:.1f} s) = {args.rows / elapsed:,.0f} rows/s; imported {r['imported']}, "
              f"duplicates {r['duplicates']}, invalid {r['invalid']}; daemon peak RSS {rss_mib(daemon.pid)} MiB")

        rng = random.Random(3)
        kinds = {"name word": lambda: "q=" + rng.choice(["joao", "mar", "silva", "conce", "brand", "leti"]),
                 "two words": lambda: "q=" + rng.choice(["maria%20sil", "jose%20sou", "ana%20ara"]),
                 "phone digits": lambda: f"q={rng.randint(10000, 99999)}",
                 "whole phone": lambda: f"q=(11)%209{8000_0000 + rng.randint(0, 999_999):08d}"[:26],
                 "sorted by name": lambda: "sort=name",
                 "filter mobile": lambda: "type=mobile&sort=-name"}
        for name, make in kinds.items():
            times = []
            for _ in range(args.searches // len(kinds)):
                t = time.perf_counter()
                status, page = client.json("GET", f"/api/v1/contact-lists/{lst['id']}/contacts?limit=50&{make()}")
                times.append((time.perf_counter() - t) * 1000)
                assert status == 200, page
            print(f"search {name:15s}: p50 {percentile(times, 0.5):6.1f} ms, p99 {percentile(times, 0.99):6.1f} ms "
                  f"per page of 50 over {r['imported']} contacts")
    finally:
        daemon.terminate()
        daemon.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
