#!/usr/bin/env python3
"""Drives the real `sgp` REPL through a pseudo-terminal (readline active) for the REPL tests.

usage: pty_driver.py SGP_BINARY STEPS_JSON
STEPS_JSON is a list of steps: {"send": "text"} types text (use "\n" for Enter, "\t" for Tab, "\u0003" for Ctrl-C,
"\u0004" for Ctrl-D); {"wait": "text", "timeout": s} waits until the screen output contains text (after the
previous wait); {"sleep": s}. Prints everything the terminal received, then "\n--exit <code>".
"""
import json, os, pty, select, sys, time

binary, steps = sys.argv[1], json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary])
out = b""
mark = 0

def pump(timeout):
    global out
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        out += data
    return True

for step in steps:
    if "send" in step:
        os.write(fd, step["send"].encode())
    elif "sleep" in step:
        end = time.time() + step["sleep"]
        while time.time() < end:
            pump(0.05)
    elif "wait" in step:
        want = step["wait"].encode()
        end = time.time() + step.get("timeout", 20)
        while want not in out[mark:] and time.time() < end:
            if not pump(0.05):
                break
        i = out.find(want, mark)
        if i < 0:
            sys.stdout.write(out.decode(errors="replace"))
            sys.stdout.write("\n--timeout waiting for %r\n" % step["wait"])
            os.kill(pid, 9)
            sys.exit(3)
        mark = i + len(want)
end = time.time() + 10
while time.time() < end:
    if not pump(0.1):
        break
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
else:
    os.kill(pid, 9)
try:
    _, status = os.waitpid(pid, 0)
except ChildProcessError:
    status = 0
sys.stdout.write(out.decode(errors="replace"))
sys.stdout.write("\n--exit %d\n" % (os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status))
