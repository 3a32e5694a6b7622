#!/bin/sh
# Times the generator and the C build at scale (issue 12): make_header.py writes c_src/big.h
# (1,000 annotated types, 200 NIF functions); then, RUNS times each, with the load average:
#   generate   the generator as `mix gen` runs it (Python, from a clean output directory)
#   mix gen    `mix gen --force` (the same, plus Mix's own start)
#   build      the C build of `mix compile` (the generated files up to date, the library gone)
#   no-op      `mix gen` and `mix compile` with nothing changed, against `mix run --no-compile`
#              (Mix's start and the project's load, nothing compiled)
# Needs /usr/bin/time (Debian: apt-get install time) and bc.
# Run from the checkout: make bench-scale.
set -e
cd "$(dirname "$0")"
RUNS=${RUNS:-3}
PYTHON=../../.venv/bin/python
export MIX_ENV=dev

mkdir -p c_src
(cd c_src && python3 ../make_header.py >/dev/null)
mix deps.get >/dev/null
mix compile >/dev/null 2>&1 || mix compile

# time_it LABEL COMMAND...: prints LABEL, the wall time, the CPU time of the command and all
# it ran (user + system), and the 1-minute load average when it ended (other work on the
# machine slows every figure: compare runs at similar loads).
time_it() {
  label=$1; shift
  /usr/bin/time -o _build/time.txt -f '%e %U %S' "$@" >/dev/null 2>&1
  read -r wall user system < _build/time.txt
  printf '%-10s %6.2f s wall  %6.2f s CPU   load %s\n' "$label" "$wall" \
    "$(echo "$user + $system" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
}

erts=$(erl -noshell -eval 'io:format("~s/usr/include", [code:root_dir()]), halt().')
for i in $(seq "$RUNS"); do
  rm -rf _build/gen_c _build/gen_ex
  time_it generate $PYTHON -m nif_derive c_src/big.h --module Gen.Native --otp-app scale \
    --quiet --c-out _build/gen_c --ex-out _build/gen_ex -I c_src -I "$erts"
done
for i in $(seq "$RUNS"); do time_it "mix gen" mix gen --force; done
for i in $(seq "$RUNS"); do
  rm -f priv/gen_native.so
  time_it build mix compile.nif_derive
done
mix compile >/dev/null
for i in $(seq "$RUNS"); do
  time_it "no-op gen" mix gen
  time_it "no-op cmp" mix compile
  time_it "mix start" mix run --no-compile -e ''
done
echo "$(ls c_src/generated/*.c | wc -l) C files, $(cat c_src/generated/*.c c_src/generated/*.h | wc -l) lines; $(nproc) cores"
