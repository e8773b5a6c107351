#!/usr/bin/env python3
"""Load runs for pbxsim, reporting pbxsim's CPU and RSS.

Throughput: originates at zero call time (the busy outcome ends at once) as fast as one
connection takes them: originates/s and events/s.

  bench/pbxsim_load.py --pbxsim build/release/src/pbxsim --originates 50000

Concurrency: N answered calls held at once (they ring 1 s, then hear a 20 s message with the
DIALPLAN.md dialplan), until every one has hung up: time to get them all up, CPU and RSS.

  bench/pbxsim_load.py --pbxsim build/release/src/pbxsim --concurrent 1000
"""
import argparse
import os
import re
import socket
import subprocess
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pbxsim", default="build/release/src/pbxsim")
    ap.add_argument("--originates", type=int, default=50000)
    ap.add_argument("--concurrent", type=int, default=0)
    args = ap.parse_args()
    if args.concurrent:
        concurrent(args.pbxsim, args.concurrent)
        return

    sim = subprocess.Popen([args.pbxsim, "--listen", "127.0.0.1:0", "--secret", "bench"],
                           stdout=subprocess.PIPE, text=True)
    try:
        port = int(sim.stdout.readline().strip().rsplit(":", 1)[1])
        s = socket.create_connection(("127.0.0.1", port))
        s.recv(100)  # banner
        s.sendall(b"Action: Login\r\nUsername: torpedo\r\nSecret: bench\r\nEvents: call\r\nActionID: login\r\n\r\n")
        buf = b""
        while b"Authentication accepted" not in buf:
            buf += s.recv(4096)

        actions = b"".join(
            b"Action: Originate\r\nActionID: load-%d\r\nChannel: PJSIP/5511200%06d@carrier\r\n"
            b"Context: torpedo-campaign\r\nExten: s\r\nPriority: 1\r\nTimeout: 30000\r\n"
            b"CallerID: \"Load\" <1133334444>\r\nAsync: true\r\nChannelId: load-%d\r\n"
            b"Variable: TORPEDO_CAMPAIGN_ID=1\r\nVariable: TORPEDO_CONTACT_ID=%d\r\n\r\n" % (i, i % 1000000, i, i)
            for i in range(args.originates))
        cpu_before = os.times()
        t0 = time.perf_counter()
        s.sendall(actions)
        hangups = 0
        events = 0
        tail = b""
        while hangups < args.originates:
            data = s.recv(1 << 20)
            if not data:
                break
            chunk = tail + data
            hangups += chunk.count(b"Event: Hangup\r\n")
            events += chunk.count(b"\r\nEvent: ") + chunk.startswith(b"Event: ")
            tail = chunk[-20:]  # a marker split across reads is counted once
            hangups -= tail.count(b"Event: Hangup\r\n")
            events -= tail.count(b"\r\nEvent: ")
        elapsed = time.perf_counter() - t0
        with open(f"/proc/{sim.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        with open(f"/proc/{sim.pid}/status") as f:
            rss = re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)
        print(f"pbxsim: {args.originates} originates (busy, zero call time) in {elapsed:.2f} s = "
              f"{args.originates / elapsed:,.0f} originates/s, {events / elapsed:,.0f} events/s; "
              f"pbxsim CPU {cpu:.2f} s, peak RSS {int(rss) // 1024} MiB")
    finally:
        sim.terminate()
        sim.wait()


def cpu_and_rss(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024
    return cpu, rss, peak


def concurrent(pbxsim, n):
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".rules", delete=False) as rules:
        rules.write("* answer ring=1s\n")
    sim = subprocess.Popen([pbxsim, "--listen", "127.0.0.1:0", "--secret", "bench", "--rules", rules.name,
                            "--message-seconds", "20"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(sim.stdout.readline().strip().rsplit(":", 1)[1])
        s = socket.create_connection(("127.0.0.1", port))
        s.recv(100)
        s.sendall(b"Action: Login\r\nUsername: torpedo\r\nSecret: bench\r\nEvents: on\r\nActionID: login\r\n\r\n")
        buf = b""
        while b"Authentication accepted" not in buf:
            buf += s.recv(4096)
        actions = b"".join(
            b"Action: Originate\r\nActionID: hold-%d\r\nChannel: PJSIP/55119%08d@carrier\r\n"
            b"Context: torpedo-campaign\r\nExten: s\r\nPriority: 1\r\nTimeout: 30000\r\n"
            b"CallerID: \"Load\" <1133334444>\r\nAsync: true\r\nChannelId: hold-%d\r\n"
            b"Variable: TORPEDO_CAMPAIGN_ID=1\r\nVariable: TORPEDO_CONTACT_ID=%d\r\n"
            b"Variable: TORPEDO_MESSAGE=torpedo/1\r\n\r\n" % (i, i, i, i) for i in range(n))
        cpu0, _, _ = cpu_and_rss(sim.pid)
        t0 = time.perf_counter()
        s.sendall(actions)
        answered = hangups = events = 0
        tail = b""
        all_up_at = None
        up_cpu = up_rss = None
        while hangups < n:
            data = s.recv(1 << 20)
            if not data:
                break
            chunk = tail + data
            answered += chunk.count(b"Reason: 4\r\n") - tail.count(b"Reason: 4\r\n")
            hangups += chunk.count(b"Event: Hangup\r\n") - tail.count(b"Event: Hangup\r\n")
            events += chunk.count(b"\r\nEvent: ") - tail.count(b"\r\nEvent: ")
            tail = chunk[-20:]
            if all_up_at is None and answered >= n:
                all_up_at = time.perf_counter() - t0
                up_cpu, up_rss, _ = cpu_and_rss(sim.pid)
        elapsed = time.perf_counter() - t0
        cpu, rss, peak = cpu_and_rss(sim.pid)
        print(f"pbxsim: {n} concurrent answered calls: all up {all_up_at:.2f} s after the first Originate; "
              f"all {hangups} hung up after {elapsed:.1f} s; {events / elapsed:,.0f} events/s; "
              f"CPU {cpu - cpu0:.2f} s in all ({(cpu - up_cpu) / max(elapsed - all_up_at, 0.001) * 100:.1f} % of a core "
              f"while they talked); RSS {up_rss} MiB with {n} calls up, peak {max(peak, up_rss or 0)} MiB")
    finally:
        sim.terminate()
        sim.wait()
        os.unlink(rules.name)


if __name__ == "__main__":
    main()
