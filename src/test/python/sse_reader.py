"""Reads an SSE stream the way Mastodon.py does (requests over urllib3, stream=True, one byte at a time).

Usage (SsePythonClientIT runs it): python3 sse_reader.py URL TOKEN
Prints "open" once the response headers are in, then "event <data>" for every complete event; exits 1 when no
byte arrives for 10 s.
"""
import sys

import urllib3

url, token = sys.argv[1], sys.argv[2]
http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=10, read=10), retries=False)
response = http.request("GET", url, headers={"Authorization": "Bearer " + token}, preload_content=False)
print("open", response.status, flush=True)
buffer = b""
try:
    for byte in response.stream(1):
        buffer += byte
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            data = [line[6:] for line in block.decode("utf-8").split("\n") if line.startswith("data: ")]
            if data:
                print("event", "".join(data), flush=True)
except urllib3.exceptions.ReadTimeoutError:
    print("timeout", flush=True)
    sys.exit(1)
