#!/usr/bin/env bash
# Grades every student repository in a folder with YOUR copy of the grading code, and writes one
# CSV for the gradebook: a row per student, each stage's points, the total, the maximum, notes.
#
#   solutions/regrade.sh [--up-to NN] [--grade-from NN] [--sandbox | --no-sandbox]
#                        STUDENT_REPOSITORIES_FOLDER [OUTPUT_CSV]    (default OUTPUT_CSV: regrade.csv)
#
# --up-to NN grades an assignment of stages 01 to NN (a template made with HandOut.java --up-to NN):
# the later stages are left out of the grading copy, so their starters earn nothing and the maximum
# is that of stages 01 to NN. --grade-from NN grades as a template made with --grade-from NN does:
# the stages before NN are not graded, and stage NN counts its whole run (earlier stages'
# checkpoints included), as its classroom.yml does. Give the options the hand-out was made with, or
# fewer stages (--up-to 02 for a first deadline): the script reads the hand-out's from the clones'
# pom.xml files, and stops before grading when it would grade a stage the hand-out does not.
#
# Run it from anywhere, as long as it is the copy in a clone of the full workbook (with solutions/):
# it grades with the workbook it belongs to. STUDENT_REPOSITORIES_FOLDER holds one clone per
# student, each in a folder named after the student or the repository (solutions/README.md shows
# how to clone them from a list of addresses). For each one, HandOut.java
# writes a fresh students' copy and puts in each stage's src/main/java from that student, and
# nothing else, then every stage's checkpoints run and the progress table adds them up:
# checkpoints, labkit and pom files are yours, so a student who edited them in their own repository
# does not change the grade.
#
# A stage whose code is the next stage's starter, file for file (each starter holds the answer to
# the stage before it), is named in the output and the log: see solutions/README.md.
#
# The CSV's second and third columns are the commit graded and its date (empty for a folder that
# is not a git clone): regrade.sh grades what is checked out, so check out the commit due first.
# Its last column, notes, says what a number alone would hide: a stage that did not compile (0),
# one missing from the clone (its starter graded), one copied from the next stage's starter, a
# clone with changes no commit holds, files outside the stages' src/main/java that differ from a
# fresh hand-out, a folder that could not be graded and why.
#
# Grading runs each student's servers, that is, their code. Where bwrap (Debian's bubblewrap) can
# make a sandbox, each stage of each student is graded in one of its own: no network but a
# loopback of its own, your home folder hidden (except Maven's ~/.m2 and a JDK under JAVA_HOME,
# read-only), /tmp, /var/tmp and /run empty (no sockets of your session), and nothing writable but
# those and that stage's target folder. A server then cannot change your files, another student's
# grading, or the reports of the stages graded before it. It can still read what the rest of the
# system lets you read outside your home folder, use memory and time without limit, and tamper
# with its own stage's report while that stage runs. Before the first student, the same build of
# an untouched starter runs in the sandbox, and a failure there stops the script (a JDK or Maven
# repository the sandbox does not see). Without bwrap it runs every student's code as you, with
# your rights, and says so; --sandbox stops instead, --no-sandbox does not try.
# For grades that count, see solutions/README.md, "Grading".
#
# Each student's whole progress table goes to OUTPUT_CSV's folder, in regrade-logs/NAME.txt. A
# grading run takes about 35 seconds per student on two cores (20 without the sandbox); a repository that cannot be
# graded (not a workbook, code that HandOut cannot copy) gets a row with empty points, its log says
# why, and the script ends with exit code 1 once the CSV is written. Needs a JDK 17+ and Maven
# Central (or the local Maven repository the first run filled).
set -euo pipefail
usage() {
  echo "usage: solutions/regrade.sh [--up-to NN] [--grade-from NN] [--sandbox | --no-sandbox] STUDENT_REPOSITORIES_FOLDER [OUTPUT_CSV]" >&2
  echo "  grades each student repository in the folder with this workbook's own grading code;" >&2
  echo "  writes one CSV row per student (default regrade.csv) and each one's table to regrade-logs/;" >&2
  echo "  --up-to NN grades stages 01 to NN only, for an assignment that handed out those;" >&2
  echo "  --grade-from NN grades stage NN (its whole run) and later ones only, as a hand-out made with it;" >&2
  echo "  each stage runs in a sandbox when bwrap can make one: --sandbox insists, --no-sandbox does not try" >&2
}
# An option's stage number (1 to 99, as 03 or 3), or a message and exit code 2.
stage_number() { # option, value, what the number is
  if ! [[ $2 =~ ^[0-9]{1,2}$ ]] || [ $((10#$2)) -lt 1 ]; then
    echo "$1 needs the number of $3, such as 03 (not '$2')" >&2
    exit 2
  fi
}
up_to=()
grade_from=()
sandbox=if-possible
while [ $# -gt 0 ]; do
  case $1 in
    --up-to)
      stage_number --up-to "${2:-}" "the last stage handed out"
      up_to=(--up-to "$2")
      shift 2 ;;
    --grade-from)
      stage_number --grade-from "${2:-}" "the first stage the assignment grades"
      grade_from=(--grade-from "$2")
      shift 2 ;;
    --sandbox) sandbox=required; shift ;;
    --no-sandbox) sandbox=no; shift ;;
    -*) usage; echo "  (there is no option '$1')" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -d "$1" ]; then
  usage
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

# The commit a clone has checked out, and its date, as two CSV fields ("," for a folder that is not
# a git clone). Git is asked to stop at the students' folder (a folder that is no clone must not
# get the commit of a repository around it), and to read clones that belong to another user (as
# in a container running as root).
commit_fields() {
  GIT_CEILING_DIRECTORIES="$students" git -c safe.directory='*' -C "$1" log -1 --format='%H,%cI' 2>/dev/null || echo ","
}

cd "$workbook" # HandOut copies the workbook of the folder it is started in
# The stages this run grades: all of them, or from --grade-from's to --up-to's.
first_graded=$((10#${grade_from[1]:-1}))
stages=(stage[0-9][0-9]-*/)
last_stage=${stages[${#stages[@]}-1]}
last_stage=$((10#${last_stage:5:2}))
last_graded=$((10#${up_to[1]:-$last_stage}))
if [ "$last_graded" -gt "$last_stage" ] || [ "$first_graded" -gt "$last_stage" ]; then
  echo "there is no stage $((last_graded > last_stage ? last_graded : first_graded)): the last stage of this workbook is $last_stage" >&2
  exit 2
fi
if [ "$first_graded" -gt "$last_graded" ]; then
  echo "--grade-from ${grade_from[1]} comes after --up-to ${up_to[1]}: no stage would be graded" >&2
  exit 2
fi
graded_stages=()
for stage in "${stages[@]}"; do
  stage=${stage%/}
  number=$((10#${stage:5:2}))
  if [ "$number" -ge "$first_graded" ] && [ "$number" -le "$last_graded" ]; then
    graded_stages+=("$stage")
  fi
done
handout_options=(${up_to[@]+"${up_to[@]}"} ${grade_from[@]+"${grade_from[@]}"})

# The stages a clone's hand-out holds and grades, as the clone shows them: the first stage its
# progress table grades (progress/pom.xml, HandOut's --grade-from) and its last stage module
# (pom.xml, HandOut's --up-to), as "FIRST LAST" ("03 03"); nothing when the clone does not show them.
made_with() { # repository
  local repository=${1%/} first last
  first=$(sed -n 's/.*<progress.from>\([0-9][0-9]\)<.*/\1/p' "$repository/progress/pom.xml" 2>/dev/null | head -1)
  last=$(sed -n 's/.*<module>stage\([0-9][0-9]\)-.*/\1/p' "$repository/pom.xml" 2>/dev/null | tail -1)
  if [ -n "$first" ] && [ -n "$last" ]; then
    printf '%s %s\n' "$first" "$last"
  fi
}
# HandOut's options for stages FIRST to LAST: "--up-to 03 --grade-from 03", or nothing for all of them.
options_for() { # first last
  local options=()
  [ "$((10#$2))" -lt "$last_stage" ] && options+=(--up-to "$2")
  [ "$((10#$1))" -gt 1 ] && options+=(--grade-from "$1")
  echo ${options[@]+"${options[@]}"}
}
# What most clones were handed out, if most of them agree: the fresh hand-out that each clone is
# compared with below is made as theirs was. A run may grade fewer of those stages (a first
# deadline for stages 01 to 03 of a whole hand-out), but not stages the hand-out does not grade:
# a class graded so gets starters' points, and every student is said to have edited the files
# those options change. Then stop before grading anyone, and say which options to give.
template_options=(${handout_options[@]+"${handout_options[@]}"})
made_withs=$(shopt -s nullglob; for repository in "$students"/*/; do made_with "$repository"; done) # one line per clone read
most_made_with=$(printf '%s\n' "$made_withs" | grep . | sort | uniq -c | sort -rn | sed -n 1p || true)
clones_read=$(printf '%s\n' "$made_withs" | grep -c . || true)
if [ -n "$most_made_with" ]; then
  read -r agreeing made_first made_last <<<"$most_made_with"
  if [ $((2 * agreeing)) -gt "$clones_read" ]; then
    made_options=$(options_for "$made_first" "$made_last")
    if [ "$first_graded" -lt "$((10#$made_first))" ] || [ "$last_graded" -gt "$((10#$made_last))" ]; then
      echo "$agreeing of the $clones_read clones in $students come from a hand-out of stages 01 to $made_last that grades" >&2
      echo "  from stage $made_first on (made with ${made_options:-no options}: their pom.xml files say so), but this run" >&2
      echo "  was given ${handout_options[*]:-no options}: it would grade stages the assignment does not. Give regrade.sh" >&2
      echo "  the options the hand-out was made with (or fewer stages, within those):" >&2
      echo "  solutions/regrade.sh ${made_options:+$made_options }$(printf '%q %q' "$students" "$output")" >&2
      exit 2
    fi
    read -r -a template_options <<<"$made_options"
  fi
fi
# The sandbox (see the top of this file). bwrap may be missing, or unable to make one (in many
# containers): then grading goes on without it, unless --sandbox asked for it.
sandbox_works() {
  command -v bwrap >/dev/null 2>&1 \
    && bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent true >/dev/null 2>&1
}
if [ "$sandbox" != no ]; then
  if sandbox_works; then
    sandbox=yes
  elif [ "$sandbox" = required ]; then
    echo "--sandbox: bwrap is missing or cannot make a sandbox here (Debian: apt-get install bubblewrap;" >&2
    echo "  in a container, run regrade.sh on the host or in a virtual machine instead)" >&2
    exit 2
  else
    sandbox=no
    echo "No sandbox (bwrap is missing or cannot make one here): every student's code runs as you," >&2
    echo "  with your rights. See solutions/README.md, \"Grading\"." >&2
  fi
fi

# Runs a command in the copy, in the sandbox: it may read the copy but change only one folder.
# Hidden or emptied: your home folder (but Maven's ~/.m2 and a JDK under it, read-only), /tmp,
# /var/tmp and /run (where programs of yours listen on sockets: a session's D-Bus, Docker's), the
# network (a loopback of its own) and the other processes. The rest of the system stays readable.
in_sandbox() { # copy, writable folder, command...
  local copy=$1 writable=$2
  shift 2
  local home=()
  if [ -n "${HOME:-}" ] && [ "$HOME" != / ]; then
    home=(--tmpfs "$HOME")
    if [ -d "$HOME/.m2" ]; then
      home+=(--ro-bind "$HOME/.m2" "$HOME/.m2") # Maven's cache and wrapper
    fi
    if [ -n "${JAVA_HOME:-}" ] && [ -d "$JAVA_HOME" ] && [[ $JAVA_HOME == "$HOME"/* ]]; then
      home+=(--ro-bind "$JAVA_HOME" "$JAVA_HOME") # a JDK of SDKMAN's or an IDE's
    fi
  fi
  bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /var/tmp --tmpfs /run \
    ${home[@]+"${home[@]}"} \
    --ro-bind "$copy" "$copy" --bind "$writable" "$writable" \
    --unsetenv DBUS_SESSION_BUS_ADDRESS \
    --unshare-all --die-with-parent --new-session --chdir "$copy" "$@"
}

# Grades a students' copy: every stage's checkpoints, then the progress table (target/progress.csv).
# Fails (and the student's row gets no points) when a stage's build itself failed: a stage that does
# not compile still builds, with no report, and gets 0 points.
grade() { # copy
  local copy=$1
  if [ "$sandbox" = no ]; then
    (cd "$copy" && ./mvnw -q verify -Pprogress -pl "$(IFS=,; echo "${graded_stages[*]}"),progress")
    return
  fi
  # Each stage in a sandbox of its own, offline (Maven's cache was filled before, outside); then
  # the table, outside, with no student code in it. A report older than "since" is not counted.
  local since stage failed=""
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for stage in "${graded_stages[@]}"; do
    mkdir -p "$copy/$stage/target"
    # -Pprogress: failing checkpoints do not fail the build, and the table says what passed
    if ! in_sandbox "$copy" "$copy/$stage/target" ./mvnw -o -q test -Pprogress -pl "$stage"; then
      echo "($stage: its build in the sandbox failed, above: this student could not be graded)"
      failed+=" $stage"
    fi
  done
  (cd "$copy" && ./mvnw -q verify -Pprogress -pl progress -Dprogress.since="$since") && [ -z "$failed" ]
}

if [ "$sandbox" = yes ]; then
  # There is no network in the sandbox: Maven's plugins and libraries are fetched first, outside
  # it, by a build of the first stage's untouched starter (your code, not a student's); then the
  # same build runs in the sandbox, to show it can before any student is graded there.
  echo "Each stage of each student is graded in a sandbox of its own (bwrap)."
  first=${graded_stages[0]}
  java solutions/proof/src/main/java/proof/HandOut.java "$work/prepare" ${handout_options[@]+"${handout_options[@]}"} >"$work/prepare.log" 2>&1 \
    && (cd "$work/prepare" && ./mvnw -q test -Pprogress -pl "$first") >>"$work/prepare.log" 2>&1 \
    || { cat "$work/prepare.log" >&2; echo "Could not prepare Maven for grading offline (above)." >&2; exit 1; }
  rm -f "$work/prepare/$first/target/checkpoint-report.json"
  if ! in_sandbox "$work/prepare" "$work/prepare/$first/target" ./mvnw -o -q test -Pprogress -pl "$first" \
        >>"$work/prepare.log" 2>&1 || [ ! -f "$work/prepare/$first/target/checkpoint-report.json" ]; then
    tail -20 "$work/prepare.log" >&2
    echo "Maven cannot grade in the sandbox (above): it sees only ~/.m2 and JAVA_HOME of your home folder." >&2
    echo "  A Maven repository or a JDK elsewhere in it? Point JAVA_HOME at the JDK, or use --no-sandbox." >&2
    exit 1
  fi
  rm -rf "$work/prepare"
fi

# A fresh hand-out, to compare each student's repository with: the files outside the stages'
# src/main/java that differ (checkpoints, pom files, .mvn/, classroom.yml) could change the grade
# the workflow gave, though not this one, which uses your copies of them. It is made as most clones
# were handed out (above), so that a run of fewer stages does not flag every clone.
java solutions/proof/src/main/java/proof/HandOut.java "$work/template" ${template_options[@]+"${template_options[@]}"} >/dev/null
edited_files() { # template, repository: one path a line, "(deleted)" after one the student removed
  local template=$1 repository=${2%/} line rest path
  # (diff's exit code 1 means "they differ": with pipefail, that must not end the script)
  { diff -rq --exclude=.git --exclude=target "$template" "$repository" 2>/dev/null || true; } | while IFS= read -r line; do
    case $line in
      "Files $template/"*" differ") path=${line#"Files $template/"}; path=${path% differ}; path=${path% and "$repository"/*} ;;
      "Only in $repository"*) rest=${line#"Only in $repository"}; path="${rest%%: *}/${rest#*: }" ;;
      "Only in $template"*) rest=${line#"Only in $template"}; path="${rest%%: *}/${rest#*: } (deleted)" ;;
      *) continue ;;
    esac
    path=${path#/}
    case $path in
      stage[0-9][0-9]-*/src/main/java | stage[0-9][0-9]-*/src/main/java/*) continue ;; # the student's code
      stage[0-9][0-9]-*) [ -d "$template/${path%%/*}" ] || continue ;; # a stage this run does not grade
    esac
    printf '%s\n' "$path"
  done
}

shopt -s nullglob # no student folders: no loop at all, rather than one for a folder named '*'
for repository in "$students"/*/; do
  [ "${repository%/}" = "$logs" ] && continue # this script's own logs, when the CSV goes into that folder
  name=$(basename "$repository")
  count=$((count + 1))
  copy="$work/$count" # not the name: a quote or a space in it would reach Maven's arguments
  log="$logs/$name.txt"
  printf '%-30s ' "$name"
  commit=$(commit_fields "$repository")
  sources=("$repository"stage[0-9][0-9]-*/src/main/java) # none at all, with nullglob
  if [ ${#sources[@]} -eq 0 ]; then
    echo "not graded: no stageNN-name/src/main/java in it (is it a clone of a student's workbook?)" | tee "$log"
    rows+="$(csv_name "$name"),$commit$empty,not graded: no stage folders"$'\n'
    ungraded=$((ungraded + 1))
    continue
  fi
  # (HandOut's "Next: cd ..." is left out of the log: that copy is deleted once graded; the log
  # says how to make one of your own, where a report's "./mvnw test -pl ..." shows the details)
  echo "To see the reports yourself, from $workbook: java solutions/proof/src/main/java/proof/HandOut.java" \
    "../regrade-copy --student $(printf '%q' "${repository%/}")${handout_options[*]+ ${handout_options[*]}}, then ./mvnw test -pl STAGE in ../regrade-copy" >"$log"
  if ! java solutions/proof/src/main/java/proof/HandOut.java "$copy" --student "$repository" ${handout_options[@]+"${handout_options[@]}"} 2>&1 | sed '/^Next: cd /d' >>"$log" \
      || ! grade "$copy" >>"$log" 2>&1 \
      || [ ! -f "$copy/target/progress.csv" ]; then
    echo "could not be graded (see $log)"
    rows+="$(csv_name "$name"),$commit$empty,could not be graded (see its log)"$'\n' # no points: the gradebook shows the gap
    ungraded=$((ungraded + 1))
    continue
  fi
  # progress.csv: "repository,stage01-socket,...,total,max", then the name and the numbers; the
  # commit goes in after the name
  header="$(head -1 "$copy/target/progress.csv" | sed 's/^repository,/repository,commit,commit_date,/'),notes"
  row=$(sed -n 2p "$copy/target/progress.csv")
  points_columns=$(($(head -1 "$copy/target/progress.csv" | awk -F, '{print NF}') - 1)) # all but the name
  numbers=$(printf '%s\n' "$row" | awk -F, -v n="$points_columns" '{ for (i = NF - n + 1; i <= NF; i++) printf ",%s", $i }')
  # A stage whose code is the next stage's starter, file for file: the answer every hand-out holds
  # (solutions/README.md, "What the hand-out gives away").
  copied=""
  previous=""
  for stage in stage[0-9][0-9]-*/; do
    stage=${stage%/}
    if [ -n "$previous" ] && [[ " ${graded_stages[*]} " == *" $previous "* ]] \
        && diff -rq "$repository$previous/src/main/java" "$stage/src/main/java" >/dev/null 2>&1; then
      copied+=" $previous"
    fi
    previous=$stage
  done
  # Every graded stage still its starter, file for file: nothing of the student's own was graded.
  untouched=yes
  for stage in "${graded_stages[@]}"; do
    if ! diff -rq "$repository$stage/src/main/java" "$work/template/$stage/src/main/java" >/dev/null 2>&1; then
      untouched=""
      break
    fi
  done
  # (no commas in the notes: they go into the CSV's last column, where a comma needs quotes)
  note=${copied:+"; copied from the next stage's starter (file for file):$copied"}
  note+=${untouched:+"; every graded stage is its starter as handed out: the points are the given code's"}
  # A stage the student's clone lacks (its starter is graded) or that did not compile (0 points):
  # the log says so, and so does this line, so that it does not pass for a poor score.
  missing=""
  for stage in $(sed -n 's/^ *\(stage[0-9][0-9]-[a-z]*\): no src\/main\/java in the student.s repository.*/\1/p' "$log"); do
    if [[ " ${graded_stages[*]} " == *" $stage "* ]]; then # a stage this run does not grade is no gap
      missing+="$stage "
    fi
  done
  broken=$(sed -n 's/^ *\(stage[0-9][0-9]-[a-z]*\) .*did not run: does it compile.*/\1/p' "$log" | tr '\n' ' ')
  note+=${missing:+"; missing (its starter was graded): ${missing% }"}
  note+=${broken:+"; did not compile (0 points): ${broken% }"}
  if [ "$commit" = "," ]; then
    note+="; no commit recorded (not a git clone)"
  elif [ -n "$(git -c safe.directory='*' -C "$repository" status --porcelain 2>/dev/null)" ]; then
    note+="; the clone has changes no commit holds (graded as they are)"
  fi
  edited=$(edited_files "$work/template" "$repository")
  if [ -n "$edited" ]; then
    {
      echo "Differs from a fresh hand-out, outside the stages' src/main/java (not graded here: your copies were used):"
      printf '%s\n' "$edited" | sed 's/^/  /'
    } >>"$log"
    shown=$(printf '%s\n' "$edited" | sed -n 1,3p | paste -sd ' ' -) # sed reads it all: no SIGPIPE under pipefail
    more=$(($(printf '%s\n' "$edited" | wc -l) - 3))
    if [ "$more" -gt 0 ]; then
      shown+=" (and $more more: see the log)"
    fi
    note+="; differs from a fresh hand-out outside src/main/java: $shown"
  fi
  notes=${note#; }
  if [ -n "$notes" ]; then
    printf '%s\n' "${notes//; /$'\n'}" >>"$log" # one note a line (bash, not sed: macOS's sed has no \n)
  fi
  rows+="$(csv_name "$name"),$commit$numbers,$(csv_name "$notes")"$'\n' # the notes too: a 0 that did not compile is no honest 0
  echo "$(echo "$row" | awk -F, '{print $(NF-1) " of " $NF " points"}')$note"
  rm -rf "$copy"
done

if [ "$count" = 0 ]; then
  echo "no folders in $students: it should hold one clone per student" >&2
  exit 2
fi
if [ -z "$header" ]; then
  header="repository,commit,commit_date,total,max,notes"
fi
columns=$(printf '%s\n' "$header" | awk -F, '{print NF}')
commas=$(printf '%*s' $((columns - 4)) '' | tr ' ' ',') # after the name, the commit and its date; before the notes
printf '%s\n%s' "$header" "${rows//$empty/$commas}" >"$output"
echo "Wrote $output: $count student folder(s); each one's table is in $logs/"
if [ "$ungraded" -gt 0 ]; then
  echo "$ungraded of them could not be graded: their rows have no points (see their logs)" >&2
  exit 1
fi
