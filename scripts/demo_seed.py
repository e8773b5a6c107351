#!/usr/bin/env python3
"""Seeds a fresh Torpedo with what a newcomer needs to watch a campaign run (make demo):
a PBX node on the local pbxsim, a trunk, a contact list of 200 contacts across Brazil's area
codes, a campaign audio, and a campaign ready to press Play. Only the standard library.

    demo_seed.py URL EMAIL PASSWORD AMI_PORT CONFIG_DIR SOUNDS_DIR
"""
import http.cookiejar
import io
import json
import math
import random
import struct
import sys
import time
import urllib.error
import urllib.request
import uuid
import wave

url, email, password, ami_port, config_dir, sounds_dir = sys.argv[1:7]
base = url.rstrip("/") + "/api/v1"
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
csrf = None


def call(method, path, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    try:
        with opener.open(req) as r:
            text = r.read()
            return r.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, json.loads(text) if text else None


def must(result, what):
    status, body = result
    if status >= 300:
        sys.exit(f"demo: {what} failed ({status}): {body}")
    return body


csrf = must(call("POST", "/auth/login", {"email": email, "password": password}), "login")["csrfToken"]

existing = must(call("GET", "/campaigns"), "list campaigns")["items"]
if any(c["name"] == "Campanha de demonstração" for c in existing):
    print("demo: already seeded")
    sys.exit(0)

node = must(call("POST", "/pbx-nodes", {"name": "pbxsim-demo", "amiHost": "127.0.0.1", "amiPort": int(ami_port),
                                        "amiUser": "torpedo", "amiSecret": "demo-ami-secret",
                                        "configDir": config_dir, "soundsDir": sounds_dir, "maxChannels": 200}),
            "PBX node")
trunk = must(call("POST", "/trunks", {"name": "operadora-demo", "host": "127.0.0.1", "port": 5070,
                                      "ipMatch": ["127.0.0.1"], "maxChannels": 60, "maxCps": 10}), "trunk")
contact_list = must(call("POST", "/contact-lists", {"name": "Clientes demonstração",
                                                    "description": "200 contatos fictícios de todo o Brasil"}),
                    "contact list")
rng = random.Random(7)
first = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Hugo", "Isabela", "João", "Karina",
         "Lucas", "Mariana", "Nuno", "Olívia", "Paulo", "Quésia", "Rafael", "Sofia", "Tiago"]
last = ["Silva", "Souza", "Oliveira", "Santos", "Pereira", "Lima", "Costa", "Ribeiro", "Almeida", "Carvalho"]
ddds = [11, 21, 31, 41, 51, 61, 71, 81, 85, 91, 92, 27, 48, 62, 65, 68, 69, 95, 98, 84]
for i in range(200):
    ddd = ddds[i % len(ddds)]
    phone = f"{ddd}9{rng.randint(10000000, 99999999)}"
    must(call("POST", f"/contact-lists/{contact_list['id']}/contacts",
              {"name": f"{rng.choice(first)} {rng.choice(last)}", "phones": [phone]}), "contact")

# A 6-second message: a short melody, 8 kHz mono, made here (no file to ship).
buf = io.BytesIO()
with wave.open(buf, "wb") as w:
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(8000)
    frames = bytearray()
    for n, freq in enumerate([523, 659, 784, 659, 523, 392] * 2):
        for k in range(4000):
            frames += struct.pack("<h", int(6000 * math.sin(2 * math.pi * freq * k / 8000) * (1 - k / 4000)))
    w.writeframes(bytes(frames))
boundary = uuid.uuid4().hex
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMensagem de demonstração\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncampaign\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"demo.wav\"\r\n"
        f"Content-Type: audio/wav\r\n\r\n").encode() + buf.getvalue() + f"\r\n--{boundary}--\r\n".encode()
audio = must(call("POST", "/audio", raw=body, content_type=f"multipart/form-data; boundary={boundary}"), "audio")

campaign = must(call("POST", "/campaigns", {
    "name": "Campanha de demonstração",
    "audioId": audio["id"],
    "listIds": [contact_list["id"]],
    "trunkIds": [trunk["id"]],
    "callerId": "1130000000",
    "maxConcurrent": 20,
    "maxCps": 5,
    "ringTimeoutS": 25,
    "amdEnabled": True,
    "machineAction": "hangup",
    "retryPolicy": {"maxAttempts": 2, "delaysS": {"busy": 120, "no-answer": 180, "failed": 120, "unknown": 120}},
    # The demo dials whenever it runs; a real campaign keeps the usual hours.
    "schedule": {"windows": [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "24:00"}]},
    "allowHolidays": True,
}), "campaign")

# Wait until nothing keeps it from starting (the node connected, the audio delivered).
for _ in range(60):
    c = must(call("GET", f"/campaigns/{campaign['id']}"), "campaign")
    if not c["readiness"]:
        break
    time.sleep(0.5)
print(f"demo: campaign {campaign['id']} ready to press Play ({len(c['readiness'])} problem(s) left)")
