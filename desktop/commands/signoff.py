"""audit, sign, addendum, verify, signers, comments, oversight: the sign-off at the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.errors import UsageProblem


def _audit(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import anchors, trail
    from strategy_minutes.storage import audit

    with opened(args.data_dir) as service:
        trail_id = audit.REGISTER if args.id == audit.REGISTER else service.find_id(args.id)
        entries = audit.entries(service.store.db, trail_id)
        checked = anchors.check(service.store, trail_id) if args.verify else None
    what = "the register of signers" if trail_id == audit.REGISTER else trail_id
    if args.json:
        out: dict[str, Any] = {"meeting_id": trail_id, "entries": [e.__dict__ for e in entries]}
        if checked is not None:
            out["intact"] = not checked.problems
            out["problems"] = checked.problems
            out["notes"] = checked.notes
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif checked is None:
        for e in entries:
            print(trail.line(e))
    if checked is not None:
        for sentence in checked.problems:
            print(sentence, file=sys.stderr)
        if not args.json:
            if not checked.problems:
                print(f"The audit trail of {what} is intact: {len(entries)} entries.")
            for sentence in checked.notes:
                print(sentence)
        return 1 if checked.problems else 0
    return 0


def _sign(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import lifecycle

    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
        try:
            row = lifecycle.sign(service.store, meeting, args.name or "", args.role or "")
        except lifecycle.SignRefused as refused:
            print(f"{refused}", *(f"  - {r}" for r in refused.reasons), sep="\n", file=sys.stderr)
            return 1
        except lifecycle.SignoffProblem as exc:
            raise UsageProblem(str(exc)) from None
    print(lifecycle.signed_sentence(row, meeting.facts["case_reference"] or meeting.id))
    return 0


def _addendum(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import lifecycle

    with opened(args.data_dir) as service:
        meeting_id = service.find_id(args.id)
        try:
            version = lifecycle.open_addendum(service.store, meeting_id, args.reason)
        except lifecycle.SignoffProblem as exc:
            raise UsageProblem(str(exc)) from None
    print(f"Addendum open: changes can be made, then signed as version {version}.")
    return 0


def _what_this_laptop_knows(
    folder: Path,
) -> tuple[list[dict[str, Any]] | None, dict[str, list[dict[str, Any]]]]:
    """The register of trusted signers of the data folder and the versions signed there, when
    there is a store to read; (None, {}) when there is not."""
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.storage import keys, signatures
    from strategy_minutes.storage.lock import AlreadyOpen
    from strategy_minutes.storage.store import StoreProblem

    if not (folder / keys.KEY_FILE).exists():
        return None, {}
    try:
        with opened(folder) as service:
            db = service.store.db
            return signatures.trusted(db), signatures.signed_versions(db)
    except (keys.KeyProblem, StoreProblem, AlreadyOpen) as exc:
        print(
            f"The register of trusted signers in {folder} could not be read: {exc}", file=sys.stderr
        )
        return None, {}


def _verify(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageProblem(f"There is no file {path}.")
    from strategy_minutes.desktop.signoff import verify  # loads the Word reader only when needed

    password = os.environ.get(args.password_env) if args.password_env else None
    if args.password_env and not password:
        raise UsageProblem(f"The environment variable {args.password_env} holds no password.")
    trusted, versions = _what_this_laptop_knows(args.data_dir)
    verdict = verify.verify_document(path, trusted, args.allow_unknown, password, versions)
    if args.json:
        print(
            json.dumps(
                {
                    "file": str(path),
                    "valid": verdict.code == 0,
                    "exit_code": verdict.code,
                    "signer_known": verdict.signer_known,
                    "version": (verdict.record or {}).get("version"),
                    "audience": (verdict.record or {}).get("audience"),
                    "signer": (verdict.record or {}).get("signer"),
                    "signed_by": verdict.signed_by,
                    "messages": verdict.lines,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(*verdict.lines, sep="\n", file=sys.stdout if verdict.code == 0 else sys.stderr)
    return verdict.code


def _signers(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import register as signer_register
    from strategy_minutes.desktop.signoff import rotation
    from strategy_minutes.storage import signatures

    with opened(args.data_dir) as service:
        store = service.store
        try:
            if args.action == "export":
                if not args.out:
                    raise UsageProblem("Say where to write the register: --out FILE.json.")
                count = signer_register.export(store, Path(args.out))
                print(f"Wrote {count} signer(s) to {args.out}.")
            elif args.action == "import":
                if not args.file:
                    raise UsageProblem("Say which register to import: signers import FILE.")
                count, changes = signer_register.import_file(store, Path(args.file), args.replace)
                print(
                    f"Imported {count} signer(s) from {args.file}: {len(changes)} change(s) "
                    "to the register"
                    + (
                        " (" + ", ".join(f"{c.action} {c.signer['name']}" for c in changes) + ")"
                        if changes
                        else ""
                    )
                    + "."
                )
            elif args.action == "new-key":
                from strategy_minutes.desktop.meeting.wording import uk_stamp

                done = rotation.new_key(store)
                retired = uk_stamp(done.retired_at)
                old = (
                    f"; the old key {done.old_fingerprint} is retired from {retired}"
                    " and its earlier signatures still verify"
                    if done.old_fingerprint
                    else ""
                )
                print(f"This laptop now signs with the key {done.key.fingerprint}{old}.")
            else:
                own = signatures.signing_key(store.db, store.protection.store_id)
                for r in signatures.trusted(store.db):
                    mine = own is not None and own["public_key"] == r["public_key"]
                    print(
                        f"{r['fingerprint']}  {signer_register.who(r)}"
                        f"{'  [this laptop]' if mine else ''}"
                    )
        except signer_register.ImportRefused as refused:
            print(refused, file=sys.stderr)
            return 1
        except signer_register.RegisterProblem as exc:
            raise UsageProblem(str(exc)) from None
    return 0


def _comments(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import (
        comments,  # loads the Word exporter only when needed
        trail,
    )

    refused = 0
    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
        store = service.store
        if args.action == "import":
            if not args.files:
                raise UsageProblem("Give the returned review copies to import.")
            for name in args.files:
                try:
                    new, again = comments.import_file(store, meeting, Path(name))
                except comments.CommentProblem as exc:
                    print(exc, file=sys.stderr)
                    refused += 1
                    continue
                print(comments.imported_sentence(Path(name).name, new, again))
        elif args.action == "resolve":
            if len(args.files) != 1 or args.accepted == args.declined:
                raise UsageProblem(
                    "Resolve one comment: comments resolve ID COMMENT_ID "
                    "--accepted|--declined --reason TEXT."
                )
            try:
                comments.resolve(
                    store,
                    meeting.id,
                    args.files[0],
                    comments.ACCEPTED if args.accepted else comments.DECLINED,
                    args.reason or "",
                )
            except comments.CommentProblem as exc:
                raise UsageProblem(str(exc)) from None
        else:
            rows = comments.listing(store, meeting)
            if args.json:
                print(
                    json.dumps(
                        [
                            {
                                k: r[k]
                                for k in (
                                    "id",
                                    "kind",
                                    "item_id",
                                    "where",
                                    "author",
                                    "made_at",
                                    "text",
                                    "quoted",
                                    "source_file",
                                    "resolution",
                                    "reason",
                                    "resolved_at",
                                )
                            }
                            for r in rows
                        ],
                        indent=2,
                        ensure_ascii=False,
                    )
                )
            for r in [] if args.json else rows:
                state = (
                    f"{r['resolution']}" + (f": {r['reason']}" if r["reason"] else "")
                    if r["resolution"]
                    else "OPEN"
                )
                print(
                    f"{r['id']}  {r['made_at'][:10] or '?':10}  {r['author'] or '?'}  "
                    f"[{r['where']}]  {trail.short(r['text'])}  ({state})"
                )
    return 2 if refused else 0


def _oversight(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff import lifecycle, oversight
    from strategy_minutes.storage import signatures

    with opened(args.data_dir) as service:
        meeting_id = service.find_id(args.id)
        if args.note is None and args.name is None:
            for row in signatures.oversight(service.store.db, meeting_id):
                e = json.loads(row["record"])
                print(f"{e['date']}  {e['name']} (on version {e['version']}): {e['note']}")
            return 0
        try:
            entry = oversight.record(
                service.store, meeting_id, args.name or "", args.note or "", args.date
            )
        except lifecycle.SignoffProblem as exc:
            raise UsageProblem(str(exc)) from None
    print(
        f"Recorded and signed {entry['name']}'s oversight of version {entry['version']} on "
        f"{entry['date']}; later copies carry it, and verify lists it."
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "audit",
        help="every change to a meeting (or, with ID 'register', to the register of signers): "
        "who, when, what, old and new",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "--verify",
        action="store_true",
        help="check the hash chain, the content and the signed head; exit 1 saying what is broken",
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_audit)
    p = sub.add_parser(
        "sign",
        help="sign a meeting as the chair (refused while blockers or unresolved comments stand)",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--name", help="the signer's name (default: the meeting's chair)")
    p.add_argument("--role", help="the signer's role (default: the chair's role)")
    p.set_defaults(run=_sign)
    p = sub.add_parser("addendum", help="open a signed meeting for a dated, reasoned change")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", required=True, help="why the signed minutes must change")
    p.set_defaults(run=_addendum)
    p = sub.add_parser(
        "verify",
        help="check a signed .docx: that it is the signed file, who signed what, and whether "
        "a later version exists; exit 0 valid, 1 altered or unknown signer, 2 unreadable",
    )
    p.add_argument("file", metavar="FILE.docx")
    p.add_argument(
        "--allow-unknown",
        action="store_true",
        help="accept a valid signature by a key not in the register of signers",
    )
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="the environment variable holding the copy's password, if it has one",
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_verify)
    p = sub.add_parser("comments", help="comments returned on review copies: import, list, resolve")
    p.add_argument("action", choices=("import", "list", "resolve"))
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE|COMMENT_ID",
        help="returned .docx files to import, or the comment to resolve",
    )
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.add_argument("--accepted", action="store_true", help="the change was made in the app")
    p.add_argument("--declined", action="store_true", help="declined, with --reason")
    p.add_argument("--reason", help="why (required when declined)")
    p.set_defaults(run=_comments)
    p = sub.add_parser(
        "oversight",
        help="record a manager's review of the signed plan as its "
        "own signed entry (without --note: list them)",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--name", help="the manager's name")
    p.add_argument("--note", help="what the manager found and decided")
    p.add_argument("--date", help="the date of the review, yyyy-mm-dd (default: today)")
    p.set_defaults(run=_oversight)
    p = sub.add_parser(
        "signers",
        help="the register of trusted signers: list, export, import; new-key makes this "
        "laptop a new signing key (the old one is retired)",
    )
    p.add_argument("action", choices=("list", "export", "import", "new-key"))
    p.add_argument("file", nargs="?", metavar="FILE.json", help="the register to import")
    p.add_argument("--out", metavar="FILE.json", help="where to export the register")
    p.add_argument(
        "--replace",
        action="store_true",
        help="confirm an import that renames a trusted key or adds a second key under a "
        "trusted name (the name's old key is retired)",
    )
    p.set_defaults(run=_signers)
