#!/usr/bin/env bash
# Installs the toolchain of every language the judge's registry knows
# (apps/judge/src/languages/language.registry.ts), from Debian's packages: the one list of which
# packages each language needs. Idempotent and fast when everything is there (it only looks for
# each language's command). `npm run setup:languages` for all; `bash scripts/setup-languages.sh
# go ruby` for some. TypeScript is the npm package `typescript-judge` (package.json), installed
# with the node modules. Needs root (or sudo) for apt-get when something is missing.
set -euo pipefail

# id         command that shows the toolchain is there   Debian packages
LANGUAGES='
c           gcc          gcc libc6-dev
c99         gcc          gcc libc6-dev
c11         gcc          gcc libc6-dev
c17         gcc          gcc libc6-dev
c23         gcc          gcc libc6-dev
cpp         g++          g++
cpp11       g++          g++
cpp14       g++          g++
cpp17       g++          g++
cpp20       g++          g++
cpp23       g++          g++
python3     python3      python3
pypy3       pypy3        pypy3
javascript  node         nodejs
typescript  node         nodejs
java        javac        openjdk-17-jdk-headless
kotlin      kotlinc      kotlin openjdk-17-jdk-headless
scala       scalac       scala openjdk-17-jdk-headless
rust        rustc        rustc
go          go           golang-go
csharp      mcs          mono-mcs mono-runtime
haskell     ghc          ghc
ocaml       ocamlopt     ocaml-nox
pascal      fpc          fp-compiler
ruby        ruby         ruby
php         php          php-cli
perl        perl         perl
lua         lua5.4       lua5.4
bash        bash         bash
racket      racket       racket
erlang      erlc         erlang-nox
elixir      elixir       elixir
'

say() { printf '\033[1m[setup:languages]\033[0m %s\n' "$*"; }

wanted=("$@")
missing_ids=()
packages=()
while read -r id cmd pkgs; do
  [ -n "$id" ] || continue
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $id "* ]]; then continue; fi
  if ! command -v "$cmd" >/dev/null 2>&1; then
    missing_ids+=("$id")
    for p in $pkgs; do [[ " ${packages[*]-} " == *" $p "* ]] || packages+=("$p"); done
  fi
done <<< "$LANGUAGES"

for id in "${wanted[@]}"; do
  grep -qE "^$id " <<< "$LANGUAGES" || { echo "unknown language id: $id (known: $(awk 'NF{printf "%s ", $1}' <<< "$LANGUAGES"))" >&2; exit 2; }
done

if [ ${#packages[@]} -eq 0 ]; then
  say "every toolchain is installed"
  exit 0
fi

say "missing: ${missing_ids[*]}; installing ${packages[*]}"
if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
  echo "installing packages needs root: run as root or install: ${packages[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# openjdk's postinst needs this folder, which slim images lack.
"${sudo[@]}" mkdir -p /usr/share/man/man1
apt_install() { "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=1200 install -y -q "${packages[@]}"; }
if ! apt_install; then
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=1200 update -q
  apt_install
fi
say "installed: ${missing_ids[*]}"
