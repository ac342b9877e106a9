#!/usr/bin/env bash
# Speed (issue 8): the newest reference server against the JDK's own HttpServer, same page, same
# run, a new connection per request (ab without -k), concurrency 1 and 8, the servers taking turns
# round by round. Prints every run's req/s, then the medians and their ratio, and each server's
# CPU time per request (user + system of its whole process, from /proc, during the runs).
#
# A third, bench/FloorServer.java, is not a web server: it answers every connection with bytes
# prepared at the start, without parsing or reading the file. At c=1 its figure is about the most
# that ab, the kernel and the JVM's sockets allow, so the table shows how much room a target
# leaves. (At c=8 it is not an upper bound: see PERFORMANCE.md.)
#
# It measures three times, with the client (ab) and the servers placed on the cores with taskset:
# 1. On one core, the client and the servers taking turns on it. Nothing then waits for another core
#    to wake up, so a request's time is the work done for it: the server's own, and ab's and the
#    kernel's for that server's answers. This is the placement where the servers' difference shows.
#    ab runs as SCHED_BATCH there (chrt -b 0), so that the first bytes of an answer do not let it
#    interrupt the server before the server has finished its turn, as it could not from another
#    machine: that would cost a server that writes its answer in two writes (the JDK's) more.
# 2. The client on a core of its own (ab on CPU 0, the servers on the others), as a load test is
#    meant to run. At c=1 every request then waits twice for this VM to wake the other core (the
#    answer wakes ab, the next connection wakes the server), which costs every server the same.
# 3. The cores shared, as the system schedules them.
# PERFORMANCE.md has the figures of each, and why they differ.
#
#   solutions/robustness/bench/bench.sh [rounds] [requests-per-run]      (defaults: 7 rounds, 10000)
#
# Needs a JDK 17+ and ab (Debian: apache2-utils; installed here if missing and we are root).
# Everything talks to 127.0.0.1 only; every ab run is bounded in requests and time (-n, -t, -s).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-7}
count=${2:-10000}

if ! command -v ab >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q apache2-utils >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q apache2-utils >/dev/null; }
  else
    echo "ab is missing: install Debian's apache2-utils (sudo apt-get install apache2-utils)" >&2; exit 2
  fi
fi

stage=$(ls -d solutions/stage0[4-7]-* | sort | tail -1)
stage=${stage#solutions/}
out=solutions/robustness/target/bench
rm -rf "$out"; mkdir -p "$out/classes"
javac --release 17 -encoding UTF-8 -nowarn -d "$out/classes" $(find "solutions/$stage/src/main/java" -name '*.java')
javac --release 17 -encoding UTF-8 -d "$out/classes" solutions/robustness/bench/JdkServer.java \
  solutions/robustness/bench/FloorServer.java solutions/robustness/bench/BenchOptions.java
root=$(pwd)/$stage/www

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT

start() { # name, command...: starts a server, waits for its address, sets $port
  local name=$1; shift
  "$@" >"$out/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    port=$(grep -o 'http://localhost:[0-9]*/' "$out/$name.log" | head -1 | grep -o '[0-9]*/$' | tr -d / || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "$name did not start:"; cat "$out/$name.log"; exit 1
}

measure() { # port, concurrency -> req/s
  $client ab -q -c "$2" -t 60 -s 5 -n "$count" "http://127.0.0.1:$1/" 2>/dev/null \
    | awk '/^Requests per second/ {print $4} /^Failed requests/ {if ($3 != 0) print "FAILED " $3 > "/dev/stderr"}'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { # pid -> user + system time of the process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

bench() { # title: both servers started afresh with $server in front, then the rounds with $client in front
  echo
  echo "== $1"
  # Both with the same plain JVM settings; the reference server's one log line per request goes to a file.
  # taskset runs the command in its own process, so $! is the server's JVM either way
  start reference $server java -cp "$out/classes" webserver.WebServer --port 0 --root "$root"; ref=$port; ref_pid=${pids[-1]}
  start jdk $server java -cp "$out/classes" JdkServer --port 0 --root "$root"; jdk=$port; jdk_pid=${pids[-1]}
  start floor $server java -cp "$out/classes" FloorServer --port 0 --root "$root"; floor=$port; floor_pid=${pids[-1]}
  # warm-up: every JIT sees the same number of requests before anything is measured
  for c in 1 8; do for p in "$ref" "$jdk" "$floor"; do measure "$p" "$c" >/dev/null; done; done
  declare -A runs cpu
  for r in $(seq "$rounds"); do
    for c in 1 8; do
      # rotate which server goes first, so none always gets the quieter moment
      case $((r % 3)) in
        1) order="ref jdk floor" ;;
        2) order="jdk floor ref" ;;
        *) order="floor ref jdk" ;;
      esac
      for s in $order; do
        case $s in ref) p=$ref; pid=$ref_pid ;; jdk) p=$jdk; pid=$jdk_pid ;; *) p=$floor; pid=$floor_pid ;; esac
        t0=$(cpu_ticks "$pid")
        v=$(measure "$p" "$c")
        t1=$(cpu_ticks "$pid")
        runs[$s,$c]="${runs[$s,$c]:-} $v"
        cpu[$s,$c]="${cpu[$s,$c]:-} $(awk -v t=$((t1 - t0)) -v hz="$ticks_per_second" -v n="$count" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')"
        printf 'round %d  c=%d  %-9s %10s req/s\n' "$r" "$c" "$s" "$v"
      done
    done
  done
  printf '%-12s %14s %14s %8s %14s %10s\n' concurrency "reference" "JDK HttpServer" ratio "FloorServer" "floor/JDK"
  for c in 1 8; do
    a=$(echo "${runs[ref,$c]}" | median); b=$(echo "${runs[jdk,$c]}" | median); f=$(echo "${runs[floor,$c]}" | median)
    # three decimals: rounded to two, 1.196 would print as 1.20x, the target
    printf '%-12s %14.0f %14.0f %7.3fx %14.0f %9.3fx\n' "c=$c" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print a / b}')" \
      "$f" "$(awk -v a="$f" -v b="$b" 'BEGIN {print a / b}')"
  done
  echo "(medians of $rounds runs of $count requests each, a new connection per request)"
  printf '%-12s %14s %14s %8s %14s\n' "CPU/request" "reference" "JDK HttpServer" "JDK/ref" "FloorServer"
  for c in 1 8; do
    a=$(echo "${cpu[ref,$c]}" | median); b=$(echo "${cpu[jdk,$c]}" | median); f=$(echo "${cpu[floor,$c]}" | median)
    printf '%-12s %11.1f us %11.1f us %7.2fx %11.1f us\n' "c=$c" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print b / a}')" "$f"
  done
  echo "(the server's whole process, user + system time, during each run; medians; resolution one clock tick, $((1000 / ticks_per_second)) ms a run: $(awk -v hz="$ticks_per_second" -v n="$count" 'BEGIN {printf "%.1f", 1e6 / hz / n}') us a request)"
  cleanup
}

echo "reference server: solutions/$stage; page: $stage/www/index.html ($(wc -c <"$root/index.html") bytes)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
cores=$(nproc)
if command -v taskset >/dev/null 2>&1; then
  last=$((cores - 1))
  batch=$(command -v chrt >/dev/null 2>&1 && echo "chrt -b 0" || true)
  client="$batch taskset -c $last"; server="taskset -c $last"
  bench "one core (CPU $last) for the client (ab${batch:+, as SCHED_BATCH}) and the servers, taking turns"
  if [ "$cores" -ge 2 ]; then
    others=$([ "$last" = 1 ] && echo 1 || echo "1-$last")
    client="taskset -c 0"; server="taskset -c $others"
    bench "the client (ab) on CPU 0, the servers on CPU $others"
  fi
else
  echo "(no taskset: only the shared-cores figures)"
fi
client=""; server=""
bench "all $cores cores shared by the client and the servers"
