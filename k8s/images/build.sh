#!/usr/bin/env bash
# Builds the container images the manifests run (k8s/images/images.txt), from the repository root:
# `mvn -B package -DskipTests` once, then one image build per line, tagged <registry>/<image>:<tag>.
#
#   k8s/images/build.sh TAG [REGISTRY]     e.g. k8s/images/build.sh 0.1.0 registry.example.com
#   k8s/images/build.sh --dry-run TAG ...  print the commands, run nothing
#
# The builder is docker unless IMAGE_BUILDER names another with docker's build syntax (podman,
# "buildah bud"). Push the tags afterwards and pin them in the overlay (docs/deploy.md, step 2).
set -euo pipefail

dry_run=false
if [ "${1:-}" = "--dry-run" ]; then
  dry_run=true
  shift
fi
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then
  echo "usage: k8s/images/build.sh [--dry-run] TAG [REGISTRY]   (e.g. 0.1.0 registry.example.com)" >&2
  exit 2
fi
tag=$1
prefix=${2:+$2/}
builder=${IMAGE_BUILDER:-docker}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

run() {
  echo "+ $*"
  if ! $dry_run; then
    "$@"
  fi
}

run mvn -B -q package -DskipTests
grep -v '^\s*\(#\|$\)' k8s/images/images.txt | while read -r image dockerfile; do
  if [ ! -f "$dockerfile" ]; then
    echo "k8s/images/images.txt names $dockerfile for $image, but there is no such file" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # IMAGE_BUILDER may be two words ("buildah bud")
  run $builder build -f "$dockerfile" -t "$prefix$image:$tag" .
done
