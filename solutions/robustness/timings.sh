#!/usr/bin/env bash
# A student's verdict time and the maintainers' proof time (issue 8), printed as figures.
#
#   solutions/robustness/timings.sh [runs]        (default 5 runs; needs one online build first)
#
# 1. `./mvnw -o -q test -pl STAGE -Psolution` for the newest stage, against an empty module with
#    one trivial JUnit test (made in a temporary folder, same Maven, same JUnit and plugins),
#    alternating, RUNS times each; medians and the ratio. The empty module is measured twice: with
#    Maven's defaults (the same wrapper, so the same Maven, but no .mvn/jvm.config), and with this
#    workbook's .mvn/jvm.config too (its JVM flags speed up any Maven run, the empty one's as well).
# 2. Each stage's checkpoints, their own time: the run's wall time in target/checkpoint-report.json
#    ("millis" at the top: from the run's start, when JUnit opens its session, to its last result;
#    the checkpoints run on up to three copies of the server at once, so this is what a student
#    waits), and the sum of the checkpoints' own millis (more than the wall time: the lanes overlap).
#    Surefire's time for the test class no longer tells it: the run starts before the class does.
# 2b. Each stage's starter, as a student runs it (`./mvnw -o -q test -pl STAGE`, failing where its
#    TODOs are), right after part 2 ran the solution: Maven compiles the stage's sources again, as
#    after a student's edit. The wall time, once each, and the run's own time from its report.
# 3. The maintainers' proof, `./mvnw -o -q verify -Psolution` (no browser, no robustness), once,
#    and where its time goes (Surefire's per-class times).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
stage=$(ls -d stage0[1-7]-* | sort | tail -1)
now() { date +%s.%N; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
surefire=$(grep -A1 '<artifactId>maven-surefire-plugin</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -1)
compiler=$(grep -A1 '<artifactId>maven-compiler-plugin</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -1)
resources=$(grep -A1 '<artifactId>maven-resources-plugin</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -1)
empty=$(mktemp -d)
tuned=$(mktemp -d)
trap 'rm -rf "$empty" "$tuned"' EXIT
mkdir -p "$empty/.mvn" "$empty/src/test/java"
cp -r mvnw "$empty"/
cp -r .mvn/wrapper "$empty/.mvn/"
cat >"$empty/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>timing</groupId><artifactId>empty</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
      <version>$junit</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><artifactId>maven-surefire-plugin</artifactId><version>$surefire</version></plugin>
    <plugin><artifactId>maven-compiler-plugin</artifactId><version>$compiler</version></plugin>
    <plugin><artifactId>maven-resources-plugin</artifactId><version>$resources</version></plugin>
  </plugins></build>
</project>
POM
cat >"$empty/src/test/java/TrivialTest.java" <<'JAVA'
class TrivialTest {
    @org.junit.jupiter.api.Test
    void passes() {
        org.junit.jupiter.api.Assertions.assertEquals(2, 1 + 1);
    }
}
JAVA
cp -r "$empty"/. "$tuned"/
cp .mvn/jvm.config .mvn/maven.config "$tuned/.mvn/"
(cd "$empty" && ./mvnw -q test >/dev/null 2>&1) || { echo "the empty module does not build (run once online first?)"; exit 1; }
(cd "$tuned" && ./mvnw -q test >/dev/null 2>&1) || { echo "the empty module does not build with .mvn/jvm.config"; exit 1; }
./mvnw -o -q test -pl "$stage" -Psolution >/dev/null 2>&1 || { echo "$stage -Psolution fails: fix that first"; exit 1; }

echo "== 1. A student's verdict: $stage -Psolution against an empty module, $runs runs each, alternating"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
s_all=""; e_all=""; t_all=""
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
for r in $(seq "$runs"); do
  t0=$(now); ./mvnw -o -q test -pl "$stage" -Psolution >/dev/null 2>&1; t1=$(now)
  (cd "$empty" && ./mvnw -o -q test >/dev/null 2>&1); t2=$(now)
  (cd "$tuned" && ./mvnw -o -q test >/dev/null 2>&1); t3=$(now)
  s=$(secs "$t0" "$t1"); e=$(secs "$t1" "$t2"); t=$(secs "$t2" "$t3")
  s_all="$s_all $s"; e_all="$e_all $e"; t_all="$t_all $t"
  echo "run $r: $stage ${s} s, empty module ${e} s (Maven's defaults), ${t} s (with this workbook's .mvn/jvm.config)"
done
sm=$(echo "$s_all" | median); em=$(echo "$e_all" | median); tm=$(echo "$t_all" | median)
printf 'median: %s %.2f s; empty module %.2f s with Maven'"'"'s defaults: ratio %.2fx (target 1.3x)\n' \
  "$stage" "$sm" "$em" "$(awk -v a="$sm" -v b="$em" 'BEGIN {print a / b}')"
printf '        empty module %.2f s with this workbook'"'"'s .mvn/jvm.config too: ratio %.2fx\n' \
  "$tm" "$(awk -v a="$sm" -v b="$tm" 'BEGIN {print a / b}')"

echo
echo "== 2. Each stage's checkpoints, their own time (target: under 2 s)"
printf '%-22s %12s %16s %16s\n' stage checkpoints "own time" "sum of millis"
for s in $(ls -d stage0[1-7]-* | sort); do
  ./mvnw -o -q test -pl "$s" -Psolution >/dev/null 2>&1 || true
  report="$s/target/checkpoint-report.json"
  sum=$(grep '^ *{"id"' "$report" | grep -o '"millis": *[0-9]*' | grep -o '[0-9]*$' | awk '{t += $1} END {printf "%.2f", t / 1000}')
  n=$(grep -c '^ *{"id"' "$report")
  wall=$(grep -m1 '^  "millis"' "$report" | grep -o '[0-9]*' | awk '{printf "%.2f", $1 / 1000}')
  printf '%-22s %12s %14s s %14s s\n' "$s" "$n" "$wall" "$sum"
done

echo
echo "== 2b. A student's run of each starter, failing where its TODOs are, just after an edit (sources compiled again; once each)"
printf '%-22s %12s %12s %16s\n' stage "wall time" checkpoints "the run's time"
for s in $(ls -d stage0[1-7]-* | sort); do
  t0=$(now); ./mvnw -o -q test -pl "$s" >"$empty/starter.log" 2>&1 || true; t1=$(now)
  report="$s/target/checkpoint-report.json"
  passed=$(grep -o '[0-9]* of [0-9]* checkpoints passed' "$empty/starter.log" | head -1 | cut -d' ' -f1,3)
  wall=$(grep -m1 '^  "millis"' "$report" | grep -o '[0-9]*' | awk '{printf "%.2f", $1 / 1000}')
  printf '%-22s %10s s %12s %14s s\n' "$s" "$(secs "$t0" "$t1")" "${passed/ / of }" "$wall"
done

echo
echo "== 3. The maintainers' proof: ./mvnw -o -q verify -Psolution (no browser, no robustness)"
t0=$(now); ./mvnw -o -q verify -Psolution >/dev/null 2>&1 && ok=passed || ok=FAILED; t1=$(now)
printf 'wall time %.1f s (%s; target under 90 s)\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$ok"
echo "where it goes (Surefire's time per test class, longest first):"
for f in labkit/target/surefire-reports/TEST-*.xml checkpoints/target/surefire-reports/TEST-*.xml stage0*/target/surefire-reports/TEST-*.xml \
         progress/target/surefire-reports/TEST-*.xml solutions/proof/target/surefire-reports/TEST-*.xml; do
  [ -f "$f" ] || continue
  t=$(grep -o 'testsuite [^>]*' "$f" | grep -o ' time="[0-9.]*"' | grep -o '[0-9.]*' | head -1)
  printf '%8.1f s  %s\n' "$t" "$(dirname "$(dirname "$(dirname "$f")")")/$(basename "$f" .xml | sed 's/^TEST-//')"
done | sort -rg | head -15
