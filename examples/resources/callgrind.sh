#!/bin/sh
# Instruction counts for BENCH.md, in two runs of one VM under callgrind (one
# scheduler; +JPperf true, which OTP 25's JIT needs under valgrind):
#  1. calls: the library built with -DKV_CALLGRIND has callgrind_zero/0 and
#     callgrind_dump/1 (client requests); N calls in a loop minus an empty
#     loop of N, over N, is one call with the VM's share;
#  2. sends from a thread: collection only inside bench_send_{nd,encoder,hand}
#     (one message each), inclusive, over the number of messages.
# Run from examples/resources; it rebuilds priv/ with -DKV_CALLGRIND and back.
# The hand-written baseline is Kv.Hand (bench/hand_nif.c, built here).
set -e
out=${1:-/tmp/kv_callgrind}
N=200000
M=20000
mkdir -p "$out"
rm -f "$out"/calls.* "$out"/sends.*
KV_CFLAGS=-DKV_CALLGRIND mix compile >/dev/null
hand=$(KV_CFLAGS=-DKV_CALLGRIND mix run --no-start -e 'IO.write(Kv.Hand.build())')
ebin=$(elixir -e 'IO.write(:code.lib_dir(:elixir, :ebin))')
vm="erl +JPperf true +S 1 +SDio 1 +SDcpu 1 +sbwt none +sbwtdcpu none +sbwtdio none -noshell
    -pa _build/dev/lib/kv/ebin -pa _build/dev/lib/nif_derive/ebin -pa $ebin"

valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/calls.%p" $vm -eval "
  K = 'Elixir.Kv.Nif', H = 'Elixir.Kv.Hand', ok = H:load(<<\"$hand\">>),
  P = K:plain_new(42), C = K:counter_new(42), R = K:rw_counter_new(42), HP = H:plain_new(42),
  Loop = fun 'Elixir.Kv.BenchLoop':loop/3,
  Cases = [{empty, fun erlang:is_reference/1, P}, {hand, fun H:plain_get/1, HP},
           {wrapped, fun K:plain_get/1, P},
           {mutex, fun K:counter_get/1, C}, {rwlock, fun K:rw_counter_get/1, R}],
  [begin K:callgrind_zero(), Loop($N, F, A), K:callgrind_dump(atom_to_binary(Name)) end
   || _ <- [1, 2], {Name, F, A} <- Cases],
  halt()." >/dev/null 2>&1

valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/sends.%p" \
  --toggle-collect='bench_send_*' $vm -eval "
  Sink = spawn(fun S() -> receive _ -> S() end end),
  [_ = 'Elixir.Kv.Nif':bench_send_ten(Sink, $M, Mode) || Mode <- [0, 1, 2]],
  halt()." >/dev/null 2>&1

mix compile >/dev/null

echo "instructions per call, least of 2 repeats, empty loop subtracted (N = $N):"
for f in "$out"/calls.*; do
  label=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
  total=$(sed -n 's/^totals: //p' "$f")
  [ -n "$label" ] && echo "$label $total"
done | sort | awk -v n=$N '
  { if (!($1 in best) || $2 < best[$1]) best[$1] = $2 }
  END { for (k in best) if (k != "empty") printf "  %-10s %7.1f\n", k, (best[k] - best["empty"]) / n }'
echo "instructions per message sent from a thread (M = $M, inclusive):"
for f in "$out"/sends.*; do
  callgrind_annotate --inclusive=yes "$f" 2>/dev/null | grep -v '^Profiled' | grep -E ':bench_send_' || true
done | awk -v m=$M '{ gsub(",", "", $1); n = $3; sub(/.*:/, "", n); sub(/\..*/, "", n); printf "  %-20s %7.1f\n", n, $1 / m }'
