#!/usr/bin/env python3
"""Writes the UDP payload of every record of classic pcap files into a seed corpus folder.

Usage: make-corpus.py OUTDIR FILE.pcap...   (Ethernet link type, optional 802.1Q tags, IPv4 or IPv6, UDP)
"""
import os
import struct
import sys


def payloads(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    offset = 24
    while offset + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        pos, ethertype = 14, struct.unpack(">H", frame[12:14])[0]
        while ethertype in (0x8100, 0x88A8) and len(frame) >= pos + 4:
            ethertype = struct.unpack(">H", frame[pos + 2:pos + 4])[0]
            pos += 4
        if ethertype == 0x0800:
            pos += (frame[pos] & 0x0F) * 4
        elif ethertype == 0x86DD:
            pos += 40
        else:
            continue
        yield frame[pos + 8:]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    count = 0
    for path in sys.argv[2:]:
        for payload in payloads(path):
            name = os.path.join(out, f"{os.path.basename(path)}.{count}")
            with open(name, "wb") as f:
                f.write(payload)
            count += 1
    print(f"{count} seeds in {out}")


if __name__ == "__main__":
    main()
