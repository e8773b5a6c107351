#!/usr/bin/env python3
"""The campaign engine under load (issue 7's measures), on the release build, loopback only.

    bench/campaign_load.py dispositions [contacts]     # default 60 000
    bench/campaign_load.py utilization [seconds] [concurrent]   # default 600 s, 1 000

Starts pbxsim (the far end; --stats records calls up every 100 ms) and `torpedo serve` on SQLite
in a scratch directory, adds the PBX node and the trunk through the API, writes the contacts, an
audio row and running campaigns straight into the database (as a start through the API leaves
them), and watches.

dispositions: pbxsim answers every call busy at once (time scale 0: zero call time); the figure
  is call results persisted per second, measured from the database while the campaign runs
  (attempt rows ended, with counters and contact updates in the same transactions).
  The API caps a campaign at 100 calls per second (no carrier takes more); to measure the
  engine's write path rather than a carrier, the benchmark's campaign and trunk get 5 000 CPS.
utilization: pbxsim's random mix (answers with and without keys, machines, busy, no answer,
  404, congestion…) in real time, so calls of random length; one campaign at the given
  concurrency (CPS 100, the API's maximum). Reported over the steady part (after the first
  10 %): mean calls up ÷ limit, the maximum ever seen at the far end, Torpedo's CPU (user+sys
  over wall time) and RSS (VmRSS sampled every second), and the engine's slot → Originate
  latency (it logs p50/p99/max every minute).
"""
import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TORPEDO = os.path.join(ROOT, "build/release/src/torpedo")
PBXSIM = os.path.join(ROOT, "build/release/src/pbxsim")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Api:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.base + path, data=json.dumps(body).encode() if body is not None else None,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(req) as r:
            text = r.read()
            return json.loads(text) if text else None


def proc_cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_status(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024.0  # MiB
    return 0.0


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "dispositions"
    if mode not in ("dispositions", "utilization"):
        sys.exit(__doc__)
    for binary in (TORPEDO, PBXSIM):
        if not os.access(binary, os.X_OK):
            sys.exit(f"build first: make build ({binary} missing)")
    work = tempfile.mkdtemp(prefix="torpedo-campaign-bench.")
    ami_port, http_port = free_port(), free_port()
    stats_file = os.path.join(work, "pbxsim-stats.txt")
    if mode == "dispositions":
        contacts = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
        rules, scale, concurrent, cps, campaigns = "* busy\n", "0", 1000, 5000, 1
    else:
        seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 600
        concurrent = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
        # Real time: calls of about 12 s on average, so 100 new calls a second keep ~1 200 busy and
        # the campaign's limit, not its CPS, is what holds it. Enough contacts never to run out.
        contacts = max(20000, concurrent * seconds // 8)
        rules, scale, cps, campaigns = "* random\n", "1", 100, 1
    open(os.path.join(work, "rules.txt"), "w").write(rules)
    confdir = os.path.join(work, "asterisk")
    os.makedirs(confdir)
    open(os.path.join(confdir, "pjsip.conf"), "w").write("#include torpedo_pjsip.conf\n")
    open(os.path.join(confdir, "extensions.conf"), "w").write("#include torpedo_extensions.conf\n")
    for f in ("torpedo_pjsip.conf", "torpedo_extensions.conf"):
        open(os.path.join(confdir, f), "w").close()
    procs = []
    try:
        sim = subprocess.Popen([PBXSIM, "--listen", f"127.0.0.1:{ami_port}", "--secret", "bench", "--rules",
                                os.path.join(work, "rules.txt"), "--time-scale", scale, "--config-dir", confdir,
                                "--max-channels", "0", "--message-seconds", "8", "--stats", stats_file],
                               stdout=open(os.path.join(work, "pbxsim.log"), "w"), stderr=subprocess.STDOUT)
        procs.append(sim)
        env = dict(os.environ, TORPEDO_DATA_DIR=work, TORPEDO_LISTEN=f"127.0.0.1:{http_port}",
                   TORPEDO_ADMIN_EMAIL="bench@torpedo.test", TORPEDO_ADMIN_PASSWORD="bench-password-1",
                   TORPEDO_LOG_LEVEL="info")
        daemon = subprocess.Popen([TORPEDO, "serve"], env=env, stdout=open(os.path.join(work, "torpedo.log"), "w"),
                                  stderr=subprocess.STDOUT)
        procs.append(daemon)
        api = Api(f"http://127.0.0.1:{http_port}/api/v1")
        for _ in range(200):
            try:
                api.call("GET", "/health")
                break
            except Exception:
                time.sleep(0.05)
        api.csrf = api.call("POST", "/auth/login", {"email": "bench@torpedo.test", "password": "bench-password-1"})["csrfToken"]
        api.call("POST", "/pbx-nodes", {"name": "sim", "amiHost": "127.0.0.1", "amiPort": ami_port, "amiUser": "torpedo",
                                        "amiSecret": "bench", "configDir": confdir, "soundsDir": os.path.join(work, "sounds"),
                                        "maxChannels": 5000})
        trunk = api.call("POST", "/trunks", {"name": "bench", "host": "127.0.0.1", "ipMatch": ["127.0.0.1"],
                                             "maxChannels": 5000, "maxCps": 100})
        time.sleep(1.0)  # the configuration reaches pbxsim (automatic apply), so the trunk's endpoint exists

        db = sqlite3.connect(os.path.join(work, "torpedo.db"), timeout=30)
        now = int(time.time() * 1000)
        db.execute("UPDATE trunks SET max_cps = ? WHERE id = ?", (cps, trunk["id"]))
        db.execute("INSERT INTO contact_lists (name, contact_count, created_at, updated_at) VALUES ('bench', ?, ?, ?)",
                   (contacts, now, now))
        list_id = db.execute("SELECT MAX(id) FROM contact_lists").fetchone()[0]
        db.executemany("INSERT INTO contacts (list_id, phone1, phone1_e164, phone1_type, created_at, updated_at) "
                       "VALUES (?, ?, ?, 'mobile', ?, ?)",
                       ((list_id, f"119{i:08d}", f"+55119{i:08d}", now, now) for i in range(contacts)))
        db.execute("INSERT INTO audio_files (name, kind, media_key, sha256, created_at, updated_at) VALUES "
                   "('bench', 'campaign', 'audio/1/', ?, ?, ?)", ("0" * 64, now, now))
        audio_id = db.execute("SELECT MAX(id) FROM audio_files").fetchone()[0]
        schedule = json.dumps({"windows": [{"weekdays": list(range(7)), "start": "00:00", "end": "24:00"}]})
        ids = []
        for _ in range(campaigns):
            db.execute("INSERT INTO campaigns (name, status, audio_id, max_concurrent, max_cps, ring_timeout_s, "
                       "retry_policy, schedule, allow_holidays, created_at, updated_at) VALUES ('bench', 'running', ?, ?, "
                       "?, 30, '{\"maxAttempts\":1}', ?, 1, ?, ?)", (audio_id, concurrent, cps, schedule, now, now))
            cid = db.execute("SELECT MAX(id) FROM campaigns").fetchone()[0]
            ids.append(cid)
            db.execute("INSERT INTO campaign_lists (campaign_id, list_id) VALUES (?, ?)", (cid, list_id))
            db.execute("INSERT INTO campaign_trunks (campaign_id, position, trunk_id) VALUES (?, 0, ?)", (cid, trunk["id"]))
            db.execute("INSERT INTO campaign_contacts (campaign_id, contact_id, status, phone_index, attempts, "
                       "next_attempt_at, updated_at) SELECT ?, id, 'pending', 1, 0, 0, ? FROM contacts WHERE list_id = ?",
                       (cid, now, list_id))
        db.commit()
        print(f"{mode}: {contacts} contacts, {campaigns} campaign(s) at {concurrent} concurrent / {cps} CPS; "
              f"work dir {work}", flush=True)

        def ended():
            return db.execute("SELECT COUNT(*) FROM call_attempts WHERE state = 'ended'").fetchone()[0]

        if mode == "dispositions":
            # The engine looks for running campaigns every few seconds; measure from the first results.
            while ended() == 0:
                time.sleep(0.05)
            samples = []
            t0, n0 = time.time(), ended()
            cpu0 = proc_cpu_seconds(daemon.pid)
            rss_max = 0.0
            while True:
                time.sleep(1.0)
                t, n = time.time(), ended()
                samples.append((t, n))
                rss_max = max(rss_max, proc_status(daemon.pid, "VmRSS"))
                if n >= contacts - 1000 or t - t0 > 120:
                    break
            cpu = proc_cpu_seconds(daemon.pid) - cpu0
            elapsed = samples[-1][0] - t0
            done = samples[-1][1] - n0
            print(f"dispositions persisted: {done} in {elapsed:.1f} s = {done / elapsed:.0f}/s "
                  f"(best second {max(b[1] - a[1] for a, b in zip(samples, samples[1:])) if len(samples) > 1 else done}/s); "
                  f"torpedo CPU {cpu / elapsed * 100:.0f}% of one core, RSS up to {rss_max:.1f} MiB while dialing")
        else:
            start = time.time()
            cpu0, cpu_t0 = None, None
            rss_max = 0.0
            while time.time() - start < seconds:
                time.sleep(1.0)
                rss_max = max(rss_max, proc_status(daemon.pid, "VmRSS"))
                if cpu0 is None and time.time() - start >= seconds * 0.1:
                    cpu0, cpu_t0 = proc_cpu_seconds(daemon.pid), time.time()
            cpu = (proc_cpu_seconds(daemon.pid) - cpu0) / (time.time() - cpu_t0)
            rss = proc_status(daemon.pid, "VmRSS")
            rows = [tuple(int(x) for x in line.split()) for line in open(stats_file) if line.strip()]
            t_first = rows[0][0]
            steady = [r for r in rows if r[0] - t_first >= seconds * 100]  # after the first 10 %
            mean_live = sum(r[1] for r in steady) / len(steady)
            max_live = max(r[2] for r in rows)
            overlaps = rows[-1][4]
            print(f"utilization: mean {mean_live:.1f} calls up of {concurrent} = {mean_live / concurrent * 100:.2f}% "
                  f"over {len(steady) / 10:.0f} s; max ever {max_live} (limit {concurrent}); "
                  f"numbers with two calls {overlaps}; calls ended {ended()}")
            print(f"torpedo: CPU {cpu * 100:.0f}% of one core, RSS {rss:.1f} MiB at the end, at most "
                  f"{rss_max:.1f} MiB while dialing (sampled every second; the login's argon2id hash, 64 MiB for "
                  f"a moment, is not dialing)")
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=30)
            for line in open(os.path.join(work, "torpedo.log")):
                if "slot freed" in line:
                    print("latency:", re.sub(r"^.*?engine: ", "", line.strip()))
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()


if __name__ == "__main__":
    main()
