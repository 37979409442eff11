#!/bin/bash
# make-pmacct.sh OUTDIR — regenerate pmacct-sfprobe.pcap (sFlow v5 from pmacctd's sfprobe plugin).
# Run as root on Debian 12 with: pmacct tcpdump iperf3 netcat-openbsd socat ethtool iproute2 iputils-ping
#   arping dnsutils python3.
# Two namespaces hP (10.80.0.1, fd80::1) and hQ (10.80.0.2, fd80::2) joined by a veth. Two pmacctd
# instances in hP capture on hP's eth0 (libpcap) and export sFlow to the loopback of hP:
#   instance 4: IPv4 transport 127.0.0.1 -> 127.0.0.1:6343, agent 10.80.0.1, sub-agent 1402 (default),
#               sampling_rate 4, ifIndex 2, direction in
#   instance 6: IPv6 transport ::1 -> [::1]:6343, agent fd80::1, sub-agent 6, sampling_rate 8,
#               ifIndex 3, direction out
# tcpdump on hP's lo writes every datagram sent to UDP 6343. Namespaces and daemons are removed on exit.
set -euo pipefail
OUT=$(realpath "${1:-.}")
S=$$; HP=pp$S; HQ=pq$S
D=$(mktemp -d /tmp/pmcap.XXXXXX)
PIDS=()
cleanup() {
  set +e
  local all=() p c
  for p in "${PIDS[@]}"; do all+=($p); for c in $(pgrep -P $p); do all+=($c); done; done  # pmacctd plugin children
  for p in "${all[@]}"; do kill "$p" 2>/dev/null; done
  for i in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0; for p in "${all[@]}"; do kill -0 $p 2>/dev/null && [ "$(ps -o stat= -p $p)" != Z ] && alive=1; done
    [ $alive = 0 ] && break; sleep 0.5
  done
  for p in "${all[@]}"; do kill -9 "$p" 2>/dev/null; done
  for n in $HP $HQ; do ip netns del $n 2>/dev/null; done
  rm -rf "$D"
}
trap cleanup EXIT INT TERM
bg() { if [ "$1" = X ]; then shift; ip netns exec "$@" & else "$@" & fi; PIDS+=($!); }
X() { local n=$1; shift; ip netns exec "$n" "$@"; }

for n in $HP $HQ; do ip netns add $n; ip -n $n link set lo up; done
ip link add eth0 netns $HP type veth peer name eth0 netns $HQ
ip -n $HP addr add 10.80.0.1/24 dev eth0; ip -n $HP -6 addr add fd80::1/64 dev eth0 nodad
ip -n $HQ addr add 10.80.0.2/24 dev eth0; ip -n $HQ -6 addr add fd80::2/64 dev eth0 nodad
for n in $HP $HQ; do ip -n $n link set eth0 up; X $n ethtool -K eth0 tso off gso off gro off tx off >/dev/null 2>&1 || true; done

for v in 4 6; do
  if [ $v = 4 ]; then RCV=127.0.0.1:6343; AG=10.80.0.1; SUB=1402; SR=4; IFX=2; DIR=in; SRC=127.0.0.1
  else RCV='[::1]:6343'; AG=fd80::1; SUB=6; SR=8; IFX=3; DIR=out; SRC=::1; fi
  cat > $D/pmacctd$v.conf <<EOF
daemonize: false
pidfile: $D/pmacctd$v.pid
logfile: $D/pmacctd$v.log
pcap_interface: eth0
snaplen: 256
plugins: sfprobe[sf]
sampling_rate: $SR
sfprobe_receiver[sf]: $RCV
sfprobe_source_ip[sf]: $SRC
sfprobe_agentip[sf]: $AG
sfprobe_agentsubid[sf]: $SUB
sfprobe_ifindex[sf]: $IFX
sfprobe_direction[sf]: $DIR
sfprobe_ifspeed[sf]: 10000000000
EOF
done

# collector sinks and the capture, all on hP's loopback
bg X $HP socat -u UDP4-RECV:6343,bind=127.0.0.1 OPEN:/dev/null
bg X $HP socat -u UDP6-RECV:6343,bind=[::1] OPEN:/dev/null
bg X $HP tcpdump -i lo -s 0 -U -n -w $OUT/pmacct-sfprobe.pcap 'udp dst port 6343'
TD=$!
sleep 1.5
bg X $HP pmacctd -f $D/pmacctd4.conf
bg X $HP pmacctd -f $D/pmacctd6.conf
sleep 2

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
bg X $HQ python3 $D/dns.py 10.80.0.2 fd80::2
bg X $HQ iperf3 -s -p 5201 >/dev/null
bg X $HQ iperf3 -s -p 5202 >/dev/null
sleep 1
X $HP arping -c 4 -w 3 -I eth0 10.80.0.2 >/dev/null 2>&1 || true
X $HP ping -c 16 -i 0.2 -s 200 10.80.0.2 >/dev/null || true
X $HP ping -6 -c 16 -i 0.2 fd80::2 >/dev/null || true
for i in $(seq 1 16); do
  X $HP dig @10.80.0.2 +tries=1 +time=1 p$i.example.test A >/dev/null 2>&1 || true
  X $HP dig @fd80::2 +tries=1 +time=1 p$i.example.test AAAA >/dev/null 2>&1 || true
done
X $HP iperf3 -c 10.80.0.2 -p 5201 -t 4 -b 1M -l 1000 >/dev/null || true
X $HP iperf3 -6 -c fd80::2 -p 5202 -u -t 3 -b 300k -l 900 >/dev/null || true
X $HP iperf3 -c 10.80.0.2 -p 5201 -t 2 -b 300k -l 500 -R >/dev/null || true
X $HQ sh -c 'nc -l 10.80.0.2 7000 >/dev/null' & NCP=$!
sleep 0.3; head -c 100000 /dev/urandom | X $HP nc -q 1 10.80.0.2 7000 || true; wait $NCP || true
X $HP sh -c 'for i in $(seq 1 30); do echo "udp-test $i"; sleep 0.05; done | nc -u -w 1 10.80.0.2 9999' || true
X $HP ip neigh flush dev eth0; X $HP ping -c 2 10.80.0.2 >/dev/null || true
sleep 6
kill -INT $TD; wait $TD 2>/dev/null || true
cat $D/pmacctd4.log $D/pmacctd6.log >&2 || true
echo "pmacct-sfprobe.pcap: $(tcpdump -r $OUT/pmacct-sfprobe.pcap 2>/dev/null | wc -l) datagrams" >&2
