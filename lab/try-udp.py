#!/usr/bin/env python3
# UDP server and client of `lvscc try` (lab/try-guest.sh): the server answers a DNS query with an A record
# and any other datagram with its host name; the client sends one datagram and prints the answer.
#   try-udp.py serve FAMILY PORT NAME          FAMILY 4 or 6; listens on every address
#   try-udp.py ask ADDRESS PORT SOURCE-PORT    prints the answer; exit 1 after 2 s without one
import socket
import struct
import sys


def dns_answer(query, name):
    """A reply to a DNS query: the question, then an A record 192.0.2.1 and a TXT record with the host name."""
    ident, flags, qdcount = struct.unpack("!HHH", query[:6])
    if flags & 0x8000 or qdcount != 1:
        return None
    end = 12
    while end < len(query) and query[end] != 0:
        end += query[end] + 1
    question = query[12 : end + 5]
    header = struct.pack("!HHHHHH", ident, 0x8180, 1, 2, 0, 0)
    a = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton("192.0.2.1")
    text = name.encode()[:255]
    txt = b"\xc0\x0c" + struct.pack("!HHIH", 16, 1, 60, len(text) + 1) + bytes([len(text)]) + text
    return header + question + a + txt


def serve(family, port, name):
    sock = socket.socket(socket.AF_INET6 if family == "6" else socket.AF_INET, socket.SOCK_DGRAM)
    if family == "6":
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind(("::" if family == "6" else "0.0.0.0", int(port)))
    while True:
        data, peer = sock.recvfrom(4096)
        reply = dns_answer(data, name) if len(data) >= 17 else None
        sock.sendto(reply if reply else (name + "\n").encode(), peer)


def ask(address, port, source_port):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", int(source_port)))
    sock.settimeout(2)
    sock.sendto(b"lvscc-try\n", (address, int(port)))
    try:
        data, _ = sock.recvfrom(4096)
    except socket.timeout:
        print(f"no answer from {address} port {port} within 2 s", file=sys.stderr)
        return 1
    print(data.decode(errors="replace").strip())
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"] and len(sys.argv) == 5:
        serve(*sys.argv[2:])
    elif sys.argv[1:2] == ["ask"] and len(sys.argv) == 5:
        sys.exit(ask(*sys.argv[2:]))
    else:
        print(__doc__ or "usage: try-udp.py serve FAMILY PORT NAME | ask ADDRESS PORT SOURCE-PORT", file=sys.stderr)
        sys.exit(2)
