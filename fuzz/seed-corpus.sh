#!/bin/sh
# Builds the seed corpus of each fuzz target under fuzz/corpus/<target>/ (git-ignored)
# from the project's sample articles: examples/articles/*.txt whole, and the
# sentences of examples/devset/articles/*.txt. Nothing is committed; run it before
# fuzzing (`make fuzz` does). Existing corpus files, found by earlier runs, are kept.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus"
mkdir -p "$corpus/extractor" "$corpus/numbers" "$corpus/dates"

# One sentence a line: line breaks joined, then a break after each full stop,
# question or exclamation mark (and the closing quotes after it).
sentences() {
    { tr '\r\n' '  ' <"$1"; echo; } | sed 's/\([.!?]["”’]*\)  */\1\
/g'
}

# Writes the lines of stdin that match $3 as files $1/$2-NNN; for the date target,
# each with one of the five-byte headers below in front (see fuzz_targets/dates.rs).
split_into() {
    dir=$1 prefix=$2 pattern=$3 headers=${4:-}
    n=0
    grep -E "$pattern" | while IFS= read -r line; do
        n=$((n + 1))
        file=$(printf '%s/%s-%03d' "$dir" "$prefix" "$n")
        if [ -n "$headers" ]; then
            # Round robin over the reference dates.
            h=$(printf '%s\n' "$headers" | tr ' ' '\n' | sed -n "$((n % 6 + 1))p")
            printf "$h" >"$file"
            printf '%s' "$line" >>"$file"
        else
            printf '%s' "$line" >"$file"
        fi
    done
}

# Reference dates for the date target, as octal escapes: a day (2024-06-27), a
# month (2023-03), a year (2022), none, and days near chrono's last and first day.
DATE_HEADERS='\004\064\061\063\112 \005\136\057\025\207 \006\250\055\101\003 \000\000\000\000\000 \034\000\001\000\000 \030\000\001\000\000'
NUMBER_WORDS='[0-9]|\b([Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve|[Tt]wenty|[Hh]undred|[Tt]housand|[Dd]ozens?|[Ss]everal|[Ss]cores)\b'
DATE_WORDS='[0-9]|\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|ago|last|earlier|since|year|month|week|night|morning)\b'

for f in "$root"/examples/articles/*.txt; do
    name=$(basename "$f" .txt)
    cp "$f" "$corpus/extractor/article-$name"
    sentences "$f" | split_into "$corpus/numbers" "article-$name" "$NUMBER_WORDS"
    sentences "$f" | split_into "$corpus/dates" "article-$name" "$DATE_WORDS" "$DATE_HEADERS"
done
for f in "$root"/examples/devset/articles/*.txt; do
    name=$(basename "$f" .txt)
    sentences "$f" | split_into "$corpus/extractor" "devset-$name" '[[:alnum:]]'
    sentences "$f" | split_into "$corpus/numbers" "devset-$name" "$NUMBER_WORDS"
    sentences "$f" | split_into "$corpus/dates" "devset-$name" "$DATE_WORDS" "$DATE_HEADERS"
done
for t in extractor numbers dates; do
    echo "fuzz/corpus/$t: $(ls "$corpus/$t" | wc -l) files"
done
