"""Command line: ``python -m kasip.labour.coder build --out var/coder.pkl`` builds the coder;
``python -m kasip.labour.coder code --model var/coder.pkl "сварщик 5 разряда" ...`` codes titles
(or lines of standard input) and prints one JSON object per title."""

from __future__ import annotations

import argparse
import json
import sys
import time

from . import CoderFileError, OccupationCoder, reference_dir, training_aliases


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kasip.labour.coder")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="fit the coder and save it as one file")
    build.add_argument("--out", default="var/coder.pkl")
    build.add_argument("--reference", default=None, help="reference directory (default: $KASIP_REFERENCE_DIR or ../shared/data/reference)")
    build.add_argument("--no-reference", action="store_true", help="use only the committed lexicon")
    code = sub.add_parser("code", help="code titles given as arguments or on standard input")
    code.add_argument("--model", default="var/coder.pkl")
    code.add_argument("-k", type=int, default=3)
    code.add_argument("titles", nargs="*")
    args = parser.parse_args(argv)

    if args.command == "build":
        t0 = time.perf_counter()
        ref = None if args.no_reference else reference_dir(args.reference)
        if args.reference and ref is None and not args.no_reference:
            print(f"error: reference directory {args.reference} not found", file=sys.stderr)
            return 2
        aliases = training_aliases(ref)
        coder = OccupationCoder().fit(aliases)
        path = coder.save(args.out)
        print(
            f"coder built from {len(aliases)} aliases ({'reference: ' + str(ref) if ref else 'no reference data'}) "
            f"covering {len(coder.codes_)} unit groups in {time.perf_counter() - t0:.1f} s → {path}"
        )
        return 0

    try:
        coder = OccupationCoder.load(args.model)
    except CoderFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    titles = args.titles or [line.rstrip("\n") for line in sys.stdin]
    for p in coder.code(titles, k=args.k):
        print(json.dumps(p.as_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
