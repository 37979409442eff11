#!/usr/bin/env bash
# Runs a command inside a throwaway network namespace that has loopback and a dummy interface holding 10.99.0.1/24:
# datagrams sent to 10.99.0.2 leave through the dummy device and are discarded there, as a NIC would put them on the
# wire, so forwarding's cost can be measured without a receiver on the same cores. Nothing leaves the namespace.
# Usage (root): bench/load/netns-dummy.sh python3 bench/load/loadtest.py --forward 3 --forward-to 10.99.0.2
set -euo pipefail
ns="sluice-bench-$$"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
ip -n "$ns" link set lo up
ip -n "$ns" link add dummy0 type dummy
ip -n "$ns" addr add 10.99.0.1/24 dev dummy0
ip -n "$ns" link set dummy0 up
ip netns exec "$ns" "$@"
