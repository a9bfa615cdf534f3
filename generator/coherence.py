"""Rules within one record: a decision's dates, figures, deadlines and corrections agree with each
other and with the day the data are shown as of, and a requirement's versions are in order.

They need no other record, unlike the references (references.py); validation runs both over
every record that passed the schema.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from generator.crosscheck import at
from generator.document import Path_, Placing
from generator.errors import Problem
from generator.model import DecisionOutcome, FigureUnit, FollowUp, Period, Reply, Requirement


def version_order(requirement: Requirement, document: Placing) -> Iterator[Problem]:
    """Versions are listed oldest first: the page shows each one's changes from the one before."""
    previous: dt.date | None = None
    for index, version in enumerate(requirement.versions):
        if version.valid_from is None:
            continue
        if previous is not None and version.valid_from < previous:
            yield at(
                document,
                ("versions", index, "valid_from"),
                f"versionen gäller från {version.valid_from.isoformat()}, före den föregående versionen"
                f" ({previous.isoformat()})",
                "skriv versionerna äldsta först, och kontrollera datumen",
            )
        previous = version.valid_from


def decision_outcome(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    deficient = [outcome for outcome in followup.outcomes if outcome.status.deficient]
    outcome = followup.decision.outcome
    if outcome is DecisionOutcome.CLOSED and deficient:
        yield at(
            document,
            ("decision", "outcome"),
            f"beslutet avslutar uppföljningen men {len(deficient)} krav har brister",
            "ändra beslutet till action_plan_required eller rätta utfallen",
        )
    if outcome is DecisionOutcome.ACTION_PLAN_REQUIRED and not deficient and not followup.partial:
        yield at(
            document,
            ("decision", "outcome"),
            "beslutet kräver en åtgärdsplan men inget krav har brister",
            "ändra beslutet till closed eller rätta utfallen",
        )


def deadlines(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    """A decision sets dates after its own: a deadline cannot have passed when it is set."""
    for index, deadline in enumerate(followup.decision.deadlines):
        if followup.date is not None and deadline.date < followup.date:
            yield at(
                document,
                ("decision", "deadlines", index, "date"),
                f"datumet {deadline.date.isoformat()} ligger före beslutsdatumet {followup.date.isoformat()}",
                "ett beslut sätter datum efter sitt eget; kontrollera datumet",
            )


def figures(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    """A share is 0–100 %, and a period measured for a decision ends after it starts and
    starts before the decision is taken."""
    for i, outcome in enumerate(followup.outcomes):
        for j, figure in enumerate(outcome.figures):
            here = ("outcomes", i, "figures", j)
            if figure.unit is FigureUnit.PERCENT and figure.value > 100:
                yield at(
                    document,
                    (*here, "value"),
                    f"andelen {figure.value} % är större än 100 %",
                    "en andel i procent ligger mellan 0 och 100; skriv ett antal med `unit: count`",
                )
            if figure.period is not None:
                yield from _period(figure.period, followup.date, document, (*here, "period"))


def _period(period: Period, decided: dt.date | None, document: Placing, here: Path_) -> Iterator[Problem]:
    start, end = _first_day(period.start), _last_day(period.end)
    if end < start:
        yield at(
            document,
            (*here, "end"),
            f"perioden slutar {period.end} men börjar {period.start}",
            "kontrollera periodens början och slut; `start` är den första dagen eller månaden",
        )
    if decided is not None and start > decided:
        yield at(
            document,
            (*here, "start"),
            f"perioden börjar {period.start}, efter beslutsdatumet {decided.isoformat()}",
            "en granskning gäller tiden före beslutet; kontrollera perioden",
        )


def replies(followup: FollowUp, document: Placing, as_of: dt.date) -> Iterator[Problem]:
    """A reply comes in after the decision and before the data are published."""
    replies: list[tuple[Path_, Reply | None]] = [(("provider_reply",), followup.provider_reply)]
    replies += [(("outcomes", i, "provider_reply"), o.provider_reply) for i, o in enumerate(followup.outcomes)]
    for here, reply in replies:
        if reply is None:
            continue
        date = reply.date.isoformat()
        if reply.date > as_of:
            yield at(
                document,
                (*here, "date"),
                f"svarsdatumet {date} ligger efter {as_of.isoformat()}",
                "ett svar som har kommit in kan inte ha ett datum i framtiden; kontrollera datumet",
            )
        elif followup.date is not None and reply.date < followup.date:
            yield at(
                document,
                (*here, "date"),
                f"svarsdatumet {date} ligger före beslutsdatumet {followup.date.isoformat()}",
                "utföraren svarar på ett beslut som redan är fattat; kontrollera datumet",
            )


def next_follow_up(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    planned = followup.next_follow_up
    if planned is not None and followup.date is not None and planned <= followup.date:
        yield at(
            document,
            ("next_follow_up",),
            f"nästa uppföljning {planned.isoformat()} ligger inte efter beslutsdatumet {followup.date.isoformat()}",
            "ange dagen då nästa uppföljning är planerad, efter beslutets datum",
        )


def corrections(followup: FollowUp, document: Placing, as_of: dt.date) -> Iterator[Problem]:
    """Corrections follow the decision, oldest first, none of them in the future. One problem
    per date, the first that applies: a place is reported once."""
    previous: dt.date | None = None
    for index, correction in enumerate(followup.corrections):
        here = ("corrections", index, "date")
        date = correction.date.isoformat()
        if correction.date > as_of:
            yield at(
                document,
                here,
                f"rättelsens datum {date} ligger efter {as_of.isoformat()}",
                "en rättelse kan inte ha ett datum i framtiden; kontrollera datumet",
            )
        elif followup.date is not None and correction.date < followup.date:
            yield at(
                document,
                here,
                f"rättelsens datum {date} ligger före beslutsdatumet {followup.date.isoformat()}",
                "ett beslut rättas efter att det har fattats; kontrollera datumet",
            )
        elif previous is not None and correction.date < previous:
            yield at(
                document,
                here,
                f"rättelsens datum {date} ligger före den föregående rättelsens ({previous.isoformat()})",
                "skriv rättelserna i datumordning, äldsta först, och en ny rättelse sist",
            )
        previous = correction.date


def printed_date(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    """A date printed as six digits (YYMMDD) must be the same day as `date`."""
    printed = (followup.date_as_printed or "").strip()
    if followup.date is None or not re.fullmatch(r"\d{6}", printed):
        return
    if printed != followup.date.strftime("%y%m%d"):
        yield at(
            document,
            ("date_as_printed",),
            f"det tryckta datumet {printed} (ÅÅMMDD) är inte samma dag som `date` {followup.date.isoformat()}",
            "rätta `date` eller `date_as_printed` så att de anger samma dag",
        )


def _first_day(value: dt.date | str) -> dt.date:
    """A period's bound as a day: a month (YYYY-MM) starts on its first."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(f"{value}-01")


def _last_day(value: dt.date | str) -> dt.date:
    """A period's bound as a day: a month (YYYY-MM) ends on its last."""
    if isinstance(value, dt.date):
        return value
    first = _first_day(value)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
