#!/usr/bin/env bash
# Grades every student repository in a folder with YOUR copy of the grading code, and writes one
# CSV for the gradebook: a row per student, each stage's points, the total and the maximum.
#
#   solutions/regrade.sh [--up-to NN] STUDENT_REPOSITORIES_FOLDER [OUTPUT_CSV]     (default: regrade.csv)
#
# --up-to NN grades an assignment of stages 01 to NN (a template made with HandOut.java --up-to NN):
# the later stages are left out of the grading copy, so their starters earn nothing and the maximum
# is that of stages 01 to NN.
#
# Run it from anywhere, as long as it is the copy in a clone of the full workbook (with solutions/):
# it grades with the workbook it belongs to. STUDENT_REPOSITORIES_FOLDER holds one clone per
# student, each in a folder named after the student or the repository (the GitHub CLI's Classroom
# extension makes such a folder: `gh classroom clone student-repos`). For each one, HandOut.java
# writes a fresh students' copy and puts in each stage's src/main/java from that student, and
# nothing else, then `./mvnw -q verify -Pprogress` grades it: checkpoints, labkit and pom files are
# yours, so a student who edited them in their own repository does not change the grade.
#
# A stage whose code is the next stage's starter, file for file (each starter holds the answer to
# the stage before it), is named in the output and the log: see solutions/README.md.
#
# Each student's whole progress table goes to OUTPUT_CSV's folder, in regrade-logs/NAME.txt. A
# grading run takes about half a minute per student on two cores; a repository that cannot be
# graded (not a workbook, code that HandOut cannot copy) gets a row with empty points, its log says
# why, and the script ends with exit code 1 once the CSV is written. Needs a JDK 17+ and Maven
# Central (or the local Maven repository the first run filled).
set -euo pipefail
up_to=()
if [ $# -ge 2 ] && [ "$1" = --up-to ]; then
  if ! [[ $2 =~ ^[0-9]{1,2}$ ]] || [ $((10#$2)) -lt 1 ]; then
    echo "--up-to needs the number of the last stage handed out, such as 03 (not '$2')" >&2
    exit 2
  fi
  up_to=(--up-to "$2")
  shift 2
fi
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -d "$1" ]; then
  echo "usage: solutions/regrade.sh [--up-to NN] STUDENT_REPOSITORIES_FOLDER [OUTPUT_CSV]" >&2
  echo "  grades each student repository in the folder with this workbook's own grading code;" >&2
  echo "  writes one CSV row per student (default regrade.csv) and each one's table to regrade-logs/;" >&2
  echo "  --up-to NN grades stages 01 to NN only, for an assignment that handed out those" >&2
  [ $# -ge 1 ] && [ ! -d "$1" ] && echo "  (there is no folder '$1')" >&2
  exit 2
fi
students=$(cd "$1" && pwd)
output=${2:-regrade.csv}
mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")" # absolute, without GNU's realpath -m (macOS)
workbook=$(cd "$(dirname "$0")/.." && pwd)
logs="$(dirname "$output")/regrade-logs"
mkdir -p "$logs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A name as a CSV field: as it is, or in quotes with any quote doubled if it holds a comma or a quote.
csv_name() {
  case $1 in
    *[,\"]*) local doubled=${1//\"/\"\"}; printf '"%s"' "$doubled" ;;
    *) printf '%s' "$1" ;;
  esac
}

header=""
rows=""
count=0
ungraded=0
empty="@EMPTY@" # where a row without points gets the empty fields of the header's columns
cd "$workbook" # HandOut copies the workbook of the folder it is started in
for repository in "$students"/*/; do
  [ "${repository%/}" = "$logs" ] && continue # this script's own logs, when the CSV goes into that folder
  name=$(basename "$repository")
  count=$((count + 1))
  copy="$work/$name"
  log="$logs/$name.txt"
  printf '%-30s ' "$name"
  if ! ls -d "$repository"stage[0-9][0-9]-*/src/main/java >/dev/null 2>&1; then
    echo "not graded: no stageNN-name/src/main/java in it (is it a clone of a student's workbook?)" | tee "$log"
    rows+="$(csv_name "$name")$empty"$'\n'
    ungraded=$((ungraded + 1))
    continue
  fi
  # (HandOut's "Next: cd ..." is left out of the log: that copy is deleted once graded)
  if ! java solutions/proof/src/main/java/proof/HandOut.java "$copy" --student "$repository" ${up_to[@]+"${up_to[@]}"} 2>&1 | sed '/^Next: cd /d' >"$log" \
      || ! (cd "$copy" && ./mvnw -q verify -Pprogress) >>"$log" 2>&1 \
      || [ ! -f "$copy/target/progress.csv" ]; then
    echo "could not be graded (see $log)"
    rows+="$(csv_name "$name")$empty"$'\n' # a row with no points: the gradebook shows the gap
    ungraded=$((ungraded + 1))
    continue
  fi
  header=$(head -1 "$copy/target/progress.csv")
  row=$(sed -n 2p "$copy/target/progress.csv")
  rows+="$row"$'\n'
  # A stage whose code is the next stage's starter, file for file: the answer every hand-out holds
  # (solutions/README.md, "What the hand-out gives away").
  copied=""
  previous=""
  for stage in stage[0-9][0-9]-*/; do
    stage=${stage%/}
    if [ -n "$previous" ] && diff -rq "$repository$previous/src/main/java" "$stage/src/main/java" >/dev/null 2>&1; then
      copied+=" $previous"
    fi
    previous=$stage
  done
  note=${copied:+"; copied from the next stage's starter, file for file:$copied"}
  echo "$note" | sed -n 's/^; //p' >>"$log"
  echo "$(echo "$row" | awk -F, '{print $(NF-1) " of " $NF " points"}')$note"
  rm -rf "$copy"
done

if [ "$count" = 0 ]; then
  echo "no folders in $students: it should hold one clone per student" >&2
  exit 2
fi
if [ -z "$header" ]; then
  header="repository,total,max"
fi
columns=$(printf '%s\n' "$header" | awk -F, '{print NF}')
commas=$(printf '%*s' $((columns - 1)) '' | tr ' ' ',')
printf '%s\n%s' "$header" "${rows//$empty/$commas}" >"$output"
echo "Wrote $output: $count student folder(s); each one's table is in $logs/"
if [ "$ungraded" -gt 0 ]; then
  echo "$ungraded of them could not be graded: their rows have no points (see their logs)" >&2
  exit 1
fi
