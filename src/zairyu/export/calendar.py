"""The deadlines of a screening as an iCalendar file (RFC 5545) to import into a calendar.

One all-day event per deadline of every pathway. A deadline's UID is derived from the pathway,
the deadline and its date only, never from facts of the case, so importing a newer export
(or the other language) updates the events instead of duplicating them, and a changed date is
a new event. 'due' deadlines carry a reminder 14 days before.
"""

from __future__ import annotations

import datetime as dt
import uuid

from icalendar import Alarm, Calendar, Event

from zairyu import __version__
from zairyu.i18n import translations
from zairyu.report import DeadlineOut, PathwayOut, ScreeningOut, format_date

PRODID = f"-//zairyu//zairyu {__version__}//EN"
# A fixed namespace for the UIDs: changing it would duplicate every imported event.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://zairyu.invalid/deadline")
REMINDER = dt.timedelta(days=14)


def deadline_uid(pathway_id: str, deadline_id: str, day: dt.date) -> str:
    """A stable UID from the pathway, the deadline and its date: nothing else of the case."""
    key = f"{pathway_id}/{deadline_id}/{day.isoformat()}"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@zairyu"


def deadlines_ics(result: ScreeningOut) -> bytes:
    """Every deadline of every pathway as an all-day event, in `result.lang`."""
    _ = translations(result.lang).gettext
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("zairyu deadlines"))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for pathway in result.pathways:
        for deadline in pathway.deadlines:
            calendar.add_component(_event(result, pathway, deadline, stamp))
    ics: bytes = calendar.to_ical()
    return ics


def _event(
    result: ScreeningOut, pathway: PathwayOut, deadline: DeadlineOut, stamp: dt.datetime
) -> Event:
    _ = translations(result.lang).gettext
    summary = _("{pathway}: {deadline}").format(pathway=pathway.title, deadline=deadline.text)
    kind = (
        _("Last day to act: it must be done by this day.")
        if deadline.kind == "due"
        else _("First day you may act: it can be done from this day.")
    )
    cited = {c.id: c for c in pathway.citations}
    citations = [cited[i] for i in deadline.citations if i in cited]
    sources = [f"- {c.title} — {c.section}: {c.url}" for c in citations]
    description = "\n".join(
        [
            kind,
            deadline.text,
            _("Evaluation date: {date}").format(date=format_date(result.as_of, result.lang)),
            "",
            _("Sources"),
            *sources,
            "",
            _(
                "Not legal advice: check with a lawyer or an administrative scrivener before you"
                " act."
            ),
        ]
    )
    event = Event()
    event.add("uid", deadline_uid(pathway.id, deadline.id, deadline.date))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.date)
    event.add("dtend", deadline.date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    if citations:
        event.add("url", citations[0].url)
    if deadline.kind == "due":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER)
        alarm.add(
            "description",
            _("Due in 14 days: {summary}").format(summary=summary),
        )
        event.add_component(alarm)
    return event
