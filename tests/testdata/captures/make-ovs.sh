#!/bin/bash
# make-ovs.sh OUTDIR — regenerate ovs.pcap and ovs-encap.pcap (sFlow from Open vSwitch, userspace datapath).
# Run as root on Debian 12 with: openvswitch-switch tcpdump iperf3 netcat-openbsd socat ethtool iproute2
#   iputils-ping arping dnsutils python3.
# Everything happens inside private network namespaces; the sFlow collectors are 127.0.0.1 of the
# switch namespace. Nothing leaves the machine. Namespaces and daemons are removed on exit.
#
# Topology (switch namespace "osw$$", one ovs-vswitchd, datapath_type=netdev everywhere). The kernel here
# has no 802.1Q/802.1ad, GRE or dummy devices, so every VLAN tag is pushed/popped by OVS itself.
#  ovs.pcap (target 127.0.0.1:6343), two agents:
#   br0 (agent = internal port br0 10.78.0.3)
#     vA  normal          <-> hA eth0 10.78.0.4 fd78::4
#     vB  normal          <-> hB eth0 10.78.0.5 fd78::5          (iperf3, nc, DNS responder)
#     vC  access tag=100  <-> hC eth0 10.78.100.6 fd78:100::6
#     vT0 trunk           <-> vT1 on br1 (frames of VLAN 100 cross this veth 802.1Q-tagged)
#   br1 (agent = internal port br1 10.78.1.3)
#     vT1 trunk ; vF access tag=100 <-> hF eth0 10.78.100.7 fd78:100::7   (iperf3, DNS responder)
#  ovs-encap.pcap (target 127.0.0.1:6344), three agents:
#   br-int (agent 10.79.0.3): vD <-> hD eth0 10.79.0.4 fd79::4 ; vx0 vxlan remote_ip=172.31.1.2 key=5000
#   br-phy (agent 172.31.1.1, underlay of the userspace VXLAN tunnel): vU <-> hV eth0 172.31.1.2;
#           hV holds a kernel vxlan0 (VNI 5000, UDP 4789) 10.79.0.8 fd79::8  (iperf3, DNS responder)
#   br-q (agent 10.79.1.3), OpenFlow rules instead of NORMAL: vE <-> hE 10.79.30.5, vG <-> hG 10.79.30.7;
#           a hairpin veth vQa<->vQb on the same bridge: hE->vQa pushes C-tag 300 + S-tag 200 (802.1ad),
#           frames re-enter on vQb double-tagged, tags popped, out to hG (and the reverse direction).
set -euo pipefail
OUT=$(realpath "${1:-.}")
SAMPLING=${SAMPLING:-4}; POLLING=${POLLING:-2}; HEADER=${HEADER:-128}
S=$$; SW=osw$S; HA=oa$S; HB=ob$S; HC=oc$S; HF=of$S; HD=od$S; HE=oe$S; HG=og$S; HV=ov$S
D=$(mktemp -d /tmp/ovscap.XXXXXX)
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  sleep 0.5
  local opids=$(cat $D/run/ovs-vswitchd.pid $D/run/ovsdb-server.pid 2>/dev/null)
  [ -S $D/run/ovs-vswitchd.ctl ] && ovs-appctl -t $D/run/ovs-vswitchd.ctl exit --cleanup 2>/dev/null
  [ -S $D/run/ovsdb-server.ctl ] && ovs-appctl -t $D/run/ovsdb-server.ctl exit 2>/dev/null
  for i in 1 2 3 4 5 6 7 8 9 10; do   # make sure the daemons are gone (zombies are reaped by init)
    local alive=0 p; for p in $opids; do kill -0 $p 2>/dev/null && [ "$(ps -o stat= -p $p)" != Z ] && alive=1; done
    [ $alive = 0 ] && break; sleep 0.5
  done
  for p in $opids; do kill -0 $p 2>/dev/null && kill $p; done
  for n in $HA $HB $HC $HF $HD $HE $HG $HV $SW; do ip netns del $n 2>/dev/null; done
  rm -rf "$D"
}
trap cleanup EXIT INT TERM
# start a background process we own (X = inside a namespace; exec directly so $! is the process itself)
bg() { if [ "$1" = X ]; then shift; ip netns exec "$@" & else "$@" & fi; PIDS+=($!); }
X() { local n=$1; shift; ip netns exec "$n" "$@"; }
nooff() { X $1 ethtool -K $2 tso off gso off gro off tx off >/dev/null 2>&1 || true; }

mkdir -p $D/run $D/db $D/log
export OVS_RUNDIR=$D/run OVS_DBDIR=$D/db OVS_LOGDIR=$D/log OVS_SYSCONFDIR=$D/db
for n in $SW $HA $HB $HC $HF $HD $HE $HG $HV; do ip netns add $n; ip -n $n link set lo up; done
for p in "vA $HA" "vB $HB" "vC $HC" "vF $HF" "vD $HD" "vE $HE" "vG $HG" "vU $HV"; do
  set -- $p; ip link add $1 netns $SW type veth peer name eth0 netns $2
  ip -n $SW link set $1 up; nooff $SW $1; ip -n $2 link set eth0 up; nooff $2 eth0
done
ip -n $HA addr add 10.78.0.4/24 dev eth0;    ip -n $HA -6 addr add fd78::4/64 dev eth0 nodad
ip -n $HB addr add 10.78.0.5/24 dev eth0;    ip -n $HB -6 addr add fd78::5/64 dev eth0 nodad
ip -n $HC addr add 10.78.100.6/24 dev eth0;  ip -n $HC -6 addr add fd78:100::6/64 dev eth0 nodad
ip -n $HF addr add 10.78.100.7/24 dev eth0;  ip -n $HF -6 addr add fd78:100::7/64 dev eth0 nodad
ip -n $HD link set eth0 mtu 1400   # room for the VXLAN overhead
ip -n $HD addr add 10.79.0.4/24 dev eth0;    ip -n $HD -6 addr add fd79::4/64 dev eth0 nodad
ip -n $HE link set eth0 mtu 1400;  ip -n $HE addr add 10.79.30.5/24 dev eth0
ip -n $HG link set eth0 mtu 1400;  ip -n $HG addr add 10.79.30.7/24 dev eth0
ip -n $HV addr add 172.31.1.2/24 dev eth0
ip -n $HV link add vxlan0 type vxlan id 5000 local 172.31.1.2 remote 172.31.1.1 dstport 4789 dev eth0
ip -n $HV link set vxlan0 mtu 1400 address 02:00:00:79:00:08 up; nooff $HV vxlan0
ip -n $HV addr add 10.79.0.8/24 dev vxlan0;  ip -n $HV -6 addr add fd79::8/64 dev vxlan0 nodad
# switch-internal veths: trunk br0<->br1 and the QinQ hairpin on br-q
for p in "vT0 vT1" "vQa vQb"; do set -- $p
  ip -n $SW link add $1 type veth peer name $2
  for i in $1 $2; do X $SW sysctl -qw net.ipv6.conf.$i.disable_ipv6=1; ip -n $SW link set $i up; nooff $SW $i; done
done

# OVS
ovsdb-tool create $D/db/conf.db /usr/share/openvswitch/vswitch.ovsschema
X $SW ovsdb-server $D/db/conf.db --remote=punix:$D/run/db.sock \
  --pidfile=$D/run/ovsdb-server.pid --unixctl=$D/run/ovsdb-server.ctl --log-file=$D/log/ovsdb-server.log --detach --no-chdir
VS="ovs-vsctl --db=unix:$D/run/db.sock"
$VS --no-wait init
$VS --no-wait set Open_vSwitch . other_config:vlan-limit=2
X $SW ovs-vswitchd unix:$D/run/db.sock --pidfile=$D/run/ovs-vswitchd.pid --unixctl=$D/run/ovs-vswitchd.ctl \
  --log-file=$D/log/ovs-vswitchd.log --detach --no-chdir
APP="ovs-appctl -t $D/run/ovs-vswitchd.ctl"
$VS add-br br0 -- set bridge br0 datapath_type=netdev
$VS add-port br0 vA -- add-port br0 vB -- add-port br0 vC tag=100 -- add-port br0 vT0
$VS add-br br1 -- set bridge br1 datapath_type=netdev
$VS add-port br1 vT1 -- add-port br1 vF tag=100
$VS add-br br-int -- set bridge br-int datapath_type=netdev
$VS add-port br-int vD -- add-port br-int vx0 -- set interface vx0 type=vxlan options:remote_ip=172.31.1.2 options:key=5000
$VS add-br br-phy -- set bridge br-phy datapath_type=netdev -- add-port br-phy vU
$VS add-br br-q -- set bridge br-q datapath_type=netdev protocols=OpenFlow10,OpenFlow13
$VS add-port br-q vE -- set interface vE ofport_request=1 -- add-port br-q vG -- set interface vG ofport_request=2 \
    -- add-port br-q vQa -- set interface vQa ofport_request=3 -- add-port br-q vQb -- set interface vQb ofport_request=4
OF="ovs-ofctl -O OpenFlow13"
$OF del-flows unix:$D/run/br-q.mgmt
$OF add-flows unix:$D/run/br-q.mgmt - <<'EOF2'
priority=10,in_port=1,actions=push_vlan:0x8100,set_field:4396->vlan_vid,push_vlan:0x88a8,set_field:4296->vlan_vid,output:3
priority=10,in_port=2,actions=push_vlan:0x8100,set_field:4396->vlan_vid,push_vlan:0x88a8,set_field:4296->vlan_vid,output:4
EOF2
ovs-ofctl add-flows unix:$D/run/br-q.mgmt - <<'EOF2'
priority=10,in_port=4,actions=strip_vlan,strip_vlan,output:2
priority=10,in_port=3,actions=strip_vlan,strip_vlan,output:1
EOF2
for b in br0 br1 br-int br-phy br-q; do ip -n $SW link set $b up; X $SW sysctl -qw net.ipv6.conf.$b.disable_ipv6=1; done
ip -n $SW addr add 10.78.0.3/24 dev br0
ip -n $SW addr add 10.78.1.3/24 dev br1
ip -n $SW addr add 10.79.0.3/24 dev br-int
ip -n $SW addr add 10.79.1.3/24 dev br-q
ip -n $SW addr add 172.31.1.1/24 dev br-phy
sleep 1
$APP ovs/route/show | grep -q 172.31.1 || $APP ovs/route/add 172.31.1.0/24 br-phy
$APP tnl/arp/set br-phy 172.31.1.2 $(ip -n $HV -br link show eth0 | awk '{print $3}') >/dev/null

# collectors (sinks) and captures on lo of the switch namespace
bg X $SW socat -u UDP-RECV:6343,bind=127.0.0.1 OPEN:/dev/null
bg X $SW socat -u UDP-RECV:6344,bind=127.0.0.1 OPEN:/dev/null
bg X $SW tcpdump -i lo -s 0 -U -n -w $OUT/ovs.pcap 'udp dst port 6343'
TD1=$!
bg X $SW tcpdump -i lo -s 0 -U -n -w $OUT/ovs-encap.pcap 'udp dst port 6344'
TD2=$!
sleep 1.5
for bt in br0:6343 br1:6343 br-int:6344 br-phy:6344 br-q:6344; do
  $VS -- --id=@s create sflow agent=${bt%:*} target=\"127.0.0.1:${bt#*:}\" sampling=$SAMPLING polling=$POLLING \
      header=$HEADER -- set bridge ${bt%:*} sflow=@s >/dev/null
done

# tiny DNS responder (answers every A query with 192.0.2.53, AAAA with 2001:db8::53)
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
bg X $HB python3 $D/dns.py 10.78.0.5 fd78::5
bg X $HF python3 $D/dns.py 10.78.100.7 fd78:100::7
bg X $HV python3 $D/dns.py 10.79.0.8 fd79::8
bg X $HB iperf3 -s -p 5201 >/dev/null
bg X $HB iperf3 -s -p 5202 >/dev/null
bg X $HF iperf3 -s -p 5201 >/dev/null
bg X $HG iperf3 -s -p 5201 >/dev/null
bg X $HV iperf3 -s -p 5201 >/dev/null
bg X $HV iperf3 -s -p 5202 >/dev/null
sleep 1
q() { X $1 dig @$2 +tries=1 +time=1 "$3" "${4:-A}" >/dev/null 2>&1 || true; }
traffic_br0() {
  X $HA arping -c 4 -w 3 -I eth0 10.78.0.5 >/dev/null 2>&1 || true
  X $HA ping -c 12 -i 0.2 -s 100 10.78.0.5 >/dev/null || true
  X $HA ping -6 -c 12 -i 0.2 fd78::5 >/dev/null || true
  X $HC ping -c 12 -i 0.2 10.78.100.7 >/dev/null || true          # VLAN 100, tagged on the vT0-vT1 trunk
  X $HC ping -6 -c 8 -i 0.2 fd78:100::7 >/dev/null || true
  X $HB ping -c 4 -i 0.2 10.78.0.3 >/dev/null || true              # to the switch's own address
  X $HA ping -c 3 -i 0.3 -b 10.78.0.255 >/dev/null 2>&1 || true    # broadcast ICMP
  for i in $(seq 1 12); do q $HA 10.78.0.5 host$i.example.test A; q $HA fd78::5 host$i.example.test AAAA; done
  X $HA iperf3 -c 10.78.0.5 -p 5201 -t 4 -b 1M -l 1000 >/dev/null || true
  X $HA iperf3 -6 -c fd78::5 -p 5202 -u -t 4 -b 300k -l 900 >/dev/null || true
  X $HC iperf3 -c 10.78.100.7 -p 5201 -t 3 -b 500k -l 600 >/dev/null || true
  for i in $(seq 1 6); do q $HC 10.78.100.7 vlan$i.example.test A; done
  X $HB sh -c 'nc -l 10.78.0.5 7000 >/dev/null' & local ncp=$!
  sleep 0.3; head -c 200000 /dev/urandom | X $HA nc -q 1 10.78.0.5 7000 || true; wait $ncp || true
  X $HA sh -c 'for i in $(seq 1 40); do echo "udp-test $i" ; sleep 0.05; done | nc -u -w 1 10.78.0.5 9999' || true
  X $HA ip neigh flush dev eth0; X $HA ping -c 2 10.78.0.5 >/dev/null || true
  X $HC arping -c 4 -w 3 -I eth0 10.78.100.7 >/dev/null 2>&1 || true
}
traffic_encap() {
  X $HD arping -c 4 -w 3 -I eth0 10.79.0.8 >/dev/null 2>&1 || true
  X $HD ping -c 12 -i 0.2 10.79.0.8 >/dev/null || true
  X $HD ping -6 -c 12 -i 0.2 fd79::8 >/dev/null || true
  X $HE arping -c 4 -w 3 -I eth0 10.79.30.7 >/dev/null 2>&1 || true
  X $HE ping -c 12 -i 0.2 10.79.30.7 >/dev/null || true           # QinQ 200/300 on the vQa-vQb hairpin
  for i in $(seq 1 10); do q $HD 10.79.0.8 v$i.example.test A; q $HD fd79::8 v$i.example.test AAAA; done
  X $HD iperf3 -c 10.79.0.8 -p 5201 -t 4 -b 1M -l 1000 >/dev/null || true
  X $HE iperf3 -c 10.79.30.7 -p 5201 -t 3 -b 500k -l 800 >/dev/null || true
  X $HD iperf3 -6 -c fd79::8 -p 5201 -u -t 3 -b 300k -l 900 >/dev/null || true
}
traffic_br0 &
T1=$!
traffic_encap
wait $T1
sleep $((POLLING * 2 + 1))
kill -INT $TD1 $TD2; wait $TD1 $TD2 2>/dev/null || true
$VS show > $D/show.txt; cat $D/show.txt >&2
grep -i -E 'warn|err' $D/log/ovs-vswitchd.log | grep -v -i -E 'Connection refused|enumerate system datapaths' | tail -20 >&2 || true
echo "ovs.pcap: $(tcpdump -r $OUT/ovs.pcap 2>/dev/null | wc -l) datagrams; ovs-encap.pcap: $(tcpdump -r $OUT/ovs-encap.pcap 2>/dev/null | wc -l) datagrams" >&2
