#!/usr/bin/env bash
# The package as users consume it: pack NetGen, then, outside the repository and with an empty NuGet cache (so a stale
# cached package can never pass), build and run
#   1. tests/PackageConsumer — declares a network, trains, predicts, saves and loads, checking each — under the JIT,
#      then publishes it as Native AOT on the command line and runs the binary;
#   2. the README's first C# block, pasted as Program.cs into a new console project.
# Any build warning fails the test (the consumer projects treat warnings as errors, and the AOT publish is checked for
# trimming and AOT warnings).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version=$(dotnet msbuild "$root/runtime/NetGen/NetGen.csproj" -getProperty:Version)
echo "== packing NetGen $version"
# From the root, as the README says: NetGen must be the only package it makes.
dotnet pack "$root/NetGen.sln" -c Release -o "$work/feed" --nologo -v quiet
packages=$(cd "$work/feed" && ls)
[ "$packages" = "NetGen.$version.nupkg"$'\n'"NetGen.$version.snupkg" ] || { echo "dotnet pack made: $packages"; exit 1; }
# From here on, an empty NuGet cache: the consumer gets NetGen from the feed, never from a cached copy.
export NUGET_PACKAGES="$work/packages"
if command -v python3 >/dev/null; then python3 -m zipfile -l "$work/feed/NetGen.$version.nupkg" | sed 's/^/   /'; fi

# The local feed serves NetGen and nothing else; everything else comes from the usual registry.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="NetGen" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG

consumer="$work/consumer"
mkdir -p "$consumer"
cp "$root/tests/PackageConsumer/PackageConsumer.csproj" "$root/tests/PackageConsumer/Program.cs" "$consumer/"
echo "== restore and run under the JIT"
start=$(date +%s%N)
dotnet build "$consumer" -c Release -p:NetGenVersion="$version" --nologo -v quiet
echo "   restore + build: $(( ($(date +%s%N) - start) / 1000000 )) ms"
dotnet "$consumer/bin/Release/net10.0/PackageConsumer.dll"

echo "== Native AOT publish (on the command line) and run"
"$root/tools/install-native-aot-prerequisites.sh"
start=$(date +%s%N)
dotnet publish "$consumer" -c Release -r linux-x64 -p:PublishAot=true -p:NetGenVersion="$version" -o "$consumer/aot" --nologo \
  | tee "$work/publish.log"
echo "   publish: $(( ($(date +%s%N) - start) / 1000000 )) ms"
if grep -E "warning (IL|NETSDK|CS)[0-9]+" "$work/publish.log"; then
  echo "the Native AOT publish has warnings"; exit 1
fi
grep -q "NetGen: Native AOT for linux-x64 compiled for x86-64-v3" "$work/publish.log" \
  || { echo "the package's buildTransitive targets did not choose the instruction set"; exit 1; }
echo "   binary: $(stat -c %s "$consumer/aot/PackageConsumer") bytes"
"$consumer/aot/PackageConsumer"

echo "== the README's first example, pasted into a new console project"
readme="$work/readme"
mkdir -p "$readme"
sed 's/PackageConsumer/ReadmeExample/' "$root/tests/PackageConsumer/PackageConsumer.csproj" > "$readme/ReadmeExample.csproj"
awk '/^```csharp/ { inside = 1; next } inside && /^```/ { exit } inside { print }' "$root/README.md" > "$readme/Program.cs"
dotnet build "$readme" -c Release -p:NetGenVersion="$version" --nologo -v quiet
dotnet "$readme/bin/Release/net10.0/ReadmeExample.dll"
echo "== the package's analyzers report a declaration error (NG0001) and a call-site shape (NG0030)"
wrong="$work/wrong"
mkdir -p "$wrong"
sed 's/PackageConsumer/WrongDeclaration/' "$root/tests/PackageConsumer/PackageConsumer.csproj" > "$wrong/WrongDeclaration.csproj"
cat > "$wrong/Program.cs" <<'CS'
using NetGen;
new Fine(seed: 1).Forward(new Matrix<float>(31, 1));
[Network(Inputs = 30)] [Dense(1, Activation.Sigmoid)] public class NotPartial;
[Network(Inputs = 30)] [Dense(1, Activation.Sigmoid)] public partial class Fine;
CS
if dotnet build "$wrong" -c Release -p:NetGenVersion="$version" -p:TreatWarningsAsErrors=false --nologo -v quiet > "$work/wrong.log" 2>&1; then
  echo "a non-partial network built"; cat "$work/wrong.log"; exit 1
fi
grep -q "error NG0001" "$work/wrong.log" && grep -q "warning NG0030" "$work/wrong.log" \
  || { echo "NG0001 or NG0030 missing"; cat "$work/wrong.log"; exit 1; }
echo "== package test passed"
