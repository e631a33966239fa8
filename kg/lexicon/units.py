"""Official administrative units of Việt Nam, from the ``vietnamadminunits`` package.

Two lists: the units before the 2025 reorganisation (province, district, commune level,
10,040 communes) and those after it (province and commune level, 3,321 communes), each
with its official code, plus which pre-2025 communes were merged into which new one.
Units are looked up by *key*: the name with its level word, diacritics folded and
everything but letters and digits dropped ("Phường Vĩnh Trại" -> "phuongvinhtrai"), the
package's own scheme.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..text.normalise import ascii_fold

#: The reorganisation of 2025 took effect on this date (Resolution 202/2025/QH15).
REORGANISED = "2025-07-01"


def unit_key(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


@dataclass(frozen=True)
class Unit:
    code: str  # official code: "05977"
    name: str  # official name: "Phường Vĩnh Trại"
    level: str  # "phường", "xã", "thị trấn"
    short: str  # "Vĩnh Trại"
    province: str  # "Tỉnh Lạng Sơn"
    district: str  # "Thành phố Lạng Sơn" ("" for units after 2025)
    era: str  # "legacy" (before 2025-07-01) or "2025"

    @property
    def key(self) -> str:
        return unit_key(self.name)

    @property
    def iri_key(self) -> str:
        """What identifies the unit in kg IRIs: its code, and the era for new units
        (the 2025 list reuses old codes for other communes)."""
        return self.code if self.era == "legacy" else f"{self.code}-2025"


class Gazetteer:
    def __init__(self):
        data = resources.files("vietnamadminunits").joinpath("data")
        db = sqlite3.connect(f"file:{data.joinpath('dataset.db')}?mode=ro", uri=True)
        self.wards: dict[str, list[Unit]] = defaultdict(list)
        self._legacy_by_path: dict[str, Unit] = {}
        self._by_district: dict[str, list[Unit]] = defaultdict(list)  # pre-2025 communes
        #: Provinces and districts (before 2025) and provinces (after): key -> (code, name).
        self.areas: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for code, name in db.execute("SELECT DISTINCT provinceCode, province FROM admin_units_legacy "
                                     "UNION SELECT DISTINCT districtCode, district FROM admin_units_legacy "
                                     "ORDER BY 1"):
            if code and name:
                self.areas[unit_key(name)].append((code, name))
        for row in db.execute("SELECT wardCode, ward, wardType, wardShort, province, district, "
                              "provinceKey, districtKey, wardKey FROM admin_units_legacy WHERE wardCode IS NOT NULL "
                              "ORDER BY wardCode"):
            u = Unit(row[0], row[1], row[2].lower(), row[3], row[4], row[5], "legacy")
            self.wards[u.key].append(u)
            self._legacy_by_path[f"{row[6]}_{row[7]}_{row[8]}"] = u
            self._by_district[unit_key(u.district)].append(u)
        self._new_by_key: dict[tuple[str, str], Unit] = {}
        for row in db.execute("SELECT wardCode, ward, wardType, wardShort, province, provinceKey, wardKey "
                              "FROM admin_units WHERE wardCode IS NOT NULL ORDER BY wardCode"):
            u = Unit(row[0], row[1], row[2].lower(), row[3], row[4], "", "2025")
            self.wards[u.key].append(u)
            self._new_by_key[(row[5], row[6])] = u
        db.close()
        self._successor: dict[Unit, Unit] = {}
        conv = json.loads(data.joinpath("converter_2025.json").read_text(encoding="utf-8"))
        for province, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_key, old_paths in wards.items():
                new = self._new_by_key.get((province, new_key))
                for path in old_paths:
                    old = self._legacy_by_path.get(path)
                    if old and new:
                        self._successor[old] = new
        for province, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
            for path, parts in olds.items():
                old = self._legacy_by_path.get(path)
                default = [p for p in parts if p.get("isDefaultNewWard")]
                if old and default:
                    new = self._new_by_key.get((province, default[0]["newWardKey"]))
                    if new:
                        self._successor[old] = new

    def lookup(self, text: str) -> list[Unit]:
        """Every unit named ``text`` ("phường Vĩnh Trại", any case and tone placement)."""
        return self.wards.get(unit_key(text), [])

    def area(self, text: str) -> tuple[str, str] | None:
        """(official code, official name) of the province or district named ``text``
        ("tỉnh Lạng Sơn", "huyện Chi Lăng"), when exactly one unit bears that name."""
        found = self.areas.get(unit_key(text), [])
        return found[0] if len(found) == 1 else None

    def is_area(self, text: str) -> bool:
        """Whether some province or district is named ``text`` (one or several)."""
        return bool(self.areas.get(unit_key(text)))

    def person_like_names(self, surnames: frozenset[str]) -> frozenset[str]:
        """Official unit names that read like a person's full name: three or more
        syllables, the first a family name ("Hoàng Văn Thụ", "Hồ Chí Minh")."""
        names = {re.sub(r"^(?:Tỉnh|Thành phố|Quận|Huyện|Thị xã)\s+", "", name)
                 for found in self.areas.values() for _, name in found}
        names |= {u.short for units in self.wards.values() for u in units}
        return frozenset(n for n in names if len(n.split()) >= 3 and n.split()[0] in surnames)

    def in_district(self, district: str) -> list[Unit]:
        """The pre-2025 communes of a district or city ("thành phố Lạng Sơn")."""
        return list(self._by_district.get(unit_key(district), ()))

    def successor(self, unit: Unit) -> Unit | None:
        """The 2025 commune a pre-2025 commune was merged into, if it was."""
        return self._successor.get(unit)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
