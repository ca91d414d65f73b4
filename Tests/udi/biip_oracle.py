"""GS1 UDI scans with a known answer from the `biip` library, for Tests/InteropTests/UDIOracleTests.swift.

Generates COUNT element strings from SEED (bracketed and raw, with and without symbology identifiers, valid and
corrupted), reads each with biip in this one process and prints one JSON line per case:
  {"scan", "form", "corruption", "truth": {...as encoded...}, "biip": {...} or {"refused": "why"}}
after a first line {"today": "YYYY-MM-DD"}: biip resolves two-digit years around the current date.

A UDI names its device by GTIN, so a message without AI (01), or whose GTIN fails its check digit (biip keeps
that as `gtin_error` instead of raising), counts as refused.
"""
import datetime as dt
import json
import random
import sys

from biip import ParseError, parse
from biip.gs1_application_identifiers import _GS1_APPLICATION_IDENTIFIERS as KNOWN
from biip.gs1_messages import GS1Message

GS = "\x1d"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# GS1 character set 82 without the parentheses, which the bracketed form cannot carry unambiguously.
CSET82 = "!\"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
PREDEFINED = {"01", "11", "17"}  # predefined length: never followed by GS


def gtin(rng):
    body = [rng.randrange(10) for _ in range(13)]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def text(rng, longest):
    alphabet = ALNUM if rng.random() < 0.7 else CSET82
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest)))


def yymmdd(rng, day_zero=True):
    month = rng.randint(1, 12)
    day = rng.randint(0 if day_zero else 1, 28 if month == 2 else 30)
    return f"{rng.randrange(100):02d}{month:02d}{day:02d}"


def element_list(rng):
    elements = [("01", gtin(rng))]
    if rng.random() < 0.5:
        elements.append(("17", yymmdd(rng)))
    elif rng.random() < 0.3:
        elements.append(("7003", yymmdd(rng, day_zero=False) + f"{rng.randrange(24):02d}{rng.randrange(60):02d}"))
    if rng.random() < 0.3:
        elements.append(("11", yymmdd(rng)))
    if rng.random() < 0.7:
        elements.append(("10", text(rng, 20)))
    if rng.random() < 0.6:
        elements.append(("21", text(rng, 20)))
    if rng.random() < 0.15:
        elements.append(("30", str(rng.randint(1, 99_999_999))))
    if rng.random() < 0.15:
        elements.append(("240", text(rng, 30)))
    head, tail = elements[:1], elements[1:]
    rng.shuffle(tail)
    if rng.random() < 0.8:
        return head + tail
    everything = head + tail
    rng.shuffle(everything)
    return everything


def unknown_ai(rng):
    while True:
        candidate = f"{rng.randrange(10_000):04d}"
        if not any(candidate.startswith(ai) for ai in KNOWN):
            return candidate[: rng.randint(2, 4)]


def corrupt(rng, elements, form):
    """Returns (corruption, elements, drop_separator)."""
    choices = ["check_digit", "unknown_ai", "bad_date", "missing_gtin", "bad_length"]
    if form != "bracketed":
        choices += ["dropped_separator"] * 3
    kind = rng.choice(choices)
    elements = list(elements)
    if kind == "check_digit":
        i = next(i for i, (ai, _) in enumerate(elements) if ai == "01")
        value = elements[i][1]
        elements[i] = ("01", value[:-1] + str((int(value[-1]) + rng.randint(1, 9)) % 10))
    elif kind == "unknown_ai":
        elements.insert(rng.randint(0, len(elements)), (unknown_ai(rng), text(rng, 8)))
    elif kind == "bad_date":
        dated = [i for i, (ai, _) in enumerate(elements) if ai in ("11", "17", "7003")]
        if not dated:
            elements.append(("17", "000000"))
            dated = [len(elements) - 1]
        i = rng.choice(dated)
        ai, value = elements[i]
        yy = value[:2]
        bad = rng.choice([f"{yy}13{value[4:6]}", f"{yy}0232", f"{yy}0230", f"{yy}0431", f"{yy}00{value[4:6]}"])
        elements[i] = (ai, bad + value[6:] if ai != "7003" else bad + rng.choice(["2400", "1260", value[6:]]))
    elif kind == "missing_gtin":
        elements = [e for e in elements if e[0] != "01"]
    elif kind == "bad_length":
        i = next(i for i, (ai, _) in enumerate(elements) if ai == "01")
        if rng.random() < 0.5 or form != "bracketed":
            elements[i] = ("01", elements[i][1][:-1])
        else:
            elements.append(("10", text(rng, 5) + "X" * 20))
    return kind, elements, kind == "dropped_separator"


def render(elements, form, rng, drop_separator):
    if form == "bracketed":
        return "".join(f"({ai}){value}" for ai, value in elements)
    parts = []
    gaps = []
    for i, (ai, value) in enumerate(elements):
        parts.append(ai + value)
        if i < len(elements) - 1 and ai not in PREDEFINED:
            gaps.append(len(parts))
            parts.append(GS)
    if drop_separator and gaps:
        del parts[rng.choice(gaps)]
    prefix = {"raw": "", "d2": "]d2", "C1": "]C1", "Q3": "]Q3", "fnc1": GS}[form]
    return prefix + "".join(parts)


def read_with_biip(scan):
    try:
        if scan.startswith("("):
            message = GS1Message.parse_hri(scan)
        else:
            result = parse(scan)
            if result.gs1_message is None:
                return {"refused": result.gs1_message_error or "not a GS1 message"}
            message = result.gs1_message
    except ParseError as error:
        return {"refused": str(error)}
    found = {}
    for element in message.element_strings:
        found[element.ai.ai] = element
    gtin_element = found.get("01")
    if gtin_element is None:
        return {"refused": "no GTIN, AI (01)"}
    if gtin_element.gtin is None:
        return {"refused": gtin_element.gtin_error}
    expiry = found.get("17") or found.get("7003")
    expiry_time = found.get("7003")
    return {
        "gtin": gtin_element.value,
        "lot": found["10"].value if "10" in found else None,
        "serial": found["21"].value if "21" in found else None,
        "expiry": expiry.date.isoformat() if expiry else None,
        "expiryTime": expiry_time.datetime.strftime("%H:%M") if expiry_time and expiry_time.datetime else None,
        "productionDate": found["11"].date.isoformat() if "11" in found else None,
        "quantity": int(found["30"].value) if "30" in found else None,
        "additionalProductId": found["240"].value if "240" in found else None,
    }


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    print(json.dumps({"today": dt.date.today().isoformat()}))
    for _ in range(count):
        form = rng.choice(["bracketed", "bracketed", "raw", "d2", "C1", "Q3", "fnc1"])
        elements = element_list(rng)
        truth = dict(elements)
        corruption, drop = None, False
        if rng.random() < 0.5:
            corruption, elements, drop = corrupt(rng, elements, form)
        scan = render(elements, form, rng, drop)
        print(json.dumps({"scan": scan, "form": form, "corruption": corruption,
                          "truth": truth, "biip": read_with_biip(scan)}))


if __name__ == "__main__":
    main()
