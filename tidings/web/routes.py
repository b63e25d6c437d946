"""The HTTP API: /api/events, /api/articles, /api/actors, /api/dyads, /api/timeline, ...

Every read is a GET answering JSON (or, with `format`, a download of the same rows);
the one write is POST /api/articles, which needs `Authorization: Bearer <token>`.
The same routes answer under /api/v1 (the versioned contract) and /api.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..errors import TidingsError
from . import queries
from .detail import event_detail
from .filters import BadParameter, EventQuery, after_cursor, where
from .formats import MEDIA, chunks, feature
from .state import WebState
from .writes import MAX_BODY, ORIGIN, BadArticle, store_article

Text = Annotated[str | None, Query(max_length=200)]


def web(request: Request) -> WebState:
    return request.app.state.web


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def can_read(request: Request) -> None:
    state = web(request)
    if state.guard_reads and not state.authorized(request.headers.get("authorization")):
        raise _unauthorized("reads on this server need Authorization: Bearer <token>")


def can_write(request: Request) -> None:
    state = web(request)
    if state.token is None:
        raise _unauthorized("writes are disabled: the server has no token "
                            "(set TIDINGS_TOKEN or --token-file)")
    if not state.authorized(request.headers.get("authorization")):
        raise _unauthorized("writes need Authorization: Bearer <token>")


def event_query(
    type: Text = None, country: Text = None, actor: Text = None, source: Text = None,
    target: Text = None, dyad: Text = None, directed: bool = True, quad_class: Text = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    modality: Text = None, negated: bool | None = None,
    since: Text = None, until: Text = None, text: Text = None, bbox: Text = None,
    place: Text = None, undirected: bool = False,
) -> EventQuery:
    """The event filters every read of events takes (see filters.EventQuery);
    `undirected=true` is `directed=false`, as `tidings query --undirected`."""
    return EventQuery(type=type, country=country, actor=actor, source=source, target=target,
                      dyad=dyad, directed=directed and not undirected,
                      quad_class=quad_class, min_confidence=min_confidence,
                      modality=modality, negated=negated, since=since, until=until,
                      text=text, bbox=bbox, place=place)


Filters = Annotated[EventQuery, Depends(event_query)]
State = Annotated[WebState, Depends(web)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Table = Literal["json", "csv"]


def download(rows: Any, fmt: str, columns: list[str], name: str) -> StreamingResponse:
    return StreamingResponse(chunks(rows, fmt, columns), media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


COLUMNS = {
    "actors": ["actor", "name", "country", "events", "as_source", "as_target",
               "mean_goldstein"],
    "dyads": ["source", "target", "events", "mean_goldstein", "conflict", "cooperation"],
    "timeline": ["period", "key", "events", "mean_goldstein", "share"],
    "change": ["country", "current", "previous", "mean_goldstein", "change"],
}


def _table(rows: list[dict[str, Any]], fmt: str, name: str, body: Any = None) -> Any:
    """A view's rows as JSON (`body`, else the rows) or, with fmt csv, as a download."""
    if fmt == "csv":
        return download(rows, "csv", COLUMNS[name], name)
    return body if body is not None else rows


router = APIRouter(dependencies=[Depends(can_read)])


@router.get("/events", summary="Merged events, newest first, filtered and paginated")
def list_events(request: Request, state: State, q: Filters, limit: Limit = 50,
                cursor: Annotated[str | None, Query(max_length=400)] = None,
                format: Literal["json", "csv", "jsonl", "geojson"] = "json") -> Any:
    """`{"items": [...], "next": cursor|null}`; pass `next` back as `cursor` for the next
    page. With `format` csv, jsonl or geojson: every event of the selection as a file
    (from `cursor`; at most `limit` only when `limit` is given)."""
    if format == "json":
        return queries.events_page(state.cursor(), q, limit, cursor)
    where(q), after_cursor(cursor)  # a bad filter fails now, as a 422, not mid-download
    explicit = limit if "limit" in request.query_params else None

    def rows() -> Iterator[dict[str, Any]]:
        with state.own_cursor() as cur:
            yield from queries.events_stream(cur, q, explicit, cursor)
    return download(rows(), format, queries.EVENT_COLUMNS, "events")


@router.get("/events/{event_id}", summary="One event, its mentions and their offsets")
def get_event(state: State, event_id: str) -> Any:
    detail = event_detail(state.cursor(), event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return detail


@router.get("/events/{event_id}/why", summary="The rules that made each mention")
def event_why(state: State, event_id: str) -> Any:
    """{mention_id: [rule, ...]}: the event's `by`, as stored with each mention when the
    store keeps it, else from coding the mention's article again with this server's coder."""
    mentions = queries.event_mentions(state.cursor(), event_id)
    if not mentions:
        raise HTTPException(404, f"no event {event_id!r}")
    stored = queries.stored_by(state.cursor(), event_id)
    out = {}
    for m in mentions:
        if stored.get(m["mention_id"]):
            out[m["mention_id"]] = stored[m["mention_id"]]
            continue
        article = queries.article_row(state.cursor(), m["article_hash"])
        out[m["mention_id"]] = state.why(article).get(m["local_id"], [])
    return {"event_id": event_id, "by": out}


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(state: State, q: Text = None, limit: Limit = 50,
                  cursor: Annotated[int, Query(ge=0)] = 0) -> Any:
    return queries.articles_page(state.cursor(), q, limit, cursor)


@router.get("/articles/{article_id}", summary="One article: text and annotations")
def get_article(state: State, article_id: str) -> Any:
    row = queries.article_row(state.cursor(), article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id!r}")
    row["annotations"] = queries.article_annotations(state.cursor(), row["hash"])
    return row


@router.get("/actors", summary="Participants: events as source and target")
def list_actors(state: State, q: Filters, limit: Limit = 100, format: Table = "json") -> Any:
    return _table(queries.actors(state.cursor(), q, limit), format, "actors")


@router.get("/dyads", summary="Counts and mean Goldstein per (source, target) pair")
def list_dyads(state: State, q: Filters, limit: Limit = 100, format: Table = "json") -> Any:
    """Directed pairs by default; `directed=false` counts A->B and B->A together."""
    return _table(queries.dyads(state.cursor(), q, q.directed, limit), format, "dyads")


@router.get("/timeline", summary="Events per day, week or month, by quad class or type")
def get_timeline(state: State, q: Filters,
                 interval: Literal["day", "week", "month"] = "week",
                 by: Literal["quad_class", "type", "conflict"] = "quad_class",
                 share: bool = False, format: Table = "json") -> Any:
    """`share=true` adds each count per 100 articles published in the period."""
    rows = queries.timeline(state.cursor(), q, interval, by, share)
    return _table(rows, format, "timeline", {"interval": interval, "by": by, "series": rows})


@router.get("/change", summary="Events per country: the last N weeks against the N before")
def get_change(state: State, q: Filters, weeks: Annotated[int, Query(ge=1, le=104)] = 4,
               end: Annotated[dt.date | None, Query()] = None, format: Table = "json") -> Any:
    body = queries.change(state.cursor(), q, weeks, end)
    return _table(body["countries"], format, "change", body)


@router.get("/map", summary="Located events as GeoJSON points")
def get_map(state: State, q: Filters, limit: Annotated[int, Query(ge=1, le=20000)] = 2000,
            format: Literal["geojson", "csv"] = "geojson") -> Any:
    rows = queries.map_points(state.cursor(), q, limit)
    columns = list(rows[0]) if rows else ["event_id"]
    return download(rows, format, columns, "map") if format == "csv" else \
        JSONResponse(list_geojson(rows), media_type=MEDIA["geojson"])


def list_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(r) for r in rows]}


@router.post("/articles", status_code=201, dependencies=[Depends(can_write)],
             summary="Code and store one article (needs the write token)")
async def post_article(request: Request) -> Any:
    """Body: one JSON object `{"text", "title"?, "published"?, "url"?, "source"?}`, an
    HTML page or plain text. 201 with the stored article, 200 if it was stored already."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"{ORIGIN}: body of {declared} bytes is over {MAX_BODY}")
    body = await request.body()
    state = web(request)
    try:
        stored = await run_in_threadpool(store_article, state, body)
    except BadArticle as exc:
        raise HTTPException(422, str(exc)) from exc
    except TidingsError as exc:  # the model or the store failed: not the request's fault
        raise HTTPException(503, f"{ORIGIN}: {exc}") from exc
    row = queries.article_row(state.cursor(), stored.article_hash)
    row["annotations"] = queries.article_annotations(state.cursor(), stored.article_hash)
    row["created"] = stored.created
    return JSONResponse(row, status_code=201 if stored.created else 200)


def bad_parameter(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BadParameter)
    return JSONResponse({"detail": [{"loc": ["query", exc.name], "msg": exc.message,
                                     "type": "value_error"}]}, status_code=422)
