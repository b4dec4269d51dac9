"""The story and search subcommands: stories, story, search, eval stories, eval search."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from ..errors import UsageError
from ..resources import Resources
from .terminal import error, say

__all__ = ["cmd_stories", "cmd_story", "cmd_search", "cmd_eval_stories", "cmd_eval_search"]


def _open(args: Namespace):
    from ..corpus import Corpus

    return Corpus(args.db, resources=Resources(), create=False)


def cmd_stories(args: Namespace) -> int:
    from .commands import emit_json

    with _open(args) as corpus:
        rebuilt = corpus.rebuild_stories(quiet=args.quiet) if args.rebuild else None
        listed = corpus.stories(
            lang=args.lang,
            since=args.since,
            min_languages=args.min_languages,
            limit=args.limit,
            offset=args.offset,
            order=args.order,
        )
        total = corpus.story_count()
    if args.json:
        emit_json({"stories": listed, "total": total, "db": str(args.db), **({"rebuilt": rebuilt} if rebuilt else {})})
        return 0
    if rebuilt:
        error(f"{args.db}: rebuilt {rebuilt['stories']} stories from {rebuilt['articles']} articles")
    for s in listed:
        langs = " ".join(f"{lang}:{n}" for lang, n in s["languages"].items())
        span = _span(s["first_seen"], s["last_seen"])
        say(f"{s['id']:>6}  {s['articles']:>4} art.  {langs:<24} {span:<23} {s['title'] or ''}")
    say(f"{len(listed)} of {total} stories")
    return 0


def cmd_story(args: Namespace) -> int:
    from .commands import emit_json

    with _open(args) as corpus:
        story = corpus.story(args.id, lang=args.lang)
        if story is None:
            raise UsageError(f"{args.db}: no story {args.id}")
        compared = _compare_members(corpus, story, args.compare) if args.compare else None
    if args.json:
        emit_json({**story, **({"compare": compared.to_dict()} if compared else {})})
        return 0
    langs = ", ".join(f"{lang} {n}" for lang, n in story["languages"].items())
    say(f"story {story['id']}: {story['title'] or '(untitled)'}")
    say(f"  {story['size']} articles ({langs}); {_span(story['first_seen'], story['last_seen'])}")
    if story["entities"]:
        say(f"  names, places, figures: {', '.join(story['entities'])}")
    for member in story["articles"]:
        say(f"  {member['id']}  [{member['lang']}]  {member['title'] or ''}")
        say(f"      {_why(member['why'])}")
    if compared:
        from .render import render_comparison

        say(render_comparison(compared, args.compare[0], args.compare[1]))
    return 0


def _compare_members(corpus, story: dict, ids: list[str]):
    from ..api import compare

    members = {m["id"] for m in story["articles"]}
    for id in ids:
        if id not in members:
            raise UsageError(f"{id}: not a member of story {story['id']}")
    texts = []
    for id in ids:
        stored = corpus.store.by_id(id)
        texts.append(((stored.title + "\n\n") if stored.title else "") + "\n\n".join(stored.paragraphs))
    return compare(texts[0], texts[1], resources=corpus.resources)


def cmd_search(args: Namespace) -> int:
    from .commands import emit_json

    with _open(args) as corpus:
        result = corpus.search(args.query, lang=args.lang, limit=args.limit)
    if args.json:
        emit_json(result.to_dict())
        return 0
    if not result.articles:
        say("nothing found")
        return 0
    for hit in result.articles:
        story = f"  story {hit.story}" if hit.story is not None else ""
        say(f"{hit.score:5.2f}  {hit.id}  [{hit.lang}]{story}  {hit.title or ''}")
        say(f"       {hit.sentence}")
    if result.stories:
        say("stories:")
        for s in result.stories:
            say(f"{s.score:5.2f}  story {s.id}  {s.title or ''}")
    return 0


def cmd_eval_search(args: Namespace) -> int:
    from ..evaluation.search_eval import evaluate_search, render_search_report
    from .commands import emit_json

    report = evaluate_search(Path(args.file), Resources(), limit=args.limit, quiet=args.quiet)
    emit_json(report) if args.json else say(render_search_report(report))
    return 0


def cmd_eval_stories(args: Namespace) -> int:
    from ..evaluation.stories_eval import evaluate_stories, render_stories_report
    from .commands import emit_json

    report = evaluate_stories(Path(args.file), Resources(), shuffles=args.shuffles, quiet=args.quiet)
    emit_json(report) if args.json else say(render_stories_report(report))
    return 0


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "no dates"
    return first[:10] if not last or last[:10] == first[:10] else f"{first[:10]} .. {last[:10]}"


def _why(why: dict) -> str:
    """Why a member is in its story, in words."""
    kind = why.get("kind")
    if kind == "new":
        return "opened the story" + (f" (best other story scored {why['score']:.2f})" if "score" in why else "")
    if kind == "duplicate":
        cls = why.get("detail", {}).get("class", "copy")
        return f"a {cls} of {', '.join(why.get('matched', []))}"
    parts = [f"joined (judge {why.get('score', 0):.2f})"]
    if why.get("matched"):
        parts.append(f"nearest member {why['matched'][0]}")
    if "similarity" in why:
        parts.append(f"similarity {why['similarity']:.2f} ({why.get('space', '')})")
    if "coverage" in why:
        parts.append(f"{why['coverage']:.0%} aligned")
    shared = [*why.get("shared_names", []), *why.get("shared_places", [])]
    if shared:
        parts.append("shared: " + ", ".join(shared[:6]))
    facts = [*why.get("shared_numbers", []), *why.get("shared_dates", [])]
    if facts:
        parts.append("same figures/dates: " + ", ".join(facts[:6]))
    return "; ".join(parts)
