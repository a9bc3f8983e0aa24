#!/usr/bin/env bash
# Measures NetGen against its peers in one run on one machine (docs/architecture.md, "Performance protocol") and prints Markdown tables of the
# ratios of medians, with the ratio each fp32 workload would reach at the machine's FMA peak (a target above it is out of
# reach of any code on this machine). Needs the peers from tools/bench/install-peers.sh and the .NET 10 SDK.
#
#   tools/bench/compare.sh [--seconds S] [--threads N] [--workloads a,b] [--out DIR]
#
# --seconds   sampling time per (system, workload), as in peers.py (default 2)
# --threads   threads for OpenBLAS and PyTorch; NetGen gets NETGEN_THREADS=N (default 2, peers.py's default)
# --workloads a subset of tiny,deep,mlp,wide,predict1,predict1-bf16,chains,predict1-chains,serving,serving-bf16
#             (default: all but the serving ones); predict1-chains is one example through chains' small network (the
#             peers get its shape with --dims); predict1-bf16 is predict1 on a BFloat16Predictor copy of the network, compared with the
#             peers' predict1; serving has no peer and gets a table of its own: predictions per second on one network
#             from 1 and 2 threads (serving-bf16: on one BFloat16Predictor)
# --out       where the raw JSON lines, the FMA peak and the tables go (default artifacts/bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seconds=2 threads=2 workloads=tiny,deep,mlp,wide,predict1,predict1-bf16,chains,predict1-chains out=artifacts/bench
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --workloads) workloads=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: $0 [--seconds S] [--threads N] [--workloads a,b] [--out DIR]" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"

# A fresh machine has no peers: say how to get them rather than fail deep inside peers.py.
if ! /usr/bin/python3 -c 'import numpy, torch, threadpoolctl' 2>/dev/null || ! command -v gcc >/dev/null; then
    echo "compare.sh: the peers are missing (NumPy, PyTorch, threadpoolctl for /usr/bin/python3, gcc): run tools/bench/install-peers.sh" >&2
    exit 1
fi

dotnet build -c Release tests/NetGen.Benchmarks -v quiet -nologo > "$out/build.log" || { cat "$out/build.log" >&2; exit 1; }

# One workload at a time, the peers (numpy-f64, numpy-f32, torch-f32) and then NetGen (f32, f64) back to back, so that
# a slow phase of a shared host falls on both sides of a ratio rather than on one. predict1-bf16 is measured right after
# the peers' predict1, which it is compared with; serving has no peer.
: > "$out/peers.jsonl"
: > "$out/netgen.jsonl"
for base in $(tr , '\n' <<< "$workloads" | sed 's/-bf16$//' | awk '!seen[$0]++'); do
    ours=$(tr , '\n' <<< "$workloads" | awk -v base="$base" '$0 == base || $0 == base "-bf16"' | paste -sd ,)
    if [ "$base" != serving ]; then
        echo "$base: peers ..." >&2
        /usr/bin/python3 tools/bench/peers.py --threads "$threads" --seconds "$seconds" --workloads "$base" \
            --dims predict1-chains:4,32,16,4:1 >> "$out/peers.jsonl"
    fi
    echo "$ours: netgen ..." >&2
    dotnet run -c Release --no-build --project tests/NetGen.Benchmarks -- \
        --json --threads "$threads" --seconds "$seconds" --workload "$ours" --precision both >> "$out/netgen.jsonl"
done

# The fp32 FMA limit, best of three runs: on a shared machine one run can lose a core to a neighbour. A CPU without
# AVX-512 fails to compile (or run) the AVX-512 half: keep whatever was measured.
: > "$out/fma_peak.txt"
if command -v gcc > /dev/null; then
    echo "fma peak ..." >&2
    if gcc -O3 -funroll-all-loops -march=native -pthread tools/bench/fma_peak.c -o "$out/fma_peak"; then
        for _ in 1 2 3; do stdbuf -oL "$out/fma_peak" >> "$out/fma_peak.txt" || true; done
    fi
else
    echo "gcc not found: no FMA peak (tools/bench/install-peers.sh installs it)" >&2
fi

python3 - "$out" "$threads" <<'PY' | tee "$out/table.md"
import json, re, sys
out, threads = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for f in ("peers.jsonl", "netgen.jsonl") for l in open(f"{out}/{f}") if l.startswith("{")]
by = {(r["system"], r["workload"]): r for r in rows}
workloads = list(dict.fromkeys(r["workload"] for r in rows))
peers = sorted({r["system"] for r in rows if not r["system"].startswith("netgen")})

# The best fp32 FMA figure reachable with the threads the peers were given, and with one thread.
figures = [(int(t), float(g)) for t, g in re.findall(r"threads=(\d+) GFLOP/s=([\d.]+)", open(f"{out}/fma_peak.txt").read())]
peak = max((g for t, g in figures if t <= threads), default=None)
peak1 = max((g for t, g in figures if t == 1), default=None)
# Targets of issue 11 (docs/performance.md, "Speed II baseline"): NetGen at least this many times faster than the best
# peer (and wide at half the peak).
targets = {"tiny": 50, "deep": 4, "mlp": 3, "wide": 1.5, "predict1": 8, "predict1-bf16": 8, "chains": 30}
peak_targets = {"wide": 50}

def mark(met): return "✅" if met else "❌"

# The ratio NetGen would reach if its step ran at the FMA peak: the same arithmetic in the least time the machine
# allows. A target above it cannot be met on this machine by any code; below it, the gap is NetGen's (or the cache's,
# for workloads bound by memory rather than arithmetic, such as predict1).
def ceiling(ratio, gflops): return None if peak is None or gflops <= 0 else ratio * peak / gflops

def fmt(us): return f"{us:.2f}" if us < 1 else f"{us:,.1f}" if us < 100 else f"{us:,.0f}"

def table(system, rivals, with_targets):
    print(f"| workload | best peer (µs) | {system} (µs) | ratio (peer / NetGen) |" + (" target |" if with_targets else "")
          + " GFLOP/s |" + (" % of FMA peak | ratio at the peak |" if with_targets else "") + " alloc B/step |")
    print("|---|---|---:|---:|" + ("---|" if with_targets else "") + "---:|" + ("---:|---:|" if with_targets else "") + "---:|")
    for w in workloads:
        ours = by.get((system, w))
        base = w.removesuffix("-bf16")  # a bfloat16 copy's workload is compared with the peers' own
        theirs = [by[(p, base)] for p in rivals if (p, base) in by]
        if ours is None or not theirs:
            continue
        best = min(theirs, key=lambda r: r["us_per_step"])
        ratio = best["us_per_step"] / ours["us_per_step"]
        cells = [w, f"{best['system']} {fmt(best['us_per_step'])}", fmt(ours["us_per_step"]), f"{ratio:.2f}×"]
        goal = targets.get(w)
        bound = ceiling(ratio, ours["gflops"])
        if with_targets:
            met = "" if goal is None else f"≥{goal}× {mark(ratio >= goal)}"
            if goal is not None and bound is not None and bound < goal:
                met += " (beyond the peak)"
            if w in peak_targets and peak is not None:
                met += f", ≥{peak_targets[w]}% of peak {mark(100 * ours['gflops'] / peak >= peak_targets[w])}"
            cells.append(met)
        cells.append(f"{ours['gflops']:.2f}")
        if with_targets:
            cells.append("n/a" if peak is None else f"{100 * ours['gflops'] / peak:.1f}%")
            cells.append("n/a" if bound is None else f"{bound:,.1f}×")
        alloc = ours["alloc_bytes_per_step"]
        cells.append(f"{alloc:g}" + (f" {mark(alloc == 0)}" if with_targets else ""))
        print("| " + " | ".join(cells) + " |")

print(f"fp32: NetGen against the best of {', '.join(peers)}; threads={threads}; "
      + (f"fp32 FMA peak {peak} GFLOP/s with ≤{threads} threads ({peak1} with 1)" if peak else "FMA peak not measured")
      + "\n")
table("netgen-f32", peers, True)
print("\nfp64: NetGen against numpy-f64\n")
table("netgen-f64", ["numpy-f64"], False)

# serving: one line per (system, caller threads), which the tables above, keyed by (system, workload), cannot hold.
serving = [r for r in rows if r["workload"].startswith("serving")]
if serving:
    print("\nserving: single-example predictions on one shared network (no peer); serving-bf16 on one BFloat16Predictor\n")
    print("| workload | system | threads predicting | predictions/s | × 1 thread | median latency (µs) | alloc B/prediction |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in serving:
        print(f"| {r['workload']} | {r['system']} | {r['caller_threads']} | {r['predictions_per_s']:,.0f} | {r['scaling']:.2f}× "
              f"| {r['us_per_step']:.2f} | {r['alloc_bytes_per_step']:g} |")
PY
echo "raw results in $out/" >&2
