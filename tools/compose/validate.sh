#!/usr/bin/env bash
# Validates docker-compose.yml with the project's own dclint (a devDependency; no Docker needed):
# the compose-spec JSON schema (anchors and merge keys resolved) plus dclint's rules. Any error or
# warning fails the run, so the file stays clean.
#
# tools/compose/.dclintrc changes one stylistic rule only: service-keys-order would have the YAML
# merge key (`<<: *app`) last in every service, after the keys that override it. The config puts
# it first, where a reader expects the shared base before the per-service overrides. Every other
# rule runs at its default level (no-unbound-port-interfaces, no-build-and-image, ... stay errors).
#
# Usage: tools/compose/validate.sh [compose-file ...]   (default: docker-compose.yml)
set -euo pipefail
cd "$(dirname "$0")/../.."

config=tools/compose/.dclintrc
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(docker-compose.yml)

for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "compose file not found: $f" >&2; exit 1; }
done
[ -x node_modules/.bin/dclint ] || { echo "dclint is not installed: run npm ci first" >&2; exit 1; }

if node_modules/.bin/dclint --config "$config" --max-warnings 0 "${files[@]}"; then
  echo "compose validation passed: ${files[*]}"
else
  status=$?
  echo "compose validation failed (dclint exit $status): ${files[*]}" >&2
  exit "$status"
fi
