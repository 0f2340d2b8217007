#!/usr/bin/env python3
"""Load generator, test servers and per-phase report of the kernel-lab operations suite (scenarios/ops-*.sh).

  load.py serve [--netns] [--http PORT] [--echo PORT] [--dns PORT] HOST[=ADDR]...
      For each HOST (with --netns: inside network namespace HOST), on every address: HTTP (GET /
      answers "HOST"; GET /slow/S answers after S seconds), a line-echo stream port, a UDP DNS server
      answering every question with one A record, ADDR (the host's own address), on ADDR and each --vip.
  load.py client --events FILE [--http ADDR:PORT --rate R] [--echo ADDR:PORT --streams N]
                 [--dns ADDR:PORT --dns-rate R] [--slow ADDR:PORT:SECONDS --slow-rate R] [--timeout S]
      Until SIGTERM: short HTTP requests at a fixed rate (a fresh connection each), N long-lived TCP
      streams that send a line every 100 ms and read its echo (reconnected after a reset), DNS queries.
      Appends one event per line to FILE (times are time.time(), the clock of bash's EPOCHREALTIME):
        R SEND ok NAME | R SEND fail REASON          short HTTP request sent at SEND
        L SEND ok NAME | L SEND fail REASON          long (slow) HTTP request
        D SEND ok ADDR | D SEND fail REASON          DNS query (ADDR: the A record, the server's address)
        S T open|reset|close ID [REASON]             stream events
        G START END ID                               a stream got no echo from START to END (> 0.3 s)
      On SIGTERM it stops sending, waits for requests in flight, closes the streams and exits 0.
  load.py report FILE FROM TO [--label TEXT]
      key=value counts of the events sent in [FROM, TO) (resets and gaps by time), then a markdown row:
        sent failed reset window stall answers dns_sent dns_failed dns_window dns_answers long_sent long_failed
      window: from the first failed request to the first success after the last failure (0 if none).
"""

import argparse
import ctypes
import os
import random
import signal
import socket
import struct
import sys
import time

STREAM_INTERVAL = 0.1
CLONE_NEWNET = 0x40000000
LIBC = ctypes.CDLL(None, use_errno=True)
asyncio = None  # imported by serve and client only: report starts faster without it
GAP_REPORTED = 0.3


def addr_port(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


# ---------------------------------------------------------------------------------------------- servers
async def http_handler(name, reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split(b" ", 2)[1].decode() if head.count(b" ") >= 2 else "/"
        if path.startswith("/slow/"):
            await asyncio.sleep(float(path[6:]))
        body = (name + "\n").encode()
        writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
        await writer.drain()
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def echo_handler(reader, writer):
    try:
        while line := await reader.readline():
            writer.write(line)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


class DnsServer:
    """Answers every query with one A record (the address the query was sent to is not known on a
    wildcard socket, so the answer is the server's configured own address)."""

    def __init__(self, answer):
        self.answer = socket.inet_aton(answer or "127.0.0.1")

    def connection_made(self, transport):
        self.transport = transport

    def error_received(self, exc):
        pass

    def connection_lost(self, exc):
        pass

    def datagram_received(self, data, peer):
        if len(data) < 12:
            return
        qid, flags = struct.unpack("!HH", data[:4])
        end = 12
        while end < len(data) and data[end]:
            end += data[end] + 1
        question = data[12 : end + 5]
        header = struct.pack("!HHHHHH", qid, 0x8400 | (flags & 0x0100), 1, 1, 0, 0)
        record = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + self.answer
        self.transport.sendto(header + question + record, peer)


def listen(kind, netns, port, addr="0.0.0.0"):
    """A socket bound to ADDR:PORT inside network namespace NETNS ("-": this process's own)."""
    own = None
    if netns != "-":
        own = open("/proc/self/ns/net")
        with open(f"/run/netns/{netns}") as target:
            if LIBC.setns(target.fileno(), CLONE_NEWNET):
                raise OSError(ctypes.get_errno(), f"setns {netns}")
    try:
        sock = socket.socket(socket.AF_INET, kind)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((addr, port))
        if kind == socket.SOCK_STREAM:
            sock.listen(128)
        sock.setblocking(False)
        return sock
    finally:
        if own:
            LIBC.setns(own.fileno(), CLONE_NEWNET)
            own.close()


async def serve(args):
    loop = asyncio.get_running_loop()
    keep = []
    # One process serves every host given: its sockets are made inside each host's namespace.
    for host in args.hosts:
        name, _, answer = host.partition("=")
        netns = name if args.netns else "-"
        if args.http:
            keep.append(await asyncio.start_server(lambda r, w, n=name: http_handler(n, r, w), sock=listen(socket.SOCK_STREAM, netns, args.http)))
        if args.echo:
            keep.append(await asyncio.start_server(echo_handler, sock=listen(socket.SOCK_STREAM, netns, args.echo)))
        # A UDP reply leaves from the address its socket is bound to (a wildcard socket would answer a
        # query to the VIP from the host's own address): one socket on ADDR, one on each --vip.
        for addr in ([answer] if args.dns else []) + (args.vip if args.dns else []):
            keep.append(await loop.create_datagram_endpoint(lambda a=answer: DnsServer(a), sock=listen(socket.SOCK_DGRAM, netns, args.dns, addr)))
    # SIGTERM ends the servers at once, like a crash of the daemon: their connections are reset.
    loop.add_signal_handler(signal.SIGTERM, os._exit, 0)
    print(f"load.py serve {' '.join(args.hosts)}: ready", flush=True)
    await asyncio.Event().wait()


# ---------------------------------------------------------------------------------------------- client
class Client:
    def __init__(self, args):
        self.args = args
        self.out = open(args.events, "a", buffering=1)
        self.stopping = False
        self.inflight = set()
        self.last_echo = {}  # stream id -> time of its last echo, while open

    def log(self, *words):
        self.out.write(" ".join(str(w) for w in words) + "\n")

    def spawn(self, coro):
        task = asyncio.create_task(coro)
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)

    async def http_get(self, kind, target, path):
        sent = time.time()
        writer = None
        try:
            async with asyncio.timeout(self.args.timeout if kind == "R" else self.args.timeout + float(path.rsplit("/", 1)[1])):
                reader, writer = await asyncio.open_connection(*target)
                writer.write(f"GET {path} HTTP/1.0\r\nHost: lab\r\n\r\n".encode())
                data = await reader.read()
            head, _, body = data.partition(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.0 200"):
                raise ValueError("status " + head[:20].decode(errors="replace").replace(" ", "_"))
            self.log(kind, f"{sent:.3f}", "ok", body.decode().strip() or "(empty)")
        except (OSError, TimeoutError, ValueError) as e:
            self.log(kind, f"{sent:.3f}", "fail", type(e).__name__)
        finally:
            if writer:
                writer.close()

    async def dns_query(self, target):
        sent = time.time()
        loop = asyncio.get_running_loop()
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setblocking(False)
        qid = random.randrange(65536)
        query = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
        try:
            async with asyncio.timeout(self.args.timeout):
                await loop.sock_connect(sock, target)
                await loop.sock_sendall(sock, query)
                reply = await loop.sock_recv(sock, 512)
            if len(reply) < 16 or struct.unpack("!H", reply[:2])[0] != qid:
                raise ValueError("bad_reply")
            self.log("D", f"{sent:.3f}", "ok", socket.inet_ntoa(reply[-4:]))
        except (OSError, TimeoutError, ValueError) as e:
            self.log("D", f"{sent:.3f}", "fail", type(e).__name__)
        finally:
            sock.close()

    async def ticker(self, rate, make):
        start = time.monotonic()
        i = 0
        while not self.stopping:
            self.spawn(make())
            i += 1
            await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))

    async def stream(self, ident, target):
        while not self.stopping:
            writer = None
            try:
                async with asyncio.timeout(self.args.timeout):
                    reader, writer = await asyncio.open_connection(*target)
            except (OSError, TimeoutError):
                await asyncio.sleep(0.2)
                continue
            self.log("S", f"{time.time():.3f}", "open", ident)
            self.last_echo[ident] = time.time()
            seq = 0

            async def send():
                nonlocal seq
                while not self.stopping:
                    seq += 1
                    writer.write(b"%d\n" % seq)
                    await asyncio.sleep(STREAM_INTERVAL)
                writer.write(b"end\n")

            sender = asyncio.create_task(send())
            reason = None
            expect = 1
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        reason = "eof"
                        break
                    now = time.time()
                    if now - self.last_echo[ident] > GAP_REPORTED:
                        self.log("G", f"{self.last_echo[ident]:.3f}", f"{now:.3f}", ident)
                    self.last_echo[ident] = now
                    if line == b"end\n":
                        break
                    if int(line) != expect:
                        reason = "out_of_order"
                        break
                    expect += 1
            except (OSError, ValueError) as e:
                reason = type(e).__name__
            sender.cancel()
            writer.close()
            del self.last_echo[ident]
            if reason is None:
                self.log("S", f"{time.time():.3f}", "close", ident)
                return
            self.log("S", f"{time.time():.3f}", "reset", ident, reason)

    async def run(self):
        a = self.args
        loop = asyncio.get_running_loop()
        stop = loop.create_future()
        loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
        loop.add_signal_handler(signal.SIGINT, stop.set_result, None)
        tasks = []
        if a.echo:
            tasks += [asyncio.create_task(self.stream(i + 1, addr_port(a.echo))) for i in range(a.streams)]
        if a.http:
            tasks.append(asyncio.create_task(self.ticker(a.rate, lambda: self.http_get("R", addr_port(a.http), "/"))))
        if a.slow:
            host, port, secs = a.slow.split(":")
            tasks.append(asyncio.create_task(self.ticker(a.slow_rate, lambda: self.http_get("L", (host, int(port)), f"/slow/{secs}"))))
        if a.dns:
            tasks.append(asyncio.create_task(self.ticker(a.dns_rate, lambda: self.dns_query(addr_port(a.dns)))))
        await stop
        self.stopping = True
        # Streams end when their last line's echo is back (or after a timeout); requests in flight finish.
        await asyncio.wait(tasks + list(self.inflight), timeout=a.timeout + 5)
        now = time.time()
        for ident, last in sorted(self.last_echo.items()):  # streams that still wait for an echo
            self.log("G", f"{last:.3f}", f"{now:.3f}", ident)
            self.log("S", f"{now:.3f}", "reset", ident, "stuck")
        self.out.close()


# ---------------------------------------------------------------------------------------------- report
def window(results):
    """results: [(send, ok)] sorted; from the first failure to the first success after the last one."""
    fails = [t for t, ok in results if not ok]
    if not fails:
        return 0.0
    after = [t for t, ok in results if ok and t > fails[-1]]
    end = after[0] if after else fails[-1]
    return end - fails[0]


def report(args):
    t0, t1 = float(args.start), float(args.end)
    last = t0
    req = {"R": [], "D": [], "L": []}
    answers = {"R": {}, "D": {}, "L": {}}
    resets, stall = 0, 0.0
    reasons = {}
    with open(args.events) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] in req:
                t = float(w[1])
                last = max(last, t)
                if t0 <= t < t1:
                    req[w[0]].append((t, w[2] == "ok"))
                    if w[2] == "ok":
                        answers[w[0]][w[3]] = answers[w[0]].get(w[3], 0) + 1
                    else:
                        reasons[w[0] + ":" + w[3]] = reasons.get(w[0] + ":" + w[3], 0) + 1
            elif w[0] == "S" and w[2] == "reset" and t0 <= float(w[1]) < t1:
                resets += 1
                reasons["S:" + w[4]] = reasons.get("S:" + w[4], 0) + 1
            elif w[0] == "G" and float(w[2]) >= t0 and float(w[1]) < t1:
                stall = max(stall, float(w[2]) - float(w[1]))

    def names(kind):
        return ",".join(f"{k}:{v}" for k, v in sorted(answers[kind].items())) or "none"

    def count(kind):
        return len(req[kind]), sum(1 for _, ok in req[kind] if not ok), window(sorted(req[kind]))

    sent, failed, win = count("R")
    dsent, dfailed, dwin = count("D")
    lsent, lfailed, _ = count("L")
    # The rate the client achieved (a starved guest sends fewer requests than asked for).
    span = (min(t1, last) - t0) or 1.0
    print(f"sent={sent} failed={failed} reset={resets} window={win:.2f} stall={stall:.2f} answers={names('R')} rate={sent / span:.1f}")
    why = ",".join(f"{k}:{v}" for k, v in sorted(reasons.items())) or "none"
    print(f"dns_sent={dsent} dns_failed={dfailed} dns_window={dwin:.2f} dns_answers={names('D')} long_sent={lsent} long_failed={lfailed} failures={why}")
    dns = f" | {dsent} / {dfailed}" if args.dns else ""
    print(f"| {args.label} | {sent} | {failed} | {resets} | {win:.2f} s | {stall:.2f} s{dns} |")


def main():
    p = argparse.ArgumentParser(description="Load generator and servers of the kernel-lab operations suite.")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("hosts", nargs="+", metavar="HOST[=ADDR]", help="name in the HTTP answer (and namespace with --netns); ADDR: the DNS answer")
    s.add_argument("--netns", action="store_true", help="each HOST is a network namespace (/run/netns/HOST) to listen in")
    s.add_argument("--http", type=int)
    s.add_argument("--echo", type=int)
    s.add_argument("--dns", type=int, help="UDP DNS port, on each HOST's ADDR and --vip")
    s.add_argument("--vip", action="append", default=[], help="an address the DNS server listens on too")
    c = sub.add_parser("client")
    c.add_argument("--events", required=True)
    c.add_argument("--http")
    c.add_argument("--rate", type=float, default=20)
    c.add_argument("--echo")
    c.add_argument("--streams", type=int, default=4)
    c.add_argument("--dns")
    c.add_argument("--dns-rate", type=float, default=10)
    c.add_argument("--slow")
    c.add_argument("--slow-rate", type=float, default=2)
    c.add_argument("--timeout", type=float, default=2)
    r = sub.add_parser("report")
    r.add_argument("events")
    r.add_argument("start")
    r.add_argument("end")
    r.add_argument("--label", default="")
    r.add_argument("--dns", action="store_true", help="add the DNS columns to the row")
    args = p.parse_args()
    global asyncio
    if args.cmd != "report":
        import asyncio
    if args.cmd == "serve":
        asyncio.run(serve(args))
    elif args.cmd == "client":
        asyncio.run(Client(args).run())
    else:
        report(args)


if __name__ == "__main__":
    sys.exit(main())
