"""Build `src/pmlint/nlp/given_names.txt`, the given names PM301/PM302 recognise when
spaCy's small entity recognizer does not ("Kofi broke the login flow").

usage: build_given_names.py [OUT]   (needs `pip install faker`; not a runtime dependency)

The curated `given_names` word class (rules/core/lexicons/language.yaml) is mostly English
and goes into the cheap pass's regex; this list is only looked up (a set) for a capitalised
proper noun the entity recognizer leaves unlabelled. It comes from Faker's first-name lists
(MIT licence, https://github.com/joke2k/faker), which cover sixty locales: a name is kept
when two locales list it, or when a locale outside Europe and North America does (so that
Ghanaian, Indian, Indonesian or Turkish names are there, and the thousands of rare entries
of the US list are not). Names that are also English words, months, or the names of tools
and products ("Hugo", "Ruby", "Apollo") are left out: as a capitalised word at the start of
a sentence they would read as a person.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "pmlint" / "nlp" / "given_names.txt"

# Locales whose own names are kept even when no other locale lists them.
WIDER = {
    "en_IN", "en_KE", "en_NG", "en_PK", "en_TH", "hi_IN", "tw_GH", "yo_NG", "ig_NG", "ha_NG",
    "sw", "zu_ZA", "id_ID", "vi_VN", "ja_JP", "zh_CN", "zh_TW", "ko_KR", "tr_TR", "az_AZ",
    "uz_UZ", "fr_DZ", "ar_AA", "fa_IR", "es_MX", "es_CO", "es_AR", "es_CL", "pt_BR",
}  # fmt: skip
# Names that are far more often something else in an incident report.
NOT_NAMES = {
    # tools, products, projects, services
    "ada", "apollo", "ares", "argo", "athena", "atlas", "aurora", "cassandra", "celeste",
    "django", "electra", "ember", "flora", "gaia", "helena", "hermes", "hugo", "iris",
    "jasmine", "julia", "juno", "kafka", "kali", "luna", "mercedes", "mercury", "minerva",
    "nova", "odin", "orion", "pandora", "phoenix", "ruby", "sage", "selena", "sierra",
    "siri", "spark", "thor", "titan", "vega", "venus", "vesta", "zeus", "zoe", "cosmo",
    # places often written in reports (regions, cities)
    "paris", "florence", "victoria", "austin", "sydney", "jackson", "lincoln", "charlotte",
    "madison", "georgia", "virginia", "carolina", "dallas", "orlando",
    "savannah", "chelsea", "camden", "denver", "houston", "sofia", "santiago", "lima",
    "london", "berlin", "dublin", "vienna", "china", "india", "asia", "africa", "america",
    # months, days, seasons
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "summer", "autumn", "winter", "spring",
    # words first
    "will", "mark", "grant", "bill", "guy", "hope", "faith", "joy", "grace", "rose", "dawn",
    "chase", "hunter", "miles", "page", "lane", "drew", "rich", "cliff", "wade", "art",
    "pat", "sue", "don", "ray", "max", "frank", "sandy", "penny", "amber", "crystal", "ivy",
    "lily", "violet", "pearl", "gene", "dean", "sky", "river", "stone", "storm", "rain",
    "reed", "rod", "gay", "buck", "patience", "harmony", "destiny", "justice", "honor",
    "liberty", "trinity", "unity", "precious", "royal", "major", "king", "prince", "duke",
    "earl", "baron", "bishop", "carter", "cooper", "mason", "parker", "porter", "tanner",
    "taylor", "walker", "baker", "fisher", "marshal", "marshall", "sterling",
    "forest", "forrest", "glen", "dale", "heath", "brook", "ford", "case", "kit", "jack",
    "bob", "nick",
}  # fmt: skip
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'-]{2,}$")
_ATTRIBUTES = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)


def locale_names() -> dict[str, set[str]]:
    """Each Faker locale's first names in Latin script."""
    import faker.providers.person as person  # type: ignore[import-not-found]

    found: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        names: set[str] = set()
        for attribute in _ATTRIBUTES:
            value = getattr(provider, attribute, None)
            if not isinstance(value, dict | list | tuple | set):
                continue
            for name in value.keys() if isinstance(value, dict) else value:
                if isinstance(name, str) and _LATIN.match(name) and not name.isupper():
                    names.add(name.lower())
        found[module.name] = names
    return found


def english_words() -> set[str]:
    """Common English words (Faker's lorem list) and the words pmlint knows as things."""
    from faker.providers.lorem.en_US import Provider  # type: ignore[import-not-found]

    words = {w.lower() for w in Provider.word_list}
    lexicon = yaml.safe_load((REPO / "rules/core/lexicons/language.yaml").read_text())
    for name in ("things", "people", "groups", "production_words"):
        words |= {w.lower() for w in lexicon["words"].get(name, [])}
    return words


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    by_locale = locale_names()
    counts = Counter(name for names in by_locale.values() for name in names)
    kept = {name for name, count in counts.items() if count >= 2}
    for locale, names in by_locale.items():
        if locale in WIDER:
            kept |= names
    kept -= english_words() | NOT_NAMES
    header = (
        "# Given names for PM301/PM302 (see scripts/build_given_names.py, which wrote this).\n"
        "# From Faker's first-name lists, MIT licence, https://github.com/joke2k/faker\n"
    )
    out.write_text(header + "\n".join(sorted(kept)) + "\n", encoding="utf-8")
    print(f"{out}: {len(kept)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
