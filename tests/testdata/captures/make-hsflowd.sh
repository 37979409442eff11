#!/bin/bash
# make-hsflowd.sh OUTDIR — regenerate hsflowd.pcap (sFlow v5 from Host sFlow's hsflowd, pcap + tcp modules).
# hsflowd is not packaged in Debian 12. Build it outside this repository from github.com/sflow/host-sflow
# (make FEATURES="PCAP TCP", see README.md) and point HSFLOWD_DIR at its src/Linux directory
# (hsflowd binary + mod_*.so). Also needs: tcpdump iperf3 socat ethtool iproute2 iputils-ping arping dnsutils python3.
# Two namespaces hH (10.81.0.1, fd81::1) and hI (10.81.0.2, fd81::2) joined by a veth. hsflowd runs in hH,
# samples hH's eth0 with libpcap (mod_pcap), annotates TCP samples (mod_tcp), sends to 127.0.0.1:6343 of hH.
set -euo pipefail
OUT=$(realpath "${1:-.}")
HSFLOWD_DIR=${HSFLOWD_DIR:-/tmp/ref/hsflowd/src/Linux}
SAMPLING=${SAMPLING:-4}; POLLING=${POLLING:-2}
S=$$; HH=hh$S; HI=hi$S
D=$(mktemp -d /tmp/hscap.XXXXXX)
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for i in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0 p; for p in "${PIDS[@]}"; do kill -0 $p 2>/dev/null && [ "$(ps -o stat= -p $p)" != Z ] && alive=1; done
    [ $alive = 0 ] && break; sleep 0.5
  done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  for n in $HH $HI; do ip netns del $n 2>/dev/null; done
  [ -n "${KEEPLOG:-}" ] && cp $D/hsflowd.log "$KEEPLOG"; rm -rf "$D"
}
trap cleanup EXIT INT TERM
bg() { if [ "$1" = X ]; then shift; ip netns exec "$@" & else "$@" & fi; PIDS+=($!); }
X() { local n=$1; shift; ip netns exec "$n" "$@"; }

for n in $HH $HI; do ip netns add $n; ip -n $n link set lo up; done
ip link add eth0 netns $HH type veth peer name eth0 netns $HI
ip -n $HH addr add 10.81.0.1/24 dev eth0; ip -n $HH -6 addr add fd81::1/64 dev eth0 nodad
ip -n $HI addr add 10.81.0.2/24 dev eth0; ip -n $HI -6 addr add fd81::2/64 dev eth0 nodad
for n in $HH $HI; do ip -n $n link set eth0 up; X $n ethtool -K eth0 tso off gso off gro off tx off >/dev/null 2>&1 || true; done

cat > $D/hsflowd.conf <<EOF
sflow {
  agent = eth0
  polling = $POLLING
  sampling = $SAMPLING
  headerBytes = 128
  collector { ip = 127.0.0.1 udpport = 6343 }
  pcap { dev = eth0 sampling = $SAMPLING }
  tcp { }
}
EOF

bg X $HH socat -u UDP4-RECV:6343,bind=127.0.0.1 OPEN:/dev/null
bg X $HH tcpdump -i lo -s 0 -U -n -w $OUT/hsflowd.pcap 'udp dst port 6343'
TD=$!
sleep 1.5
bg X $HH $HSFLOWD_DIR/hsflowd -d -P -f $D/hsflowd.conf -o $D/hsflowd.auto -p $D/hsflowd.pid -l $HSFLOWD_DIR \
   -u 5f1e3d2c-0000-4000-8000-000000000081 > $D/hsflowd.log 2>&1
sleep 3

cat > $D/dns.py <<'EOF'
import socket, sys, threading
def serve(fam, addr):
    s = socket.socket(fam, socket.SOCK_DGRAM); s.bind((addr, 53))
    while True:
        q, peer = s.recvfrom(512)
        i = 12
        while q[i]: i += q[i] + 1
        qtype = q[i+1:i+3]; end = i + 5
        if qtype == b'\x00\x1c': rd = b'\x00\x10' + bytes.fromhex('20010db8000000000000000000000053')
        else: qtype = b'\x00\x01'; rd = b'\x00\x04' + bytes([192, 0, 2, 53])
        ans = b'\xc0\x0c' + qtype + b'\x00\x01' + b'\x00\x00\x00\x3c' + rd
        s.sendto(q[:2] + b'\x85\x80' + q[4:6] + b'\x00\x01\x00\x00\x00\x00' + q[12:end] + ans, peer)
threading.Thread(target=serve, args=(socket.AF_INET6, sys.argv[2]), daemon=True).start()
serve(socket.AF_INET, sys.argv[1])
EOF
bg X $HI python3 $D/dns.py 10.81.0.2 fd81::2
bg X $HI iperf3 -s -p 5201 >/dev/null
bg X $HI iperf3 -s -p 5202 >/dev/null
sleep 1
X $HH arping -c 4 -w 3 -I eth0 10.81.0.2 >/dev/null 2>&1 || true
X $HH ping -c 16 -i 0.2 10.81.0.2 >/dev/null || true
X $HH ping -6 -c 16 -i 0.2 fd81::2 >/dev/null || true
for i in $(seq 1 12); do
  X $HH dig @10.81.0.2 +tries=1 +time=1 h$i.example.test A >/dev/null 2>&1 || true
  X $HH dig @fd81::2 +tries=1 +time=1 h$i.example.test AAAA >/dev/null 2>&1 || true
done
X $HH iperf3 -c 10.81.0.2 -p 5201 -t 4 -b 1M -l 1000 >/dev/null || true
X $HH iperf3 -6 -c fd81::2 -p 5202 -t 3 -b 500k -l 800 >/dev/null || true
X $HH iperf3 -6 -c fd81::2 -p 5201 -u -t 3 -b 300k -l 900 >/dev/null || true
X $HH iperf3 -c 10.81.0.2 -p 5202 -t 2 -b 300k -l 500 -R >/dev/null || true
X $HH ip neigh flush dev eth0; X $HH ping -c 2 10.81.0.2 >/dev/null || true
sleep $((POLLING * 2 + 2))
kill -INT $TD; wait $TD 2>/dev/null || true
grep -i -E 'err|warn' $D/hsflowd.log | head -20 >&2 || true
echo "hsflowd.pcap: $(tcpdump -r $OUT/hsflowd.pcap 2>/dev/null | wc -l) datagrams" >&2
