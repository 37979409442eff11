#!/usr/bin/env bash
# Runs a command inside a throwaway network namespace with loopback and one end of a veth pair holding 10.99.0.1/24;
# the other end sits in a second throwaway namespace with no address, where the IP layer discards whatever arrives.
# Datagrams sent to 10.99.0.2 (a static neighbour entry, so no ARP) thus leave as through a NIC and reach no socket
# and no process, so forwarding's cost can be measured without receivers on the same cores. Nothing leaves the pair.
# Usage (root): bench/load/netns-dummy.sh python3 bench/load/loadtest.py --forward 3 --forward-to 10.99.0.2
set -euo pipefail
ns="sluice-bench-$$"
sink="sluice-drop-$$"
ip netns add "$ns"
ip netns add "$sink"
trap 'ip netns del "$ns"; ip netns del "$sink"' EXIT
ip -n "$ns" link set lo up
ip -n "$ns" link add fwd0 type veth peer name fwd1 netns "$sink"
ip -n "$ns" addr add 10.99.0.1/24 dev fwd0
ip -n "$ns" link set fwd0 up
ip -n "$sink" link set fwd1 up
ip -n "$ns" neigh add 10.99.0.2 lladdr "$(ip -n "$sink" -o link show fwd1 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')" dev fwd0
ip netns exec "$ns" "$@"
