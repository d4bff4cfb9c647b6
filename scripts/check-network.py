#!/usr/bin/env python3
"""Checks Convene's network exports with a tool that is not ours (networkx).

Usage: scripts/check-network.py DATA.json OUT_DIR
  (first: cargo run -p convene-core --example network_export -- DATA.json OUT_DIR)

Reads OUT_DIR/network.gexf, network.graphml, two-mode.gexf and two-mode.graphml with
networkx's readers, computes the co-participation network straight from the convene/1
JSON with networkx's bipartite weighted projection (shared events = number of common
neighbours), and compares nodes, edges and weights. Only valid for an export of the
whole dataset with every actor drawn (top at least the number of actors).
"""
import json
import sys

import networkx as nx
from networkx.algorithms import bipartite


def main(data_path, out):
    data = json.load(open(data_path, encoding="utf-8"))
    b = nx.Graph()
    for p in data["participations"]:
        b.add_node("actor:" + p["actor"], bipartite=0)
        b.add_node("event:" + p["event"], bipartite=1)
        b.add_edge("actor:" + p["actor"], "event:" + p["event"])
    actors = {n for n, d in b.nodes(data=True) if d["bipartite"] == 0}
    reference = bipartite.weighted_projected_graph(b, actors)
    ref = {frozenset((u, v)): d["weight"] for u, v, d in reference.edges(data=True)}

    failures = 0
    for name, reader in (("network.gexf", nx.read_gexf), ("network.graphml", nx.read_graphml)):
        g = reader(f"{out}/{name}")
        got = {frozenset((u, v)): int(float(d["weight"])) for u, v, d in g.edges(data=True)}
        nodes_ok = set(g.nodes()) == actors
        edges_ok = got == ref
        print(f"{name}: {g.number_of_nodes()} nodes (reference {len(actors)}), "
              f"{len(got)} edges (reference {len(ref)}): "
              f"{'same nodes' if nodes_ok else 'NODES DIFFER'}, {'same weights' if edges_ok else 'WEIGHTS DIFFER'}")
        failures += (not nodes_ok) + (not edges_ok)
    n_parts = len(data["participations"])
    for name, reader in (("two-mode.gexf", nx.read_gexf), ("two-mode.graphml", nx.read_graphml)):
        g = reader(f"{out}/{name}")
        ok = g.number_of_edges() == n_parts and set(g.nodes()) == set(b.nodes())
        print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
              f"(participations {n_parts}): {'ok' if ok else 'DIFFERS'}")
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
