#!/usr/bin/env python3
"""Audio uploads as an operator makes them, against the release `torpedo`: a WAV of N seconds
(44.1 kHz stereo 16-bit, close to the 50 MB limit by default) is POSTed to /api/v1/audio
(streamed multipart), decoded, transcoded and stored; then the same audio is delivered to a
PBX node's sounds directory, and the original is read back (first read from S3 fills the local
cache). Prints throughput for each step, with the local store or with S3.

  bench/audio_upload.py --torpedo build/release/src/torpedo                 (local directory)
  scripts/with-s3rver.sh python3 bench/audio_upload.py --s3                 (S3 via s3rver)
"""
import argparse
import math
import os
import shutil
import struct
import subprocess
import tempfile
import time

from contacts_import import Client, free_port, rss_mib, upload


def write_wav(path, seconds, rate=44100, channels=2):
    """A 440 Hz tone with some noise-free harmonics: real PCM, not silence (silence compresses
    nothing here, but it would make normalisation trivial)."""
    frames = int(seconds * rate)
    one_second = bytearray()
    for i in range(rate):
        v = int(9000 * math.sin(2 * math.pi * 440 * i / rate) + 3000 * math.sin(2 * math.pi * 1320 * i / rate))
        one_second += struct.pack("<h", v) * channels
    data_size = frames * channels * 2
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVEfmt " +
                struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16) +
                b"data" + struct.pack("<I", data_size))
        left = data_size
        while left > 0:
            chunk = one_second[:min(left, len(one_second))]
            f.write(chunk)
            left -= len(chunk)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torpedo", default="build/release/src/torpedo")
    ap.add_argument("--seconds", type=float, default=280, help="audio length (280 s = 49.4 MB)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--s3", action="store_true", help="store in the s3rver of scripts/with-s3rver.sh")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="torpedo-bench-audio-")
    wav = os.path.join(work, "mensagem.wav")
    write_wav(wav, args.seconds)
    mb = os.path.getsize(wav) / 1e6
    port = free_port()
    env = dict(os.environ, TORPEDO_DATA_DIR=os.path.join(work, "data"), TORPEDO_LISTEN=f"127.0.0.1:{port}",
               TORPEDO_ADMIN_EMAIL="bench@torpedo.test", TORPEDO_ADMIN_PASSWORD="bench-password-1",
               TORPEDO_LOG_LEVEL="warn", TORPEDO_AUDIO_MAX_MB="60")
    store = "local directory"
    if args.s3:
        endpoint = os.environ["TORPEDO_TEST_S3_ENDPOINT"]
        env.update(TORPEDO_STORAGE="s3://torpedo-test/bench", TORPEDO_S3_ENDPOINT=endpoint,
                   AWS_ACCESS_KEY_ID="S3RVER", AWS_SECRET_ACCESS_KEY="S3RVER")
        store = f"S3 (s3rver at {endpoint})"
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
        sounds = os.path.join(work, "asterisk-sounds")
        status, node = client.json("POST", "/api/v1/pbx-nodes", {"name": "bench", "amiHost": "127.0.0.1", "amiPort": 1,
                                                                "amiUser": "bench", "amiSecret": "x", "soundsDir": sounds})
        assert status == 201, node

        uploads, deliveries, cold_reads, warm_reads = [], [], [], []
        for run in range(args.runs):
            t0 = time.perf_counter()
            status, audio = upload(port, client, "/api/v1/audio", wav, file_name=f"mensagem-{run}.wav",
                                   content_type="audio/wav")
            assert status == 201, audio
            t1 = time.perf_counter()
            uploads.append(t1 - t0)
            # Delivery starts when the upload answers; the node's files are written from the store.
            while True:
                status, a = client.json("GET", f"/api/v1/audio/{audio['id']}")
                if a["delivery"] and a["delivery"][0]["state"] != "pending":
                    break
                time.sleep(0.01)
            assert a["delivery"][0]["state"] == "delivered", a["delivery"]
            deliveries.append(time.perf_counter() - t1)
            for reads in (cold_reads, warm_reads):
                t2 = time.perf_counter()
                status, data = client.request("GET", f"/api/v1/audio/{audio['id']}/file?variant=original")
                assert status == 200 and len(data) == os.path.getsize(wav)
                reads.append(time.perf_counter() - t2)
            if args.s3:  # next run's cold read must come from S3 again
                shutil.rmtree(os.path.join(work, "data", "cache"), ignore_errors=True)

        med = lambda xs: sorted(xs)[len(xs) // 2]
        print(f"store: {store}; file: {args.seconds:.0f} s WAV 44.1 kHz stereo 16-bit, {mb:.1f} MB; median of {args.runs}")
        print(f"upload + decode + transcode + store: {med(uploads):.2f} s = {mb / med(uploads):.1f} MB/s "
              f"({args.seconds / med(uploads):.0f}x real time)")
        print(f"delivery to a sounds directory (8 kHz + 16 kHz files) after the answer: {med(deliveries) * 1000:.0f} ms")
        print(f"read back the original: first {mb / med(cold_reads):.0f} MB/s, then {mb / med(warm_reads):.0f} MB/s")
        print(f"daemon peak RSS: {rss_mib(daemon.pid)} MiB")
    finally:
        daemon.terminate()
        daemon.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
