//! Writes the co-participation network and the two-mode graph of a convene/1
//! dataset (whole dataset, no filter) as GEXF and GraphML, for checking with
//! another tool (`scripts/check-network.py` reads them with networkx).
//!
//! `cargo run -p convene-core --example network_export -- DATA.json OUT_DIR [TOP] [QUERY]`
//!
//! `DATA.json` may be `synth:N` (a synthetic dataset of N participations, seed 1,
//! also written to `OUT_DIR/synth.json` for the other tool to read).

use convene_core::engine::Engine;
use convene_core::network::{
    build_network, network_gexf, network_graphml, two_mode_gexf, two_mode_graphml, NetworkOptions,
};
use convene_core::view::ViewState;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(data), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: network_export DATA.json OUT_DIR [TOP] [QUERY]".into());
    };
    let top = match args.get(3) {
        Some(t) => t.parse().map_err(|e| format!("TOP {t:?}: {e}"))?,
        None => convene_core::view::MAX_TOP,
    };
    let (view, notices) = ViewState::from_query(args.get(4).map_or("", String::as_str));
    for n in notices {
        eprintln!("{n}");
    }
    let text = match data.strip_prefix("synth:") {
        Some(n) => {
            let participations = n.parse().map_err(|e| format!("synth:{n}: {e}"))?;
            let d = convene_core::synth::generate(&convene_core::synth::SynthParams {
                participations,
                seed: 1,
            });
            let json = serde_json::to_string(&d).map_err(|e| e.to_string())?;
            let path = std::path::Path::new(out).join("synth.json");
            std::fs::write(&path, &json).map_err(|e| format!("{}: {e}", path.display()))?;
            json
        }
        None => std::fs::read_to_string(data).map_err(|e| format!("{data}: {e}"))?,
    };
    let dataset = convene_core::load::load(&text).map_err(|errors| {
        errors
            .0
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let engine = Engine::new(dataset);
    let sel = engine.query(&view);
    let net = build_network(&engine, &sel, NetworkOptions { top, min_weight: 1 });
    let write = |name: &str, text: String| {
        let path = std::path::Path::new(out).join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("network.gexf", network_gexf(&engine, &net, None))?;
    write("network.graphml", network_graphml(&engine, &net))?;
    write("two-mode.gexf", two_mode_gexf(&engine, &sel))?;
    write("two-mode.graphml", two_mode_graphml(&engine, &sel))?;
    eprintln!(
        "{} nodes, {} edges, {} left out; {} participations in the two-mode graph",
        net.nodes.len(),
        net.edges.len(),
        net.left_out,
        sel.participations(&engine).len()
    );
    Ok(())
}
