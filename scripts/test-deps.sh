#!/usr/bin/env bash
# Installs what the tests talk to (run as root on Debian 12): tcpdump and tshark read the pcap we write (and tcpdump
# captures forwarded sFlow on loopback), curl runs the articles' commands, sshd carries `sluice tunnel`, Prometheus
# scrapes `sluice serve`, nfdump's nfcapd collects its IPFIX export, ieee-data names MAC vendors, rsyslog receives
# scripts' syslog(), snmpd answers the SNMP name lookups (snmp.ifname), exabgp, FRR (bgpd), BIRD 2 and gobgpd take Sluice's BGP FlowSpec rules; Open vSwitch (userspace, between network namespaces) runs extras/sflow.py as Mininet would; headless chromium (with a font) runs the web UI tests through Playwright; InfluxDB 1.6 takes Prometheus remote_write; and the npm data files (country and ASN ranges, data/README.md) from the lockfile. The tests
# start each peer themselves, on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends tcpdump tshark snmpd openssh-server openssh-client prometheus ieee-data nfdump curl rsyslog \
    exabgp frr bird2 gobgpd openvswitch-switch iproute2 ethtool iputils-ping python3 influxdb influxdb-client chromium fonts-dejavu-core \
    libmaxmind-db-writer-perl
# The machine's own Node.js when it has one; Debian's otherwise.
command -v npm >/dev/null || apt-get install -y --no-install-recommends nodejs npm
npm ci --prefix data --no-audit --no-fund
