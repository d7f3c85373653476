"""Times `multiplier mcp`: how long a `tools/call` takes once the server has started.

usage: python3 latency.py MULTIPLIER_BINARY DATABASE [ROUNDS] [TOOL]

For each round: start the server, `initialize` (that is the start), then call TOOL (default
speedup) and time from writing the request to reading its answer; then a second call on the
same server. Prints the median, minimum and maximum of both, in milliseconds. The standard
library only: this measures the server, not an SDK.
"""

import json
import statistics
import subprocess
import sys
import time


def call(process, message):
    process.stdin.write(json.dumps(message) + "\n")
    process.stdin.flush()
    start = time.perf_counter()
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    answer = json.loads(line)
    if "error" in answer or answer.get("result", {}).get("isError"):
        raise SystemExit(f"error: {line[:300]}")
    return elapsed


def main():
    binary, database = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    tool = sys.argv[4] if len(sys.argv) > 4 else "speedup"
    first, second, startup = [], [], []
    for _ in range(rounds):
        began = time.perf_counter()
        process = subprocess.Popen(
            [binary, "mcp", "--db", database], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True)
        call(process, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                                  "clientInfo": {"name": "latency", "version": "1"}}})
        startup.append((time.perf_counter() - began) * 1000)
        process.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
        request = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": tool, "arguments": {}}}
        first.append(call(process, request))
        request["id"] = 3
        second.append(call(process, request))
        process.stdin.close()
        process.wait()
    for name, values in (("start to initialized", startup), (f"first {tool}", first), (f"second {tool}", second)):
        print(f"{name}: median {statistics.median(values):.1f} ms, "
              f"min {min(values):.1f}, max {max(values):.1f} ({rounds} rounds)")


if __name__ == "__main__":
    main()
