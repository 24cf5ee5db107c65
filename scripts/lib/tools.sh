# Shared by scripts/run and scripts/test: install what is missing, and only
# that (each check runs before its install, so repeat runs cost nothing).

ensure_wasm_target() {
  rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
}

# trunk 0.21.x (0.22 needs a newer rustc than this toolchain) and the
# wasm-bindgen CLI of exactly the version in Cargo.lock.
ensure_frontend_tools() {
  ensure_wasm_target
  trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.' || cargo install trunk --version 0.21.14 --locked
  local wanted
  wanted=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)
  if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wanted"; then
    # The crate mirror lacks some of the lock file's newest versions: no --locked.
    cargo install wasm-bindgen-cli --version "$wanted"
  fi
  # Cuts the wasm at the lazy routes (scripts/trunk-split-wasm); about a minute.
  if ! cargo install --list | grep -qF 'wasm_split_cli_support v0.2.4:'; then
    cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
  fi
}

ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

build_frontend() {
  ensure_frontend_tools
  trunk build --release --offline
}

# openapi-python-client and schemathesis (PyPI) in a venv under the cache
# folder, not in the repo: the contract tests generate a client from
# api-spec/openapi.json and send the document's requests to the server.
python_client_venv() {
  echo "${CSPORTAL_CACHE_DIR:-$HOME/.cache/csportal}/pyvenv"
}
python_client_generator() {
  echo "$(python_client_venv)/bin/openapi-python-client"
}
ensure_python_client_generator() {
  local venv
  venv="$(python_client_venv)"
  if ! "$venv/bin/openapi-python-client" --version 2>/dev/null | grep -qF 0.29.1 \
    || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF 4.32.5; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
      openapi-python-client==0.29.1 schemathesis==4.32.5
  fi
}
