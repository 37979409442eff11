#!/usr/bin/env python3
# Sluice helper for Mininet (and any Open vSwitch host): enables sFlow on every Open vSwitch bridge and
# PUTs the network's topology to Sluice's /topology/json, so link metrics, aggMode=edge/core and the
# link: key function work on the emulated network.
#
# With Mininet, as with sFlow-RT's extras/sflow.py:
#   sudo mn --custom sluice/extras/sflow.py --link tc,bw=10 --topo tree,depth=2,fanout=2
#   exec(open('sluice/extras/sflow.py').read())       # in a custom script (Python 2: execfile(...))
# It hooks Mininet.start(): once the switches run it prints "*** Enabling sFlow:" and "*** Sending topology".
#
# On its own (no Mininet: bridges made with ovs-vsctl, e.g. between network namespaces):
#   python3 sluice/extras/sflow.py [--collector 127.0.0.1] [--bridges s1,s2]
#
# Settings come from the environment (as sFlow-RT's helper) or the command line:
#   COLLECTOR  Sluice's address (default 127.0.0.1)     COLLECTOR_PORT  sFlow port (6343)
#   RT_PORT    Sluice's REST port (8008)                 SAMPLING        1-in-N packet sampling (10)
#   POLLING    counter polling interval, s (10)          AGENT           interface whose address names the
#                                                         agent (default: the one routing to COLLECTOR)
# Links are found from the switches' veth ports: a port whose veth peer is a port of another bridge is a link.
from __future__ import print_function

import json
import os
import re
import subprocess
import sys

try:
    from urllib.request import Request, urlopen
except ImportError:  # Python 2, as Mininet 2.2 runs
    from urllib2 import Request, urlopen


def setting(name, default):
    return os.environ.get(name, default)


def run(args):
    return subprocess.check_output(args).decode('utf-8')


def bridges():
    """Every Open vSwitch bridge (ovs-vsctl finds the database through OVS_RUNDIR like any OVS tool)."""
    return [b for b in run(['ovs-vsctl', 'list-br']).split() if b]


def ports(bridge):
    return [p for p in run(['ovs-vsctl', 'list-ports', bridge]).split() if p]


def sysfs(port, name):
    with open('/sys/class/net/%s/%s' % (port, name)) as f:
        return f.read().strip()


def veth_peers():
    """Interface -> its veth peer, for pairs whose two ends are in this network namespace. `ip -o link` names a peer
    here ("s1-eth2@s2-eth2"); a peer in another namespace (a Mininet host) shows as "@ifN" with a link-netnsid."""
    peers = {}
    for line in run(['ip', '-o', 'link', 'show']).splitlines():
        match = re.match(r'\d+: ([^:@\s]+)@([^:\s]+):', line)
        if match and 'link-netnsid' not in line and not re.match(r'if\d+$', match.group(2)):
            peers[match.group(1)] = match.group(2)
    return peers


def agent_interface(collector):
    """The interface traffic to the collector leaves by, as its address is what the collector sees."""
    route = run(['ip', '-o', 'route', 'get', collector])
    match = re.search(r'\bdev (\S+)', route)
    return match.group(1) if match else 'lo'


def agent_address(interface):
    if interface == 'lo':
        return '127.0.0.1'
    out = run(['ip', '-o', '-4', 'addr', 'show', 'dev', interface])
    match = re.search(r'inet (\d+\.\d+\.\d+\.\d+)', out)
    if not match:
        raise SystemExit('sflow.py: interface %s has no IPv4 address to name the sFlow agent' % interface)
    return match.group(1)


def enable_sflow(switches, collector, collector_port, sampling, polling, agent):
    """One sFlow record shared by every bridge: same agent, collector, sampling and polling."""
    target = '"%s:%s"' % (collector, collector_port)
    args = ['ovs-vsctl', '--', '--id=@sflow', 'create', 'sflow', 'agent=%s' % agent, 'target=%s' % target,
            'sampling=%s' % sampling, 'polling=%s' % polling, 'header=128']
    for switch in switches:
        args += ['--', 'set', 'bridge', switch, 'sflow=@sflow']
    run(args)


def topology(switches, agent):
    """sFlow-RT's topology JSON: each bridge a node with its ports' ifIndexes; veth pairs between bridges are links."""
    nodes = {}
    owner = {}
    for switch in switches:
        node_ports = {}
        for port in ports(switch):
            try:
                ifindex = sysfs(port, 'ifindex')
            except (IOError, OSError):
                continue  # not a kernel interface (patch port, ...): sFlow reports nothing for it
            node_ports[port] = {'ifindex': ifindex}
            owner[port] = switch
        nodes[switch] = {'agent': agent, 'ports': node_ports}
    links = {}
    seen = set()
    for port, peer in sorted(veth_peers().items()):
        if port not in owner or peer not in owner or owner[peer] == owner[port] or (peer, port) in seen:
            continue
        seen.add((port, peer))
        name = '%s-%s' % (owner[port], owner[peer])
        if name in links:
            name = '%s-%s' % (port, peer)
        links[name] = {'node1': owner[port], 'port1': port, 'node2': owner[peer], 'port2': peer}
    return {'nodes': nodes, 'links': links}


def send_topology(topo, collector, rt_port):
    request = Request('http://%s:%s/topology/json' % (collector, rt_port), data=json.dumps(topo).encode('utf-8'),
                      headers={'Content-Type': 'application/json'})
    request.get_method = lambda: 'PUT'
    urlopen(request, timeout=10).read()


def configure(switches=None, info=print):
    collector = setting('COLLECTOR', '127.0.0.1')
    collector_port = setting('COLLECTOR_PORT', '6343')
    rt_port = setting('RT_PORT', '8008')
    sampling = setting('SAMPLING', '10')
    polling = setting('POLLING', '10')
    interface = setting('AGENT', '') or agent_interface(collector)
    switches = bridges() if switches is None else switches
    info('*** Enabling sFlow:\n' + ' '.join(switches) + '\n')
    enable_sflow(switches, collector, collector_port, sampling, polling, interface)
    info('*** Sending topology\n')
    topo = topology(switches, agent_address(interface))
    send_topology(topo, collector, rt_port)
    return topo


def hook_mininet():
    """Wraps Mininet.start so sFlow is on and the topology posted as soon as the network runs."""
    from mininet.log import info
    from mininet.net import Mininet
    if getattr(Mininet.start, 'sluice_sflow', False):
        return
    start = Mininet.start

    def start_with_sflow(self):
        start(self)
        configure([s.name for s in self.switches], info)

    start_with_sflow.sluice_sflow = True
    Mininet.start = start_with_sflow


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description='Enable sFlow on Open vSwitch bridges and post their topology to Sluice.')
    parser.add_argument('--collector', help='Sluice address (COLLECTOR)')
    parser.add_argument('--bridges', help='comma-separated bridges (default: every bridge)')
    args = parser.parse_args(argv)
    if args.collector:
        os.environ['COLLECTOR'] = args.collector
    topo = configure(args.bridges.split(',') if args.bridges else None, lambda text: sys.stdout.write(text))
    print(json.dumps(topo, sort_keys=True))


# Run as a script: configure now. Executed from inside Mininet (mn --custom, or execfile/exec in a custom script,
# where __name__ may well be '__main__' too): hook Mininet.start instead.
if __name__ == '__main__' and os.path.basename(sys.argv[0]) == 'sflow.py':
    main(sys.argv[1:])
else:
    try:
        hook_mininet()
    except ImportError:
        pass  # imported without Mininet: call configure() yourself
