#!/usr/bin/env bash
# Checks every example solution against its problem, bare (no sandbox).
#
#   examples/verify.sh                 # all problems
#   examples/verify.sh aplusb kattis-hello
#
# Solutions live in examples/solutions/<problem>/<EXPECTED>/<file>; the problem
# package is examples/problems/<problem> or, for the real packages,
# $SHARED_PROBLEMS/<problem> (default ../shared/problems beside the repository; skipped when absent).
#
# Expected verdict folders:
#   AC       accepted on every test case
#   WA       exits 0 on every test case, wrong answer on at least one
#   PARTIAL  accepted on some test cases, not on others (group breakdown printed)
#   TLE      killed by the 2 s timeout on at least one test case
#   RE       non-zero exit (or killed by a signal) on at least one test case
#   CE       does not compile
#
# Output is compared with examples/compare.py (whitespace-insensitive tokens,
# plus the problem's validator_flags, e.g. float_tolerance 1e-6).
# Exit code: 0 if every solution behaved as expected, 1 otherwise.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHARED=${SHARED_PROBLEMS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/problems}
PY=/usr/bin/python3
RUSTC=$(command -v rustc || echo /root/.cargo/bin/rustc)
COMPARE="$HERE/compare.py"
TLE_TIMEOUT=2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/verify.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

total=0
good=0
bad=0
skipped=0
failures=()

signal_name() { # exit code -> "exit N" or "SIGxxx"
    local rc=$1
    if ((rc > 128 && rc < 160)); then
        echo "SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))"
    else
        echo "exit $rc"
    fi
}

# Some packages store symbolic links as plain files whose whole content is the
# relative link target (e.g. kattis-oddecho/data/secret/subtask2/1.in contains
# "../subtask1/1.in"). Print the path of the file that really holds the data.
resolve() {
    local f=$1 content
    if (($(wc -c <"$f") < 256 && $(wc -l <"$f") == 0)); then
        content=$(cat "$f")
        if [[ $content == */* && ( $content == *.in || $content == *.ans ) && -f "$(dirname "$f")/$content" ]]; then
            echo "$(dirname "$f")/$content"
            return
        fi
    fi
    echo "$f"
}

# compile SRC DIR: builds into DIR, sets RUN (array) or returns 1 with the
# compiler output in DIR/compile.log.
compile() {
    local src=$1 dir=$2 cls
    RUN=()
    case "$src" in
        *.c)
            gcc -O2 -std=gnu11 -o "$dir/prog" "$src" -lm >"$dir/compile.log" 2>&1 || return 1
            RUN=("$dir/prog") ;;
        *.cpp)
            g++ -O2 -std=gnu++17 -o "$dir/prog" "$src" >"$dir/compile.log" 2>&1 || return 1
            RUN=("$dir/prog") ;;
        *.py)
            # syntax check only (py_compile would leave __pycache__ next to the source)
            "$PY" -c 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")' "$src" \
                >"$dir/compile.log" 2>&1 || return 1
            RUN=("$PY" "$src") ;;
        *.js)
            node --check "$src" >"$dir/compile.log" 2>&1 || return 1
            RUN=(node "$src") ;;
        *.java)
            # javac wants the file named after its public class.
            cls=$(grep -oP '^\s*public\s+(final\s+|abstract\s+)*class\s+\K[A-Za-z_$][A-Za-z0-9_$]*' "$src" | head -n1)
            cls=${cls:-Main}
            mkdir -p "$dir/java"
            cp "$src" "$dir/java/$cls.java"
            javac -encoding UTF-8 -d "$dir/java" "$dir/java/$cls.java" >"$dir/compile.log" 2>&1 || return 1
            RUN=(java -cp "$dir/java" "$cls") ;;
        *.rs)
            "$RUSTC" -O --edition 2021 -o "$dir/prog" "$src" >"$dir/compile.log" 2>&1 || return 1
            RUN=("$dir/prog") ;;
        *)
            echo "unknown language: $src" >"$dir/compile.log"
            return 1 ;;
    esac
}

check_solution() { # problem_dir expected src flags timelimit
    local pdir=$1 expected=$2 src=$3 flags=$4 tl=$5
    local rel=${src#"$HERE/solutions/"}
    local dir="$WORK/$total"
    mkdir -p "$dir"
    total=$((total + 1))

    local ok=0 detail=""
    if ! compile "$src" "$dir"; then
        if [[ $expected == CE ]]; then
            ok=1
            detail="compile error: $(grep -m1 -E '(^|[[:space:]])error(\[|:)' "$dir/compile.log" | sed 's/^.*[[:space:]]error/error/' | cut -c1-80)"
        else
            detail="compile error: $(head -c 300 "$dir/compile.log" | tr '\n' ' ')"
        fi
        report "$ok" "$rel" "$detail"
        return
    fi
    if [[ $expected == CE ]]; then
        report 0 "$rel" "compiled, but a compile error was expected"
        return
    fi

    local limit=$((2 * tl))
    ((limit < 2)) && limit=2
    [[ $expected == TLE ]] && limit=$TLE_TIMEOUT

    local n=0 n_ac=0 n_wa=0 n_re=0 n_tle=0 first_bad="" max_ms=0
    local -A group_total=() group_ac=()
    local in ans rin rans group rc t0 t1 ms verdict reason
    while IFS= read -r in; do
        ans=${in%.in}.ans
        [[ -f $ans ]] || continue
        rin=$(resolve "$in")
        rans=$(resolve "$ans")
        group=$(dirname "${in#"$pdir/data/"}")
        n=$((n + 1))
        t0=$(date +%s%N)
        # (subshell: keeps bash's "Floating point exception" notices out of the report)
        (timeout -k 1 "$limit" "${RUN[@]}" <"$rin" >"$dir/out" 2>"$dir/err") 2>/dev/null
        rc=$?
        t1=$(date +%s%N)
        ms=$(((t1 - t0) / 1000000))
        ((ms > max_ms)) && max_ms=$ms
        if ((rc == 124 || rc == 137)); then
            verdict=TLE
            reason="timeout ${limit}s"
            n_tle=$((n_tle + 1))
        elif ((rc != 0)); then
            verdict=RE
            reason=$(signal_name "$rc")
            n_re=$((n_re + 1))
        elif cmp -s "$dir/out" "$rans" || reason=$("$PY" "$COMPARE" "$rans" "$dir/out" $flags); then
            verdict=AC
            n_ac=$((n_ac + 1))
            group_ac[$group]=$((${group_ac[$group]:-0} + 1))
        else
            verdict=WA
            n_wa=$((n_wa + 1))
        fi
        group_total[$group]=$((${group_total[$group]:-0} + 1))
        if [[ $verdict != AC && -z $first_bad ]]; then
            first_bad="${in#"$pdir/data/"}: $verdict ($reason)"
        fi
        # A TLE example only needs to be caught once; don't wait on every test.
        [[ $expected == TLE && $verdict == TLE ]] && break
        [[ $expected == RE && $verdict == RE ]] && break
    done < <(find "$pdir/data" -name '*.in' | sort)

    local counts="$n_ac/$n accepted"
    ((n_wa)) && counts+=", $n_wa WA"
    ((n_re)) && counts+=", $n_re RE"
    ((n_tle)) && counts+=", $n_tle TLE"
    counts+=", max ${max_ms} ms"
    case "$expected" in
        AC) ((n > 0 && n_ac == n)) && ok=1; detail="$counts${first_bad:+; first failure: $first_bad}" ;;
        WA) ((n_wa > 0 && n_re == 0 && n_tle == 0)) && ok=1; detail="$counts${first_bad:+; first failure: $first_bad}" ;;
        TLE) ((n_tle > 0)) && ok=1; detail="$counts${first_bad:+; $first_bad}" ;;
        RE) ((n_re > 0)) && ok=1; detail="$counts${first_bad:+; $first_bad}" ;;
        PARTIAL)
            ((n_ac > 0 && n_ac < n)) && ok=1
            local g passed="" failed=""
            for g in $(printf '%s\n' "${!group_total[@]}" | sort); do
                if [[ ${group_ac[$g]:-0} == "${group_total[$g]}" ]]; then passed+=" $g"; else failed+=" $g(${group_ac[$g]:-0}/${group_total[$g]})"; fi
            done
            detail="$counts; groups passed:${passed:- none}; failed:${failed:- none}" ;;
        *) detail="unknown expected verdict folder '$expected'" ;;
    esac
    report "$ok" "$rel" "$detail"
}

report() { # ok rel detail
    if [[ $1 == 1 ]]; then
        good=$((good + 1))
        printf '  ok    %-55s %s\n' "$2" "$3"
    else
        bad=$((bad + 1))
        failures+=("$2")
        printf '  FAIL  %-55s %s\n' "$2" "$3"
    fi
}

problems=("$@")
if ((${#problems[@]} == 0)); then
    for d in "$HERE"/solutions/*/; do problems+=("$(basename "$d")"); done
fi

for p in "${problems[@]}"; do
    if [[ -d "$HERE/problems/$p" ]]; then
        pdir="$HERE/problems/$p"
    elif [[ -d "$SHARED/$p" ]]; then
        pdir="$SHARED/$p"
    else
        echo "== $p: no package found in examples/problems or $SHARED, skipped"
        skipped=$((skipped + 1))
        continue
    fi
    if [[ -f "$pdir/function.yaml" ]]; then
        # Function problems need the judge's harness (a driver around the function): the e2e spec
        # apps/judge/test/function-problems.e2e-spec.ts and the demo judge these solutions.
        echo "== $p: a function problem (function.yaml), judged by the e2e tests and the demo, skipped"
        skipped=$((skipped + 1))
        continue
    fi
    if [[ -f "$pdir/problem.yaml" ]] && grep -Eq '^(type:.*interactive|validation:.*interactive)' "$pdir/problem.yaml"; then
        # Interactive problems need the validator at the other end of two pipes: the e2e spec
        # apps/judge/test/interactive.e2e-spec.ts and the demo judge these solutions.
        echo "== $p: an interactive problem, judged by the e2e tests and the demo, skipped"
        skipped=$((skipped + 1))
        continue
    fi
    flags=""
    if [[ -f "$pdir/problem.yaml" ]]; then
        flags=$(sed -n "s/^validator_flags:[[:space:]]*//p" "$pdir/problem.yaml" | tr -d "'\"")
    fi
    tl=1
    # seconds, possibly fractional: round up
    [[ -f "$pdir/.timelimit" ]] && tl=$(awk 'NR == 1 { t = $1 + 0; printf "%d", (t == int(t)) ? t : int(t) + 1 }' "$pdir/.timelimit")
    tl=${tl:-1}
    ntests=$(find "$pdir/data" -name '*.in' | wc -l)
    echo "== $p ($pdir; $ntests tests; time limit ${tl}s${flags:+; validator_flags: $flags})"
    for vdir in "$HERE/solutions/$p"/*/; do
        expected=$(basename "$vdir")
        for src in "$vdir"*; do
            [[ -f $src ]] || continue
            [[ $src == *.md || $src == *.txt ]] && continue
            check_solution "$pdir" "$expected" "$src" "$flags" "$tl"
        done
    done
done

echo
skipnote=""
((skipped > 0)) && skipnote=", $skipped problems skipped (no package)"
echo "Summary: $total solutions checked, $good as expected, $bad not as expected$skipnote."
if ((bad > 0)); then
    printf '  not as expected: %s\n' "${failures[@]}"
    exit 1
fi
exit 0
