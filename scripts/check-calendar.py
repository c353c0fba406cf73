#!/usr/bin/env python3
"""Reads iCalendar files with a real parser (the `icalendar` package) and prints, as JSON, what a
calendar application would take from each event: UID, SEQUENCE, STATUS, start and end in UTC,
place, summary — and every defect found: a parser error, a line over 75 octets, a line not ended
by CRLF, a time zone the parser cannot resolve. Used by the tests of `huisclos seances calendrier`.

    .build-tools/venv/bin/python scripts/check-calendar.py s1.ics [more.ics …]
"""
import json
import sys
from datetime import datetime, timezone

import icalendar


def check(path):
    raw = open(path, "rb").read()
    defects = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        defects.append("the file does not end with CRLF")
    for number, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            defects.append(f"line {number}: a bare LF or CR")
        if len(line) > 75:
            defects.append(f"line {number}: {len(line)} octets (over 75)")
    try:
        calendar = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    except Exception as error:  # the parser's refusal is the finding
        return {"file": path, "defects": defects + [f"parser: {error}"], "events": []}
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            defects.append(f"{component.name}: {error}")
    events = []
    for event in calendar.walk("VEVENT"):
        def utc(name):
            value = event.get(name)
            if value is None:
                return None
            moment = value.dt
            if isinstance(moment, datetime):
                if moment.tzinfo is None:
                    defects.append(f"{name} is a floating time (no time zone)")
                    return moment.isoformat()
                return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            return moment.isoformat()  # a DATE: a whole-day event
        events.append({
            "uid": str(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS")),
            "start": utc("DTSTART"),
            "end": utc("DTEND"),
            "location": str(event.get("LOCATION")),
            "summary": str(event.get("SUMMARY")),
            "description": str(event.get("DESCRIPTION")),
        })
    return {"file": path, "method": str(calendar.get("METHOD")), "defects": defects, "events": events}


if __name__ == "__main__":
    results = [check(path) for path in sys.argv[1:]]
    print(json.dumps(results, ensure_ascii=False))
    sys.exit(1 if any(result["defects"] for result in results) else 0)
