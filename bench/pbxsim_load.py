#!/usr/bin/env python3
"""Load run for pbxsim: originates at zero call time (the busy outcome answers at once) as fast
as one connection takes them, and reports originates/s, events/s, and pbxsim's CPU and RSS.

  bench/pbxsim_load.py --pbxsim build/release/src/pbxsim --originates 50000
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
    args = ap.parse_args()

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


if __name__ == "__main__":
    main()
