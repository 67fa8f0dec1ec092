"""Write `fixtures/former_provinces.csv`: the 63 provinces in force until 30 June 2025 and the province of the 34 that
each became part of.

    pip download vietnam-provinces==0.6.0 --no-deps -d /tmp/vp06
    python tools/former_provinces.py /tmp/vp06/vietnam_provinces-0.6.0-py3-none-any.whl > fixtures/former_provinces.csv

Where each column comes from:
- `code`, `codename`, `phone_code`: the 63 provinces of `vietnam-provinces` 0.6.0 (its data retrieved on 2025-01-04
  from the General Statistics Office's list), read from the wheel itself, never installed: the project pins the
  2025 release, which lists the 34 only.
- `name`: the same package's name, without the leading “Tỉnh ” (the 2025 release names a province “Cao Bằng” and a
  centrally governed city “Thành phố Hà Nội”; the former provinces are written the same way). Its spelling is kept
  (“Hoà Bình”, as the statistics office writes it). Code 46 is “Thành phố Huế”, the centrally governed city made of
  Thừa Thiên Huế on 1 January 2025 (Nghị quyết 1314/NQ-UBTVQH15), which the 2025-01-04 data already name.
- `division_type`: 0.6.0 types all 63 as “tỉnh”; the six whose name begins “Thành phố” are the centrally governed
  cities (Hà Nội, Hải Phòng, Huế, Đà Nẵng, Thành phố Hồ Chí Minh, Cần Thơ) and are typed “thành phố trung ương”,
  as the 2025 release types them.
- `valid_to`: 30 June 2025, the day before Nghị quyết 202/2025/QH15 of 12 June 2025 came into force.
- `successor`: the province of the 34 it became part of, per Nghị quyết 202/2025/QH15, Điều 1 (the 23 merged
  provinces; the 11 others continue as themselves), named as the installed package (the 2025 release) names it:
  the loader finds it among the provinces in force by that name, never by a typed code (several new provinces took
  a former one's code: Lào Cai is 15, Yên Bái's).

The script checks what it writes: 63 former provinces, each named once in the resolution, every successor a province
the installed package lists, and each of the 34 with at least one former province.
"""

from __future__ import annotations

import csv
import json
import sys
import zipfile
from pathlib import Path

import vietnam_provinces

VERSION = "0.6.0"
DATA = "vietnam_provinces/data/nested-divisions.json"
VALID_TO = "2025-06-30"
RESOLUTION = "Nghị quyết 202/2025/QH15, Điều 1"
SOURCE = f"vietnam-provinces {VERSION} (2025-01-04); {RESOLUTION}"

# Nghị quyết 202/2025/QH15, Điều 1: each province of the 34 (as the 2025 release of the package names it) and the
# former provinces it was made of (as 0.6.0 names them, without “Tỉnh ”), in the resolution's order.
MERGED: dict[str, tuple[str, ...]] = {
    "Tuyên Quang": ("Hà Giang", "Tuyên Quang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Bắc Kạn", "Thái Nguyên"),
    "Phú Thọ": ("Vĩnh Phúc", "Phú Thọ", "Hoà Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Thành phố Hải Phòng": ("Hải Dương", "Thành phố Hải Phòng"),
    "Ninh Bình": ("Hà Nam", "Ninh Bình", "Nam Định"),
    "Quảng Trị": ("Quảng Bình", "Quảng Trị"),
    "Thành phố Đà Nẵng": ("Quảng Nam", "Thành phố Đà Nẵng"),
    "Quảng Ngãi": ("Kon Tum", "Quảng Ngãi"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Ninh Thuận", "Khánh Hòa"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Thành phố Hồ Chí Minh": ("Bà Rịa - Vũng Tàu", "Bình Dương", "Thành phố Hồ Chí Minh"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Thành phố Cần Thơ": ("Thành phố Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Bến Tre", "Vĩnh Long", "Trà Vinh"),
    "Đồng Tháp": ("Tiền Giang", "Đồng Tháp"),
    "Cà Mau": ("Bạc Liêu", "Cà Mau"),
    "An Giang": ("Kiên Giang", "An Giang"),
}
# The 11 that were not merged (Điều 1, khoản 1 to 23 name the others): each continues as itself, under its name.
UNCHANGED = (
    "Thành phố Hà Nội",
    "Thành phố Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
)
PROVINCE_PREFIX = "Tỉnh "
CITY_PREFIX = "Thành phố "
COLUMNS = ["code", "name", "division_type", "codename", "phone_code", "valid_to", "successor", "source"]


def former_provinces(wheel: Path) -> list[dict[str, object]]:
    with zipfile.ZipFile(wheel) as archive:
        provinces = json.loads(archive.read(DATA))
    successor_of: dict[str, str] = {name: name for name in UNCHANGED}
    for successor, names in MERGED.items():
        for name in names:
            if name in successor_of:
                raise SystemExit(f"{name} is named twice in the resolution's mapping")
            successor_of[name] = successor
    rows = []
    for province in provinces:
        name = province["name"].removeprefix(PROVINCE_PREFIX)
        if name not in successor_of:
            raise SystemExit(f"{province['code']:02d} {name}: not in the resolution's mapping")
        rows.append(
            {
                "code": f"{province['code']:02d}",
                "name": name,
                "division_type": "thành phố trung ương" if name.startswith(CITY_PREFIX) else "tỉnh",
                "codename": province["codename"],
                "phone_code": province["phone_code"],
                "valid_to": VALID_TO,
                "successor": successor_of.pop(name),
                "source": SOURCE,
            }
        )
    if successor_of or len(rows) != 63:
        raise SystemExit(f"{len(rows)} former provinces read; in the mapping but not in the package: {successor_of}")
    current = {p.name for p in vietnam_provinces.Province.iter_all()}
    successors = {str(row["successor"]) for row in rows}
    if successors != current:
        raise SystemExit(f"not in the package: {successors - current}; without a former one: {current - successors}")
    return rows


def main() -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(former_provinces(Path(sys.argv[1])))


if __name__ == "__main__":
    main()
