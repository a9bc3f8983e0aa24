#!/usr/bin/env bash
# NetGen's quick mode under the JIT and as Native AOT binaries, side by side on one machine, and the time from process
# start to first prediction of each (docs/performance.md, "Native AOT"). Needs the .NET 10 SDK, clang and zlib1g-dev
# (tools/install-native-aot-prerequisites.sh); x64 Linux.
#
#   tools/bench/aot-vs-jit.sh [--seconds S] [--threads N] [--workloads a,b] [--isa default,x86-64-v4,...] [--runs R]
#                             [--starts K] [--out DIR]
#
# --seconds   sampling time per (workload, precision) in each quick-mode run (default 2)
# --threads   NETGEN_THREADS of every run (default 2)
# --workloads a subset of tiny,deep,mlp,wide,predict1,chains,serving,predict1-chains,predict1-bf16,serving-bf16 (default: the
#             first seven)
# --isa       the AOT builds to time: `default` is what NetGen's targets choose (IlcInstructionSet unset), anything else
#             is passed as IlcInstructionSet (x86-64-v2, x86-64-v3, x86-64-v4, native, ...) (default: default)
# --runs      rounds; each round runs the JIT, then every AOT build, so that all share the machine's moods (default 2)
# --starts    process starts timed per configuration, alternating JIT and AOT (default 20)
# --out       where the binaries, raw JSON lines and tables go (default artifacts/aot-vs-jit)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seconds=2 threads=2 workloads=tiny,deep,mlp,wide,predict1,chains,serving isas=default runs=2 starts=20 out=artifacts/aot-vs-jit
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --workloads) workloads=$2; shift 2 ;;
        --isa) isas=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --starts) starts=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: $0 [--seconds S] [--threads N] [--workloads a,b] [--isa a,b] [--runs R] [--starts K] [--out DIR]" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
out=$(realpath "$out")

quiet() { "$@" > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }; }

echo "building the JIT quick mode and start-up probe ..." >&2
quiet dotnet build -c Release tests/NetGen.Benchmarks -o "$out/jit"
quiet dotnet build -c Release tests/NetGen.StartupProbe -o "$out/jit-probe"
jit=$out/jit/NetGen.Benchmarks
jit_probe=$out/jit-probe/NetGen.StartupProbe

# Each AOT build in its own folder; the project imports NetGen's targets as a package consumer would get them.
IFS=, read -ra isa_list <<< "$isas"
for isa in "${isa_list[@]}"; do
    echo "publishing the AOT quick mode ($isa) ..." >&2
    set -- -c Release -r linux-x64 tests/NetGen.Benchmarks.Aot -o "$out/aot-$isa"
    [ "$isa" = default ] || set -- "$@" -p:IlcInstructionSet="$isa"
    quiet dotnet publish "$@"
done
echo "publishing the AOT start-up probe (default) ..." >&2
quiet dotnet publish -c Release -r linux-x64 tests/NetGen.StartupProbe -o "$out/aot-probe"

: > "$out/steps.jsonl"
for run in $(seq 1 "$runs"); do
    for config in jit "${isa_list[@]}"; do
        echo "run $run: $config ..." >&2
        binary=$([ "$config" = jit ] && echo "$jit" || echo "$out/aot-$config/NetGen.Benchmarks.Aot")
        "$binary" --json --threads "$threads" --seconds "$seconds" --workload "$workloads" --precision both |
            sed "s/^{/{\"config\":\"$config\",\"run\":$run,/" >> "$out/steps.jsonl"
    done
done

# Start to first prediction: load a parameter file, predict one example, exit. Alternating, so both see the same load.
"$out/aot-probe/NetGen.StartupProbe" --save "$out/probe.bin"
: > "$out/starts.txt"
for _ in $(seq 1 "$starts"); do
    for config in jit aot; do
        binary=$([ "$config" = jit ] && echo "$jit_probe" || echo "$out/aot-probe/NetGen.StartupProbe")
        start=$(date +%s%N)
        "$binary" "$out/probe.bin" > /dev/null
        echo "$config $(( ($(date +%s%N) - start) / 1000 ))" >> "$out/starts.txt"
    done
done

python3 - "$out" "$(stat -c %s "$out/aot-probe/NetGen.StartupProbe")" <<'PY' | tee "$out/table.md"
import json, statistics, sys
out, probe_size = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for l in open(f"{out}/steps.jsonl") if l.startswith("{")]
configs = list(dict.fromkeys(r["config"] for r in rows))
runs = sorted({r["run"] for r in rows})
us = {}
for r in rows:
    # serving prints one line per number of threads predicting; its µs are the latency of one prediction.
    workload = r["workload"] + (f" (threads predicting: {r['caller_threads']})" if "caller_threads" in r else "")
    us.setdefault((r["config"], workload, r["system"]), {})[r["run"]] = r["us_per_step"]
bits = {r["config"]: r["vector_bits"] for r in rows}

def fmt(us): return f"{us:.2f}" if us < 1 else f"{us:,.1f}"

print("Speed of each AOT build relative to the JIT: JIT µs per step / AOT µs per step (1 = as fast; goal ≥ 0.9),")
print("per run and for the medians over the runs. Vector bits: " + ", ".join(f"{c} {bits[c]}" for c in configs) + ".\n")
aots = [c for c in configs if c != "jit"]
print("| workload | precision | JIT µs (" + " / ".join(f"run {n}" for n in runs) + ") | "
      + " | ".join(f"{c}: µs | {c}: JIT/AOT" for c in aots) + " |")
print("|---|---|---:|" + "---:|---:|" * len(aots))
for (config, workload, system), values in us.items():
    if config != "jit":
        continue
    cells = [workload, system.removeprefix("netgen-"), " / ".join(fmt(values[n]) for n in runs)]
    jit_median = statistics.median(values.values())
    for c in aots:
        aot = us[(c, workload, system)]
        per_run = " / ".join(f"{values[n] / aot[n]:.2f}" for n in runs)
        cells += [" / ".join(fmt(aot[n]) for n in runs), f"{per_run} (median {jit_median / statistics.median(aot.values()):.2f})"]
    print("| " + " | ".join(cells) + " |")

starts = {}
for line in open(f"{out}/starts.txt"):
    config, micros = line.split()
    starts.setdefault(config, []).append(int(micros) / 1000)
print("\nStart to first prediction (256 → 512 → 512 → 10, load parameters, predict one example), ms: "
      + "; ".join(f"{c} median {statistics.median(v):.1f} (min {min(v):.1f}, max {max(v):.1f}, {len(v)} starts)" for c, v in starts.items())
      + f". AOT probe binary: {probe_size / 2**20:.2f} MiB.")
PY
