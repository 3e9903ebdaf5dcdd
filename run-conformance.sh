#!/usr/bin/env bash
# MeshConformance entry point.
#   ./run-conformance.sh                 run the whole conformance suite against the embedded reference service
#   ./run-conformance.sh SUBCOMMAND ...  run a CLI subcommand, e.g. verify-vectors DIR (see --help)
# Builds the CLI on first use (and again when a source file is newer than the build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SPECFLOW_TELEMETRY_ENABLED=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cli_dll="$here/harness/Mesh.Cli/bin/Release/net10.0/mesh-conformance.dll"

needs_build() {
  [ ! -f "$cli_dll" ] && return 0
  [ -n "$(find "$here/harness" -newer "$cli_dll" \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]
}

if needs_build; then
  echo "Building the harness (first use or sources changed)..." >&2
  dotnet build "$here/harness/Mesh.Cli/Mesh.Cli.csproj" -c Release --nologo -v quiet >&2
fi

if [ $# -eq 0 ]; then
  # The whole suite against the embedded reference service arrives with the Gherkin suite (issue 4);
  # until then the default run checks the wire layer against every recorded vector set found.
  root="${MESH_REFERENCE_VECTORS:-$here/../shared/reference-vectors}"
  sets=()
  if [ -d "$root/Examples" ]; then sets=("$root"); else
    for d in "$root"/*/; do [ -d "$d/Examples" ] && sets+=("${d%/}"); done
  fi
  if [ ${#sets[@]} -eq 0 ]; then
    echo "No recorded vector set under $root: set MESH_REFERENCE_VECTORS to a vector set folder." >&2
    exit 2
  fi
  status=0
  for set in "${sets[@]}"; do
    echo "== $set"
    dotnet "$cli_dll" verify-vectors "$set" || status=$?
  done
  exit $status
fi
exec dotnet "$cli_dll" "$@"
